package org.circle.protocol;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The wire format: every frame is a JSON object {@code {"v": 1, "type": "...", ...}}.
 * Decoding checks the envelope and each field, and reports what is wrong in a typed error.
 * docs/protocol.md describes the same shapes.
 */
public final class Protocol {
  public static final int VERSION = 1;
  static final int MAX_ID_LENGTH = 64;
  /** Board coordinates are bounded so a cursor cannot carry arbitrary numbers to others. */
  static final int MAX_COORDINATE = 100_000;

  private Protocol() {}

  public static JsonObject envelope(String type) {
    return new JsonObject().put("v", VERSION).put("type", type);
  }

  public static ClientMessage decode(String frame) throws ProtocolException {
    JsonObject json;
    try {
      json = JsonText.parseObject(frame);
    } catch (DecodeException | ClassCastException e) {
      throw new ProtocolException(ErrorCode.BAD_JSON, "The frame is not a JSON object.", null);
    }
    String ref = json.getValue("id") instanceof String s && s.length() <= MAX_ID_LENGTH && Operations.storable(s) ? s : null;
    Object version = json.getValue("v");
    if (!(version instanceof Integer) && !(version instanceof Long)) {
      throw new ProtocolException(ErrorCode.BAD_ENVELOPE, "The frame needs a numeric protocol version in \"v\".", ref);
    }
    if (((Number) version).longValue() != VERSION) {
      throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION,
          "Protocol version " + version + " is not supported; this server speaks version " + VERSION + ".", ref);
    }
    if (!(json.getValue("type") instanceof String type)) {
      throw new ProtocolException(ErrorCode.BAD_ENVELOPE, "The frame needs a message type in \"type\".", ref);
    }
    return switch (type) {
      case "ping" -> new ClientMessage.Ping(optionalId(json, ref));
      case "join" -> join(json, ref);
      case "op" -> op(json, ref);
      case "presence" -> presence(json, ref);
      case "cursor" -> cursor(json, ref);
      default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "Unknown message type \"" + abbreviate(type) + "\".", ref);
    };
  }

  private static ClientMessage.Join join(JsonObject json, String ref) throws ProtocolException {
    UUID board;
    try {
      board = json.getValue("board") instanceof String s && s.length() == 36 ? UUID.fromString(s) : null;
    } catch (IllegalArgumentException e) {
      board = null;
    }
    if (board == null) throw new ProtocolException(ErrorCode.BAD_FIELD, "\"board\" must be a board id (a UUID).", ref);
    if (!Operations.isId(json.getValue("client"))) {
      throw new ProtocolException(ErrorCode.BAD_FIELD, "\"client\" must be an id of 1 to " + BoardLimits.MAX_ID + " letters, digits, '-' or '_'.", ref);
    }
    Object since = json.getValue("since");
    if (since != null && !((since instanceof Integer || since instanceof Long) && ((Number) since).longValue() >= 0)) {
      throw new ProtocolException(ErrorCode.BAD_FIELD, "\"since\" must be a sequence number (0 or more) or absent.", ref);
    }
    return new ClientMessage.Join(board, json.getString("client"), since == null ? null : ((Number) since).longValue());
  }

  private static ClientMessage.Op op(JsonObject json, String ref) throws ProtocolException {
    if (!Operations.isId(json.getValue("id"))) {
      throw new ProtocolException(ErrorCode.BAD_FIELD, "\"id\" must be an operation id of 1 to " + BoardLimits.MAX_ID + " letters, digits, '-' or '_'.", ref);
    }
    if (!(json.getValue("op") instanceof JsonObject body)) throw new ProtocolException(ErrorCode.BAD_FIELD, "\"op\" must be an object.", ref);
    try {
      return new ClientMessage.Op(json.getString("id"), Operations.decode(body));
    } catch (InvalidOperation e) {
      throw new ProtocolException(e.tooLarge() ? ErrorCode.TOO_LARGE : ErrorCode.BAD_FIELD, e.getMessage(), ref);
    }
  }

  private static ClientMessage.Presence presence(JsonObject json, String ref) throws ProtocolException {
    Object editing = json.getValue("editing");
    if (editing != null && !Operations.isId(editing)) throw new ProtocolException(ErrorCode.BAD_FIELD, "\"editing\" must be a card id or null.", ref);
    return new ClientMessage.Presence((String) editing);
  }

  private static ClientMessage.Cursor cursor(JsonObject json, String ref) throws ProtocolException {
    if (json.getValue("x") instanceof Number x && json.getValue("y") instanceof Number y
        && Math.abs(x.doubleValue()) <= MAX_COORDINATE && Math.abs(y.doubleValue()) <= MAX_COORDINATE) {
      return new ClientMessage.Cursor(x.doubleValue(), y.doubleValue());
    }
    throw new ProtocolException(ErrorCode.BAD_FIELD, "\"x\" and \"y\" must be numbers between -" + MAX_COORDINATE + " and " + MAX_COORDINATE + ".", ref);
  }

  private static String optionalId(JsonObject json, String ref) throws ProtocolException {
    Object id = json.getValue("id");
    if (id == null) return null;
    if (id instanceof String s && !s.isEmpty() && s.length() <= MAX_ID_LENGTH && Operations.storable(s)) return s;
    throw new ProtocolException(ErrorCode.BAD_FIELD, "\"id\" must be a string of 1 to " + MAX_ID_LENGTH + " characters.", ref);
  }

  private static String abbreviate(String s) {
    return s.length() <= 32 ? s : s.substring(0, 32) + "…";
  }
}
