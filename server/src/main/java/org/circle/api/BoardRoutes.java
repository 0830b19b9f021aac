package org.circle.api;

import org.circle.board.BoardDirectory;
import org.circle.protocol.BoardLimits;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.circle.http.Api;
import org.circle.error.Refusal;
import org.circle.http.Call;
import org.circle.input.JsonBody;
import org.circle.input.Schema;
import org.circle.board.BoardInfo;
import org.circle.http.Operation;
import org.circle.http.Policy;
import org.circle.http.Reply;
import org.circle.lifecycle.Phase;

/**
 * Boards of a community: a facilitator creates them, the people in the room list them. What is on
 * a board travels over the WebSocket (docs/protocol.md), never through these routes.
 */
public final class BoardRoutes {
  private static final int MAX_KIND = 40;
  static final Operation.Tag TAG = new Operation.Tag("board",
      "Boards of a community; what is on them travels over the WebSocket (docs/protocol.md).");
  private static final Schema.Obj NEW_BOARD = Schema.object()
      .required("title", Schema.text(1, BoardLimits.MAX_TITLE))
      .optional("kind", Schema.text(1, MAX_KIND).byDefault("free").describe("the agenda segment the board serves, or free"))
      .optional("anonymous", Schema.bool().byDefault(false).describe("authors are stored but shown to nobody but themselves"))
      .optional("voteBudget", Schema.whole(0, BoardLimits.MAX_VOTE_BUDGET).byDefault(5).describe("votes each member may give"))
      .named("NewBoard");

  private final BoardDirectory directory;

  public BoardRoutes(BoardDirectory directory) {
    this.directory = directory;
  }

  public void register(Api api) {
    api.post("/communities/:communityId/boards").id("createBoard").tag(TAG)
        .summary("Create a board; its cards travel over the WebSocket (docs/protocol.md)").allow(Policy.FACILITATOR)
        .param(Params.COMMUNITY)
        .body(NEW_BOARD, new JsonObject().put("title", "Ideas and experiments").put("kind", "ideas").put("anonymous", false).put("voteBudget", 5))
        .answers(201, "The new board", BoardInfo.SCHEMA)
        .refuses(409, "The community is archived")
        .handle(this::create);
    // Board titles are room content: sponsors do not see them.
    api.get("/communities/:communityId/boards").id("listBoards").tag(TAG)
        .summary("Boards of the community (not for sponsors: titles are room content)").allow(Policy.IN_THE_ROOM)
        .param(Params.COMMUNITY)
        .answers(200, "The boards", Schema.object().required("boards", Schema.list(BoardInfo.SCHEMA)).named("Boards"))
        .handle(this::list);
  }

  private Future<Reply> create(Call call) {
    JsonBody body = call.body();
    String title = body.string("title");
    String kind = body.string("kind");
    int voteBudget = body.integer("voteBudget");
    boolean anon = body.bool("anonymous");
    return directory.phaseOf(call.communityId()).compose(phase -> {
      if (phase.filter(Phase.ARCHIVED.wireName()::equals).isPresent()) {
        throw Refusal.conflict("This community is archived: its boards can be read but no board can be added.");
      }
      return directory.create(call.communityId(), call.principal().accountId(),
          new BoardDirectory.NewBoard(title, kind, anon, voteBudget));
    }).map(board -> Reply.created(board.toJson()));
  }

  private Future<Reply> list(Call call) {
    return directory.list(call.communityId()).map(boards -> {
      JsonArray list = new JsonArray();
      boards.forEach(b -> list.add(b.toJson()));
      return Reply.ok(new JsonObject().put("boards", list));
    });
  }
}
