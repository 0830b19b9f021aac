package org.circle.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A board as a client sees it, built only from what the server sends: a welcome snapshot, then
 * events and acknowledgements in sequence order. Mirrors web/js/boardstate.js; both run the shared
 * fixtures in web/test/fixtures/board (ClientBoardTest). Fails on a sequence gap. An operation that no
 * longer fits (its card or group is gone) changes nothing, as the server refuses it.
 */
public final class ClientBoard {
  private final String me;
  private long seq;
  private boolean locked;
  private final Map<String, JsonObject> cards = new LinkedHashMap<>();
  private final Map<String, JsonObject> groups = new LinkedHashMap<>();
  private final Map<String, JsonObject> comments = new LinkedHashMap<>();

  public ClientBoard(String me) {
    this.me = me;
  }

  public long seq() {
    return seq;
  }

  public Map<String, JsonObject> cards() {
    return cards;
  }

  public Map<String, JsonObject> groups() {
    return groups;
  }

  public Map<String, JsonObject> comments() {
    return comments;
  }

  public void snapshot(JsonObject snapshot, long atSeq) {
    cards.clear();
    groups.clear();
    comments.clear();
    locked = snapshot.getBoolean("locked");
    snapshot.getJsonArray("cards").forEach(o -> cards.put(((JsonObject) o).getString("id"), ((JsonObject) o).copy()));
    snapshot.getJsonArray("groups").forEach(o -> groups.put(((JsonObject) o).getString("id"), ((JsonObject) o).copy()));
    snapshot.getJsonArray("comments").forEach(o -> comments.put(((JsonObject) o).getString("id"), ((JsonObject) o).copy()));
    seq = atSeq;
  }

  /** Applies the operation with sequence number {@code atSeq}; it must be the next one. */
  public void apply(long atSeq, JsonObject op, JsonObject author) {
    if (atSeq != seq + 1) throw new AssertionError("sequence gap: at " + seq + ", received " + atSeq);
    seq = atSeq;
    if (op == null) return;
    String kind = op.getString("kind");
    switch (kind) {
      case "card.create" -> {
        if (cards.containsKey(op.getString("card")) || !groupExists(op.getString("group"))) return;
        JsonObject card = new JsonObject().put("id", op.getString("card")).put("text", op.getString("text"))
            .put("colour", op.getString("colour")).put("group", op.getString("group")).put("position", op.getString("position"))
            .put("votes", 0).put("myVotes", 0);
        if (author != null) card.put("author", author);
        cards.put(op.getString("card"), card);
      }
      case "card.text" -> card(op).ifPresent(c -> c.put("text", op.getString("text")));
      case "card.colour" -> card(op).ifPresent(c -> c.put("colour", op.getString("colour")));
      case "card.move" -> card(op).filter(c -> groupExists(op.getString("group")))
          .ifPresent(c -> c.put("group", op.getString("group")).put("position", op.getString("position")));
      case "card.delete" -> {
        cards.remove(op.getString("card"));
        comments.values().removeIf(c -> c.getString("card").equals(op.getString("card")));
      }
      case "group.create" -> groups.putIfAbsent(op.getString("group"), new JsonObject().put("id", op.getString("group"))
          .put("title", op.getString("title")).put("position", op.getString("position")));
      case "group.rename" -> {
        JsonObject g = groups.get(op.getString("group"));
        if (g != null) g.put("title", op.getString("title"));
      }
      case "group.delete" -> {
        groups.remove(op.getString("group"));
        cards.values().forEach(c -> {
          if (op.getString("group").equals(c.getString("group"))) c.put("group", (String) null);
        });
      }
      case "comment.add" -> {
        if (!cards.containsKey(op.getString("card")) || comments.containsKey(op.getString("comment"))) return;
        JsonObject comment = new JsonObject().put("id", op.getString("comment")).put("card", op.getString("card")).put("text", op.getString("text"));
        if (author != null) comment.put("author", author);
        comments.put(op.getString("comment"), comment);
      }
      case "comment.delete" -> comments.remove(op.getString("comment"));
      case "vote", "unvote" -> card(op).ifPresent(c -> {
        int d = kind.equals("vote") ? 1 : -1;
        c.put("votes", c.getInteger("votes") + d);
        if (author != null && me.equals(author.getString("id"))) c.put("myVotes", c.getInteger("myVotes") + d);
      });
      case "board.lock" -> locked = op.getBoolean("locked");
      default -> throw new AssertionError("unknown op " + kind);
    }
  }

  /** The votes this person may still give: the board's budget less those on cards now. */
  public int votesLeft(int budget) {
    int used = cards.values().stream().mapToInt(c -> c.getInteger("myVotes")).sum();
    return Math.max(0, budget - used);
  }

  private boolean groupExists(String group) {
    return group == null || groups.containsKey(group);
  }

  private java.util.Optional<JsonObject> card(JsonObject op) {
    return java.util.Optional.ofNullable(cards.get(op.getString("card")));
  }

  /** The same shape and order as the server's BoardView snapshot. */
  public JsonObject toJson() {
    JsonArray cardList = new JsonArray();
    cards.values().stream().sorted(Comparator.comparing((JsonObject c) -> c.getString("position")).thenComparing(c -> c.getString("id")))
        .forEach(cardList::add);
    JsonArray groupList = new JsonArray();
    groups.values().stream().sorted(Comparator.comparing((JsonObject g) -> g.getString("position")).thenComparing(g -> g.getString("id")))
        .forEach(groupList::add);
    JsonArray commentList = new JsonArray();
    comments.values().stream().sorted(Comparator.comparing(c -> c.getString("id"))).forEach(commentList::add);
    return new JsonObject().put("locked", locked).put("cards", cardList).put("groups", groupList).put("comments", commentList);
  }
}
