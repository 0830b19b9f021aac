package org.circle.realtime;

import io.vertx.core.json.JsonObject;

/** Everything the server may send, each able to encode itself in the versioned envelope. */
public sealed interface ServerMessage {

  JsonObject toJson();

  default String encode() {
    return toJson().encode();
  }

  record Pong(String id) implements ServerMessage {
    @Override
    public JsonObject toJson() {
      return Protocol.envelope("pong").put("id", id);
    }
  }

  /** A typed refusal: the frame was not applied and nothing else was affected. */
  record Error(ErrorCode code, String message, String ref) implements ServerMessage {
    @Override
    public JsonObject toJson() {
      JsonObject json = Protocol.envelope("error").put("code", code.wireName()).put("message", message);
      if (ref != null) json.put("ref", ref);
      return json;
    }
  }
}
