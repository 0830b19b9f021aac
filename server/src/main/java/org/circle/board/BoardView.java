package org.circle.board;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.UUID;
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
    if (event.privateToAuthor() && !own) return ServerMessage.Event.hidden(event.seq());
    JsonObject author = own || !board.anonymous() ? author(event.authorId().toString(), event.authorName()) : null;
    // The operation id lets a client recognise its own operations when it resumes; nobody else gets it.
    return new ServerMessage.Event(event.seq(), event.op().toJson(), author, own ? event.opId() : null);
  }

  /** The event as {@code recipient} may see it. */
  public static ServerMessage.Event visibleTo(RoomMember recipient, BoardInfo board, BoardEvent event) {
    return visibleTo(audienceOf(recipient, event), board, event);
  }

  /**
   * The audience of an event given the board just after it. A reveal shows its cards' authors to
   * themselves alone on an anonymous board (and each author their own votes): such an author is an
   * audience of their own; everyone else shares one frame.
   */
  public static Audience audienceOf(RoomMember recipient, BoardEvent event, BoardState after) {
    Audience plain = audienceOf(recipient, event);
    if (!(event.op() instanceof Operation.Reveal reveal)) return plain;
    boolean wroteOne = reveal.cards().stream().map(p -> after.cards().get(p.card()))
        .anyMatch(c -> c != null && c.authorId().equals(recipient.accountId()));
    return wroteOne ? new Audience(plain.author(), recipient.accountId()) : plain;
  }

  /**
   * The event as {@code audience} may see it, given the board just after it. A reveal carries the
   * revealed cards themselves, as the audience may see them, in the room's shuffled order.
   */
  public static ServerMessage.Event visibleTo(Audience audience, BoardInfo board, BoardEvent event, BoardState after) {
    ServerMessage.Event plain = visibleTo(audience, board, event);
    if (!(event.op() instanceof Operation.Reveal reveal) || plain.op() == null) return plain;
    JsonArray cards = new JsonArray();
    for (Operation.Reveal.Placed p : reveal.cards()) {
      Card c = after.cards().get(p.card());
      if (c != null) cards.add(card(audience.viewer(), board, c));
    }
    return new ServerMessage.Event(plain.seq(), new JsonObject().put("kind", reveal.kind()).put("cards", cards), plain.author(), plain.ref());
  }

  /** A reveal is sent with the board as it was then: one among the events a client missed means a snapshot. */
  static boolean isReveal(BoardEvent event) {
    return event.op() instanceof Operation.Reveal;
  }

  /** The whole board as {@code recipient} may see it. */
  public static JsonObject snapshotFor(RoomMember recipient, BoardInfo board, BoardState state) {
    UUID me = recipient.accountId();
    JsonArray cards = new JsonArray();
    state.cards().values().stream().filter(c -> !state.hiddenFrom(c.id(), me))
        .sorted(Comparator.comparing(Card::position).thenComparing(Card::id))
        .forEach(c -> cards.add(card(me, board, c)));
    JsonArray groups = new JsonArray();
    state.groups().values().stream().sorted(Comparator.comparing(Group::position).thenComparing(Group::id))
        .forEach(g -> groups.add(new JsonObject().put("id", g.id()).put("title", g.title()).put("position", g.position())));
    JsonArray comments = new JsonArray();
    state.comments().values().stream().filter(c -> !state.hiddenFrom(c.card(), me))
        .sorted(Comparator.comparing(Comment::id)).forEach(c -> {
          JsonObject comment = new JsonObject().put("id", c.id()).put("card", c.card()).put("text", c.text());
          if (!board.anonymous() || c.authorId().equals(me)) comment.put("author", author(c.authorId().toString(), c.authorName()));
          comments.add(comment);
        });
    JsonObject snapshot = new JsonObject().put("locked", state.locked()).put("cards", cards).put("groups", groups).put("comments", comments);
    // Only while there is something to say: a board that never knew silent writing looks as it always did.
    int hidden = state.hiddenCount(me);
    if (state.silent() || hidden > 0) snapshot.put("silent", state.silent()).put("hiddenCards", hidden);
    return snapshot;
  }

  /** A card as {@code viewer} may see it (null: someone who wrote none of the cards concerned). */
  private static JsonObject card(UUID viewer, BoardInfo board, Card c) {
    JsonObject card = new JsonObject().put("id", c.id()).put("text", c.text()).put("colour", c.colour().wireName())
        .put("group", c.group()).put("position", c.position())
        .put("votes", c.totalVotes()).put("myVotes", viewer == null ? 0 : c.votes().getOrDefault(viewer, 0));
    if (!board.anonymous() || c.authorId().equals(viewer)) card.put("author", author(c.authorId().toString(), c.authorName()));
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
    int hidden = state.hiddenCount(recipient.accountId());
    return new ServerMessage.Presence(people, visible, state.silent() || hidden > 0 ? hidden : null);
  }

  /** Cursors tie a person to what they point at, so anonymous boards relay none. */
  public static boolean relaysCursors(BoardInfo board) {
    return !board.anonymous();
  }

  static JsonObject author(String id, String name) {
    return new JsonObject().put("id", id).put("name", name);
  }
}
