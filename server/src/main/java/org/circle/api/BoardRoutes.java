package org.circle.api;

import org.circle.board.BoardDirectory;
import org.circle.protocol.BoardLimits;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.circle.http.Api;
import org.circle.error.Refusal;
import org.circle.http.Call;
import org.circle.input.JsonBody;
import org.circle.http.Policy;
import org.circle.http.Reply;
import org.circle.lifecycle.Phase;

/**
 * Boards of a community: a facilitator creates them, the people in the room list them. What is on
 * a board travels over the WebSocket (docs/protocol.md), never through these routes.
 */
public final class BoardRoutes {
  private static final int MAX_KIND = 40;
  private final BoardDirectory directory;

  public BoardRoutes(BoardDirectory directory) {
    this.directory = directory;
  }

  public void register(Api api) {
    api.post("/communities/:communityId/boards", Policy.FACILITATOR, this::create);
    // Board titles are room content: sponsors do not see them.
    api.get("/communities/:communityId/boards", Policy.IN_THE_ROOM, this::list);
  }

  private Future<Reply> create(Call call) {
    JsonBody body = call.body(Set.of("title", "kind", "anonymous", "voteBudget"));
    String title = body.string("title", 1, BoardLimits.MAX_TITLE);
    String kind = body.optionalString("kind", 1, MAX_KIND).orElse("free");
    int voteBudget = body.optionalInteger("voteBudget", 0, BoardLimits.MAX_VOTE_BUDGET).orElse(5);
    Object anonymous = call.ctx().body().asJsonObject().getValue("anonymous", false);
    if (!(anonymous instanceof Boolean anon)) throw Refusal.invalid("Field 'anonymous' must be true or false.");
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
