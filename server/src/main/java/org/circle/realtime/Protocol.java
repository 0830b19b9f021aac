package org.circle.realtime;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * The wire format: every frame is a JSON object {@code {"v": 1, "type": "...", ...}}.
 * Decoding checks the envelope and each field, and reports what is wrong in a typed error.
 * docs/protocol.md describes the same shapes.
 */
public final class Protocol {
  public static final int VERSION = 1;
  static final int MAX_ID_LENGTH = 64;

  private Protocol() {}

  static JsonObject envelope(String type) {
    return new JsonObject().put("v", VERSION).put("type", type);
  }

  public static ClientMessage decode(String frame) throws ProtocolException {
    JsonObject json;
    try {
      json = new JsonObject(frame);
    } catch (DecodeException | ClassCastException e) {
      throw new ProtocolException(ErrorCode.BAD_JSON, "The frame is not a JSON object.", null);
    }
    String ref = json.getValue("id") instanceof String s && s.length() <= MAX_ID_LENGTH ? s : null;
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
      default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "Unknown message type \"" + abbreviate(type) + "\".", ref);
    };
  }

  private static String optionalId(JsonObject json, String ref) throws ProtocolException {
    Object id = json.getValue("id");
    if (id == null) return null;
    if (id instanceof String s && !s.isEmpty() && s.length() <= MAX_ID_LENGTH) return s;
    throw new ProtocolException(ErrorCode.BAD_FIELD, "\"id\" must be a string of 1 to " + MAX_ID_LENGTH + " characters.", ref);
  }

  private static String abbreviate(String s) {
    return s.length() <= 32 ? s : s.substring(0, 32) + "…";
  }
}
