package org.circle.session;

import java.util.Optional;
import java.util.List;
import java.util.UUID;
import org.circle.error.Refusal;
import org.circle.input.JsonBody;
import org.circle.input.Schema;
import org.circle.protocol.Operations;

/**
 * A facilitation control, as a facilitator sends it: {@code {"action": "next", ...}}. Each is
 * applied under the session's row lock by {@link SessionStore#control}; docs/protocol.md lists them.
 */
public sealed interface Control {
  List<String> ACTIONS = List.of("start", "end", "next", "previous", "jump", "timer.start", "timer.pause", "timer.resume",
      "timer.add", "timer.reset", "hands.next", "hands.lower", "spotlight", "vote.open", "vote.close", "takeover");
  Schema.Obj SCHEMA = Schema.object()
      .required("action", Schema.oneOf(ACTIONS.toArray(String[]::new)))
      .optional("from", Schema.uuid().describe("next, previous: the segment the facilitator saw as current; nothing changes if the session has moved on"))
      .optional("segment", Schema.uuid().describe("jump: the segment to go to"))
      .optional("seconds", Schema.whole(-Timer.MAX_ADD_MS / 1000, Timer.MAX_MS / 1000)
          .describe("timer.start: 10 to 14400 (leave out for the current segment's length); timer.add: -3600 to 3600, not 0"))
      .optional("card", Schema.text(1, 64).describe("spotlight: a card of the current segment's board; leave out to clear"))
      .optional("budget", Schema.whole(1, SessionStore.MAX_DOT_BUDGET).describe("vote.open: dots per person"))
      .optional("person", Schema.uuid().describe("hands.lower: whose hand"))
      .named("SessionControl");

  /** Starts a planned session at its first segment; the facilitator who starts it leads it. */
  record Start() implements Control {}

  /** Ends a live session: an open dot vote closes, the timer, hands and spotlight clear. */
  record End() implements Control {}

  /**
   * Moves to the next or previous segment. {@code from} is the segment the facilitator saw as
   * current: when the session has already moved on (another facilitator pressed first), nothing changes.
   */
  record Step(int direction, Optional<UUID> from) implements Control {}

  record Jump(UUID segment) implements Control {}

  /** Starts the timer; without {@code seconds}, for the current segment's length. */
  record TimerStart(Optional<Integer> seconds) implements Control {}

  record TimerPause() implements Control {}

  record TimerResume() implements Control {}

  /** Adds time, or takes it off with a negative number of seconds. */
  record TimerAdd(int seconds) implements Control {}

  record TimerReset() implements Control {}

  /** The first raised hand is called to speak and leaves the queue. */
  record NextHand() implements Control {}

  /** The facilitator lowers someone's hand. */
  record LowerHand(UUID person) implements Control {}

  /** Shines a spotlight on one card of the current segment's board for everyone; null clears it. */
  record Spotlight(Optional<String> card) implements Control {}

  record OpenVote(int budget) implements Control {}

  record CloseVote() implements Control {}

  /** Another facilitator of the community takes the lead (the lead dropped, or they hand over). */
  record TakeOver() implements Control {}

  static Control parse(JsonBody body) {
    String action = body.string("action");
    return switch (action) {
      case "start" -> new Start();
      case "end" -> new End();
      case "next" -> new Step(1, uuid(body, "from"));
      case "previous" -> new Step(-1, uuid(body, "from"));
      case "jump" -> new Jump(uuid(body, "segment").orElseThrow(() -> Refusal.invalid("Field 'segment' is required: which segment to go to.")));
      case "timer.start" -> new TimerStart(body.optionalInteger("seconds").map(s -> between("seconds", s, Timer.MIN_MS / 1000, Timer.MAX_MS / 1000)));
      case "timer.pause" -> new TimerPause();
      case "timer.resume" -> new TimerResume();
      case "timer.add" -> new TimerAdd(between("seconds", body.optionalInteger("seconds")
          .orElseThrow(() -> Refusal.invalid("Field 'seconds' is required: how much time to add.")), -Timer.MAX_ADD_MS / 1000, Timer.MAX_ADD_MS / 1000));
      case "timer.reset" -> new TimerReset();
      case "hands.next" -> new NextHand();
      case "hands.lower" -> new LowerHand(uuid(body, "person").orElseThrow(() -> Refusal.invalid("Field 'person' is required: whose hand to lower.")));
      case "spotlight" -> new Spotlight(card(body));
      case "vote.open" -> new OpenVote(body.optionalInteger("budget").orElseThrow(() -> Refusal.invalid("Field 'budget' is required: dots per person.")));
      case "vote.close" -> new CloseVote();
      case "takeover" -> new TakeOver();
      default -> throw Refusal.invalid("Unknown action.");
    };
  }

  private static int between(String field, int value, long min, long max) {
    if (value < min || value > max) throw Refusal.invalid("Field '" + field + "' must be between " + min + " and " + max + " here.");
    return value;
  }

  private static Optional<UUID> uuid(JsonBody body, String field) {
    return body.optionalString(field).map(s -> {
      try {
        return UUID.fromString(s);
      } catch (IllegalArgumentException e) {
        throw Refusal.invalid("Field '" + field + "' must be an id.");
      }
    });
  }

  private static Optional<String> card(JsonBody body) {
    Optional<String> card = body.optionalString("card");
    card.ifPresent(c -> {
      if (!Operations.isId(c)) throw Refusal.invalid("Field 'card' must be a card id.");
    });
    return card;
  }
}
