package org.circle.protocol;

import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/** Reads an {@link Operation} from JSON, checking every field's type, length and format. */
public final class Operations {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1," + BoardLimits.MAX_ID + "}");

  private Operations() {}

  public static Operation decode(JsonObject json) throws InvalidOperation {
    if (json == null) throw new InvalidOperation("\"op\" must be an object.");
    String kind = json.getValue("kind") instanceof String s ? s : null;
    if (kind == null) throw new InvalidOperation("\"op.kind\" must be a string.");
    return switch (kind) {
      case "card.create" -> new Operation.CreateCard(id(json, "card"), text(json, "text", BoardLimits.MAX_TEXT, true),
          colour(json), optionalId(json, "group"), position(json));
      case "card.text" -> new Operation.EditText(id(json, "card"), text(json, "text", BoardLimits.MAX_TEXT, true));
      case "card.colour" -> new Operation.SetColour(id(json, "card"), colour(json));
      case "card.move" -> new Operation.MoveCard(id(json, "card"), optionalId(json, "group"), position(json));
      case "card.delete" -> new Operation.DeleteCard(id(json, "card"));
      case "group.create" -> new Operation.CreateGroup(id(json, "group"), text(json, "title", BoardLimits.MAX_TITLE, false), position(json));
      case "group.rename" -> new Operation.RenameGroup(id(json, "group"), text(json, "title", BoardLimits.MAX_TITLE, false));
      case "group.delete" -> new Operation.DeleteGroup(id(json, "group"));
      case "comment.add" -> new Operation.AddComment(id(json, "comment"), id(json, "card"), text(json, "text", BoardLimits.MAX_TEXT, false));
      case "comment.delete" -> new Operation.DeleteComment(id(json, "comment"));
      case "vote" -> new Operation.Vote(id(json, "card"));
      case "unvote" -> new Operation.Unvote(id(json, "card"));
      case "board.lock" -> {
        if (!(json.getValue("locked") instanceof Boolean b)) throw new InvalidOperation("\"op.locked\" must be true or false.");
        yield new Operation.LockBoard(b);
      }
      case "board.silent" -> new Operation.StartSilentWriting();
      case "board.reveal" -> reveal(json);
      default -> throw new InvalidOperation("Unknown operation kind \"" + (kind.length() > 32 ? kind.substring(0, 32) + "…" : kind) + "\".");
    };
  }

  /** A reveal as a client sends it has no cards (the room places them); as stored, it lists them. */
  private static Operation.Reveal reveal(JsonObject json) throws InvalidOperation {
    Object value = json.getValue("cards");
    if (value == null) return new Operation.Reveal(java.util.List.of());
    if (!(value instanceof io.vertx.core.json.JsonArray array) || array.size() > BoardLimits.MAX_CARDS) {
      throw new InvalidOperation("\"op.cards\" must be a list of at most " + BoardLimits.MAX_CARDS + " cards.");
    }
    java.util.List<Operation.Reveal.Placed> cards = new java.util.ArrayList<>();
    for (Object o : array) {
      if (!(o instanceof JsonObject c)) throw new InvalidOperation("\"op.cards\" must contain objects.");
      cards.add(new Operation.Reveal.Placed(id(c, "card"), position(c)));
    }
    return new Operation.Reveal(cards);
  }

  public static boolean isId(Object value) {
    return value instanceof String s && ID.matcher(s).matches();
  }

  private static String id(JsonObject json, String field) throws InvalidOperation {
    Object value = json.getValue(field);
    if (!isId(value)) {
      throw new InvalidOperation("\"op." + field + "\" must be an id of 1 to " + BoardLimits.MAX_ID + " letters, digits, '-' or '_'.");
    }
    return (String) value;
  }

  private static String optionalId(JsonObject json, String field) throws InvalidOperation {
    return json.getValue(field) == null ? null : id(json, field);
  }

  private static String text(JsonObject json, String field, int max, boolean mayBeEmpty) throws InvalidOperation {
    if (!(json.getValue(field) instanceof String s)) throw new InvalidOperation("\"op." + field + "\" must be a string.");
    int length = s.codePointCount(0, s.length());
    if (length > max) throw new InvalidOperation("\"op." + field + "\" is longer than " + max + " characters.", true);
    if (!storable(s)) {
      throw new InvalidOperation("\"op." + field + "\" holds a character that cannot be stored (U+0000 or half of a surrogate pair).");
    }
    if (!mayBeEmpty && s.isBlank()) throw new InvalidOperation("\"op." + field + "\" must not be empty.");
    return s;
  }

  /**
   * Whether PostgreSQL can store {@code s} as text: it refuses U+0000 (and with it the whole batch
   * of every board written alongside), and a lone surrogate is no character at all in UTF-8.
   */
  public static boolean storable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) return false;
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) return false;
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static Colour colour(JsonObject json) throws InvalidOperation {
    Object value = json.getValue("colour");
    if (value instanceof String s) {
      var colour = Colour.parse(s);
      if (colour.isPresent()) return colour.get();
    }
    throw new InvalidOperation("\"op.colour\" must be one of yellow, blue, green, pink, orange, purple.");
  }

  private static String position(JsonObject json) throws InvalidOperation {
    Object value = json.getValue("position");
    if (value instanceof String s && FractionalIndex.isValid(s)) return s;
    throw new InvalidOperation("\"op.position\" must be a fractional index: up to " + BoardLimits.MAX_POSITION
        + " characters of 0-9, A-Z, a-z, not ending in 0.");
  }
}
