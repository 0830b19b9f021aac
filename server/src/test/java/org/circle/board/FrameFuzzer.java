package org.circle.board;

import org.circle.protocol.BoardLimits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Makes frames that are each wrong in some way a careless or hostile client might send: garbage,
 * cut-off JSON, a wrong version or type, a missing field, or a field of the wrong type or length.
 * Every frame it makes must be refused with a typed error.
 */
final class FrameFuzzer {
  private final Random random;
  private final UUID board;

  FrameFuzzer(long seed, UUID board) {
    this.random = new Random(seed);
    this.board = board;
  }

  private static final List<String> KINDS = List.of("card.create", "card.text", "card.colour", "card.move", "card.delete",
      "group.create", "group.rename", "group.delete", "comment.add", "comment.delete", "vote", "unvote", "board.lock");

  /** Values that are wrong for each field, whatever the message. */
  private static final Map<String, List<Object>> WRONG = Map.ofEntries(
      Map.entry("v", List.of(2, 0, "1", -1, 1.5, new JsonArray())),
      Map.entry("type", List.of("dance", "", 5, "PING", new JsonObject())),
      Map.entry("id", List.of(42, "", "has space", "x".repeat(65), new JsonArray(), "é")),
      Map.entry("board", List.of("not-a-uuid", 5, "", UUID.randomUUID() + "x")),
      Map.entry("client", List.of(7, "", "a/b", "c".repeat(65))),
      Map.entry("since", List.of(-1, "3", 1.5, new JsonObject())),
      Map.entry("editing", List.of(3, "", "bad id!", new JsonArray())),
      Map.entry("x", List.of("a", 1e9, new JsonArray())),
      Map.entry("y", List.of("b", -1e9)),
      Map.entry("op", List.of("card.create", 5, new JsonArray())),
      Map.entry("kind", List.of("card.explode", 7, "", "CARD.CREATE")),
      Map.entry("card", List.of(1, "", "no spaces allowed", "k".repeat(65))),
      Map.entry("group", List.of(2, "", "bad id!")),
      Map.entry("comment", List.of(3, "", "x".repeat(80))),
      Map.entry("text", List.of(4, "t".repeat(BoardLimits.MAX_TEXT + 1), new JsonObject())),
      Map.entry("title", List.of("", "   ", "t".repeat(BoardLimits.MAX_TITLE + 1), 9)),
      Map.entry("colour", List.of("red", 1, "")),
      Map.entry("position", List.of("", "abc0", "a b", "p".repeat(BoardLimits.MAX_POSITION + 1), 3)),
      Map.entry("locked", List.of("yes", 1)));

  /** Fields without which each message is wrong. */
  private static final Map<String, List<String>> REQUIRED = Map.ofEntries(
      Map.entry("join", List.of("v", "type", "board", "client")),
      Map.entry("op", List.of("v", "type", "id", "op")),
      Map.entry("cursor", List.of("v", "type", "x", "y")),
      Map.entry("ping", List.of("v", "type")),
      Map.entry("presence", List.of("v", "type")));

  JsonObject validFrame() {
    return switch (random.nextInt(5)) {
      case 0 -> new JsonObject().put("v", 1).put("type", "ping").put("id", "p" + random.nextInt(1000));
      case 1 -> new JsonObject().put("v", 1).put("type", "join").put("board", board.toString()).put("client", "fz").put("since", 0);
      case 2 -> new JsonObject().put("v", 1).put("type", "presence").put("editing", "card-1");
      case 3 -> new JsonObject().put("v", 1).put("type", "cursor").put("x", 10).put("y", 20);
      default -> new JsonObject().put("v", 1).put("type", "op").put("id", "op-" + random.nextInt(1_000_000)).put("op", validOp());
    };
  }

  private JsonObject validOp() {
    String kind = KINDS.get(random.nextInt(KINDS.size()));
    JsonObject op = new JsonObject().put("kind", kind);
    switch (kind) {
      case "card.create" -> op.put("card", "c1").put("text", "t").put("colour", "blue").put("group", null).put("position", "V");
      case "card.text" -> op.put("card", "c1").put("text", "t");
      case "card.colour" -> op.put("card", "c1").put("colour", "green");
      case "card.move" -> op.put("card", "c1").put("group", "g1").put("position", "a");
      case "group.create" -> op.put("group", "g1").put("title", "Group").put("position", "V");
      case "group.rename" -> op.put("group", "g1").put("title", "Renamed");
      case "group.delete" -> op.put("group", "g1");
      case "comment.add" -> op.put("comment", "m1").put("card", "c1").put("text", "x");
      case "comment.delete" -> op.put("comment", "m1");
      case "board.lock" -> op.put("locked", true);
      default -> op.put("card", "c1");
    }
    return op;
  }

  /** A frame that must be refused. */
  String next() {
    int category = random.nextInt(6);
    JsonObject frame = validFrame();
    switch (category) {
      case 0 -> {
        StringBuilder garbage = new StringBuilder();
        int n = random.nextInt(120);
        for (int i = 0; i < n; i++) garbage.append((char) (random.nextInt(0x2FF) + 1));
        String s = garbage.toString();
        return s.startsWith("{") || s.isBlank() ? "x" + s : s;
      }
      case 1 -> {
        String text = frame.encode();
        return text.substring(0, random.nextInt(text.length() - 1));
      }
      case 2 -> {
        List<Object> choices = List.of(new JsonArray().add(frame), 5, "\"text\"", "null", "true", "[]");
        Object pick = choices.get(random.nextInt(choices.size()));
        return pick instanceof JsonArray a ? a.encode() : pick.toString();
      }
      case 3 -> {
        List<String> required = REQUIRED.get(frame.getString("type"));
        frame.remove(required.get(random.nextInt(required.size())));
        return frame.encode();
      }
      default -> {
        JsonObject target = frame.getValue("op") instanceof JsonObject op && random.nextBoolean() ? op : frame;
        List<String> fields = target.fieldNames().stream().filter(WRONG::containsKey).sorted().toList();
        String field = fields.get(random.nextInt(fields.size()));
        // A ping's id is any string of 1 to 64 characters; only an operation id is limited to letters, digits, - and _.
        List<Object> wrong = field.equals("id") && frame.getString("type").equals("ping")
            ? List.of(42, "", "x".repeat(65), new JsonArray()) : WRONG.get(field);
        target.put(field, wrong.get(random.nextInt(wrong.size())));
        return frame.encode();
      }
    }
  }
}
