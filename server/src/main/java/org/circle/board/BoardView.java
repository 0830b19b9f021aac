package org.circle.board;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import org.circle.protocol.Operation;
import org.circle.protocol.ServerMessage;

/**
 * What one recipient may see of a board. Every snapshot, broadcast event and presence update goes
 * through here, so privacy rules live in one place:
 * <ul>
 *   <li>On an anonymous board the author of a card, comment or vote is sent to nobody but that
 *   author, and neither is who types in which card, nor anyone's pointer.</li>
 *   <li>During silent writing a card, and everything done to it, reaches its author alone until the
 *   reveal: others receive the sequence number only ({@link ServerMessage.Event#hidden}) and may be
 *   told how many cards they cannot see. The reveal then brings everyone the cards at once, in the
 *   order the room shuffled.</li>
 * </ul>
 */
public final class BoardView {
  private BoardView() {}

  /**
   * The event as {@code recipient} may see it. A recipient who may not see an operation at all
   * (another person's card during silent writing) gets {@link ServerMessage.Event#hidden}: the
   * sequence number without the operation, so their sequence still has no gaps. A reveal here is
   * its bare order; {@link #visibleTo(RoomMember, BoardInfo, BoardEvent, BoardState)} brings the cards.
   */
  public static ServerMessage.Event visibleTo(RoomMember recipient, BoardInfo board, BoardEvent event) {
    boolean own = isAuthor(recipient, event);
    if (event.privateToAuthor() && !own) return ServerMessage.Event.hidden(event.seq());
    JsonObject author = own || !board.anonymous() ? author(event.authorId().toString(), event.authorName()) : null;
    // The operation id lets a client recognise its own operations when it resumes; nobody else gets it.
    return new ServerMessage.Event(event.seq(), event.op().toJson(), author, own ? event.opId() : null);
  }

  /**
   * The event as {@code recipient} may see it, given the board just after it. A reveal carries the
   * revealed cards themselves, as each recipient may see them, in the room's shuffled order.
   */
  public static ServerMessage.Event visibleTo(RoomMember recipient, BoardInfo board, BoardEvent event, BoardState after) {
    ServerMessage.Event plain = visibleTo(recipient, board, event);
    if (!(event.op() instanceof Operation.Reveal reveal) || plain.op() == null) return plain;
    JsonArray cards = new JsonArray();
    for (Operation.Reveal.Placed p : reveal.cards()) {
      Card c = after.cards().get(p.card());
      if (c != null) cards.add(card(recipient, board, c));
    }
    return new ServerMessage.Event(plain.seq(), new JsonObject().put("kind", reveal.kind()).put("cards", cards), plain.author(), plain.ref());
  }

  /** Whether the reveal among {@code events} can be sent as events (it can only with the board as it was then). */
  static boolean isReveal(BoardEvent event) {
    return event.op() instanceof Operation.Reveal;
  }

  /**
   * The two audiences of an ordinary event: its author's own connections and everyone else. The view
   * of such an event depends on nothing else about the recipient, so a room builds one per audience.
   * A reveal differs per recipient on an anonymous board (each sees only their own cards' author).
   */
  public static boolean isAuthor(RoomMember recipient, BoardEvent event) {
    return event.authorId().equals(recipient.accountId());
  }

  /** The whole board as {@code recipient} may see it. */
  public static JsonObject snapshotFor(RoomMember recipient, BoardInfo board, BoardState state) {
    JsonArray cards = new JsonArray();
    state.cards().values().stream().filter(c -> !state.hiddenFrom(c.id(), recipient.accountId()))
        .sorted(Comparator.comparing(Card::position).thenComparing(Card::id))
        .forEach(c -> cards.add(card(recipient, board, c)));
    JsonArray groups = new JsonArray();
    state.groups().values().stream().sorted(Comparator.comparing(Group::position).thenComparing(Group::id))
        .forEach(g -> groups.add(new JsonObject().put("id", g.id()).put("title", g.title()).put("position", g.position())));
    JsonArray comments = new JsonArray();
    state.comments().values().stream().filter(c -> !state.hiddenFrom(c.card(), recipient.accountId()))
        .sorted(Comparator.comparing(Comment::id)).forEach(c -> {
          JsonObject comment = new JsonObject().put("id", c.id()).put("card", c.card()).put("text", c.text());
          if (!board.anonymous() || c.authorId().equals(recipient.accountId())) comment.put("author", author(c.authorId().toString(), c.authorName()));
          comments.add(comment);
        });
    JsonObject snapshot = new JsonObject().put("locked", state.locked()).put("cards", cards).put("groups", groups).put("comments", comments);
    // Only while there is something to say: a board that never knew silent writing looks as it always did.
    int hidden = state.hiddenCount(recipient.accountId());
    if (state.silent() || hidden > 0) snapshot.put("silent", state.silent()).put("hiddenCards", hidden);
    return snapshot;
  }

  private static JsonObject card(RoomMember recipient, BoardInfo board, Card c) {
    JsonObject card = new JsonObject().put("id", c.id()).put("text", c.text()).put("colour", c.colour().wireName())
        .put("group", c.group()).put("position", c.position())
        .put("votes", c.totalVotes()).put("myVotes", c.votes().getOrDefault(recipient.accountId(), 0));
    if (!board.anonymous() || c.authorId().equals(recipient.accountId())) card.put("author", author(c.authorId().toString(), c.authorName()));
    return card;
  }

  /**
   * Who is here and who edits which card. {@code editing} entries are {@code {card, by: {id, name}}}.
   * On anonymous boards a person hears only of their own editing (which card someone types in
   * would point at them); nobody hears of a card they cannot see.
   */
  public static ServerMessage.Presence presenceFor(RoomMember recipient, BoardInfo board, JsonArray people, JsonArray editing,
                                                   BoardState state) {
    JsonArray visible = new JsonArray();
    for (Object o : editing) {
      JsonObject e = (JsonObject) o;
      boolean own = e.getJsonObject("by").getString("id").equals(recipient.accountId().toString());
      if (own || (!board.anonymous() && !state.hiddenFrom(e.getString("card"), recipient.accountId()))) visible.add(e);
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
