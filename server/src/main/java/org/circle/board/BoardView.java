package org.circle.board;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import org.circle.protocol.ServerMessage;

/**
 * What one recipient may see of a board. Every snapshot, broadcast event and presence update goes
 * through here, so privacy rules (anonymous boards now; silent writing later) live in one place.
 * On an anonymous board the author of a card, comment or vote, and who is editing which card, is
 * sent to nobody but that author.
 */
public final class BoardView {
  private BoardView() {}

  /** What decides how {@code recipient} sees {@code event}: recipients with equal audiences get the same frame. */
  public static Audience audienceOf(RoomMember recipient, BoardEvent event) {
    return new Audience(event.authorId().equals(recipient.accountId()));
  }

  /**
   * The event as its {@code audience} may see it. An audience that may not see an operation at all
   * (for example another participant's card during silent writing) gets {@link ServerMessage.Event#hidden}:
   * the sequence number without the operation, so their sequence still has no gaps.
   */
  public static ServerMessage.Event visibleTo(Audience audience, BoardInfo board, BoardEvent event) {
    boolean own = audience.author();
    JsonObject author = own || !board.anonymous() ? author(event.authorId().toString(), event.authorName()) : null;
    // The operation id lets a client recognise its own operations when it resumes; nobody else gets it.
    return new ServerMessage.Event(event.seq(), event.op().toJson(), author, own ? event.opId() : null);
  }

  /** The event as {@code recipient} may see it. */
  public static ServerMessage.Event visibleTo(RoomMember recipient, BoardInfo board, BoardEvent event) {
    return visibleTo(audienceOf(recipient, event), board, event);
  }

  /** The whole board as {@code recipient} may see it. */
  public static JsonObject snapshotFor(RoomMember recipient, BoardInfo board, BoardState state) {
    JsonArray cards = new JsonArray();
    state.cards().values().stream().sorted(Comparator.comparing(Card::position).thenComparing(Card::id)).forEach(c -> {
      JsonObject card = new JsonObject().put("id", c.id()).put("text", c.text()).put("colour", c.colour().wireName())
          .put("group", c.group()).put("position", c.position())
          .put("votes", c.totalVotes()).put("myVotes", c.votes().getOrDefault(recipient.accountId(), 0));
      if (!board.anonymous() || c.authorId().equals(recipient.accountId())) card.put("author", author(c.authorId().toString(), c.authorName()));
      cards.add(card);
    });
    JsonArray groups = new JsonArray();
    state.groups().values().stream().sorted(Comparator.comparing(Group::position).thenComparing(Group::id))
        .forEach(g -> groups.add(new JsonObject().put("id", g.id()).put("title", g.title()).put("position", g.position())));
    JsonArray comments = new JsonArray();
    state.comments().values().stream().sorted(Comparator.comparing(Comment::id)).forEach(c -> {
      JsonObject comment = new JsonObject().put("id", c.id()).put("card", c.card()).put("text", c.text());
      if (!board.anonymous() || c.authorId().equals(recipient.accountId())) comment.put("author", author(c.authorId().toString(), c.authorName()));
      comments.add(comment);
    });
    return new JsonObject().put("locked", state.locked()).put("cards", cards).put("groups", groups).put("comments", comments);
  }

  /**
   * Who is here and who edits which card. {@code editing} entries are {@code {card, by: {id, name}}};
   * on anonymous boards {@code by} is left out for everyone but the editor.
   */
  public static ServerMessage.Presence presenceFor(RoomMember recipient, BoardInfo board, JsonArray people, JsonArray editing) {
    JsonArray visible = new JsonArray();
    for (Object o : editing) {
      JsonObject e = (JsonObject) o;
      boolean own = e.getJsonObject("by").getString("id").equals(recipient.accountId().toString());
      visible.add(!board.anonymous() || own ? e : new JsonObject().put("card", e.getString("card")));
    }
    return new ServerMessage.Presence(people, visible);
  }

  /** Cursors tie a person to what they point at, so anonymous boards relay none. */
  public static boolean relaysCursors(BoardInfo board) {
    return !board.anonymous();
  }

  static JsonObject author(String id, String name) {
    return new JsonObject().put("id", id).put("name", name);
  }
}
