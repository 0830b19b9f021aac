package org.circle.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Everything the server may send, each able to encode itself in the versioned envelope. */
public sealed interface ServerMessage {

  JsonObject toJson();

  default String encode() {
    return JsonText.write(toJson());
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

  /**
   * The answer to a join: the board, the caller's identity and role, then either the whole board
   * ({@code snapshot}) or exactly the events after the caller's {@code since} ({@code events}).
   */
  record Welcome(JsonObject board, long seq, JsonObject you, JsonObject snapshot, List<Event> events) implements ServerMessage {
    @Override
    public JsonObject toJson() {
      JsonObject json = Protocol.envelope("welcome").put("board", board).put("seq", seq).put("you", you);
      if (snapshot != null) json.put("snapshot", snapshot);
      if (events != null) json.put("events", new JsonArray(events.stream().map(Event::toJson).toList()));
      return json;
    }
  }

  /** The operation {@code ref} is durable and has sequence number {@code seq}. */
  record Ack(String ref, long seq) implements ServerMessage {
    @Override
    public JsonObject toJson() {
      return Protocol.envelope("ack").put("ref", ref).put("seq", seq);
    }
  }

  /** The operation {@code ref} was well-formed but not applied, for {@code reason}. */
  record Reject(String ref, Rejection reason) implements ServerMessage {
    @Override
    public JsonObject toJson() {
      return Protocol.envelope("reject").put("ref", ref).put("reason", reason.wireName());
    }
  }

  /**
   * Someone's operation, at its place in the board's order. {@code author} and {@code ref} are
   * present only where the recipient may see them (see BoardView).
   */
  record Event(long seq, JsonObject op, JsonObject author, String ref) implements ServerMessage {
    /** Something happened at {@code seq} that this recipient may not see: advance, apply nothing. */
    public static Event hidden(long seq) {
      return new Event(seq, null, null, null);
    }

    @Override
    public JsonObject toJson() {
      JsonObject json = Protocol.envelope("event").put("seq", seq);
      if (op != null) json.put("op", op);
      if (author != null) json.put("author", author);
      if (ref != null) json.put("ref", ref);
      return json;
    }
  }

  /** Who is on the board now and which cards are being edited. Never stored. */
  /**
   * Who is here and who edits which card. During silent writing, {@code hiddenCards} says how many
   * cards by others the recipient cannot see yet (null when there is nothing to say).
   */
  record Presence(JsonArray people, JsonArray editing, Integer hiddenCards) implements ServerMessage {
    public Presence(JsonArray people, JsonArray editing) {
      this(people, editing, null);
    }

    @Override
    public JsonObject toJson() {
      JsonObject json = Protocol.envelope("presence").put("people", people).put("editing", editing);
      if (hiddenCards != null) json.put("hiddenCards", hiddenCards);
      return json;
    }
  }

  /** Where others point, relayed at most {@code 1000 / CURSOR_INTERVAL_MS} times a second. Never stored. */
  record Cursors(JsonArray cursors) implements ServerMessage {
    @Override
    public JsonObject toJson() {
      return Protocol.envelope("cursors").put("cursors", cursors);
    }
  }
}
