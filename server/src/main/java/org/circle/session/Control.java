package org.circle.session;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.circle.error.Refusal;
import org.circle.input.JsonBody;
import org.circle.protocol.Operations;

/**
 * A facilitation control, as a facilitator sends it: {@code {"action": "next", ...}}. Each is
 * applied under the session's row lock by {@link SessionStore#control}; docs/protocol.md lists them.
 */
public sealed interface Control {
  Set<String> FIELDS = Set.of("action", "from", "segment", "seconds", "card", "budget", "person");

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
    String action = body.string("action", 1, 40);
    return switch (action) {
      case "start" -> new Start();
      case "end" -> new End();
      case "next" -> new Step(1, uuid(body, "from"));
      case "previous" -> new Step(-1, uuid(body, "from"));
      case "jump" -> new Jump(uuid(body, "segment").orElseThrow(() -> Refusal.invalid("Field 'segment' is required: which segment to go to.")));
      case "timer.start" -> new TimerStart(body.optionalInteger("seconds", (int) (Timer.MIN_MS / 1000), (int) (Timer.MAX_MS / 1000)));
      case "timer.pause" -> new TimerPause();
      case "timer.resume" -> new TimerResume();
      case "timer.add" -> new TimerAdd(body.integer("seconds", (int) -(Timer.MAX_ADD_MS / 1000), (int) (Timer.MAX_ADD_MS / 1000)));
      case "timer.reset" -> new TimerReset();
      case "hands.next" -> new NextHand();
      case "hands.lower" -> new LowerHand(uuid(body, "person").orElseThrow(() -> Refusal.invalid("Field 'person' is required: whose hand to lower.")));
      case "spotlight" -> new Spotlight(card(body));
      case "vote.open" -> new OpenVote(body.integer("budget", 1, SessionStore.MAX_DOT_BUDGET));
      case "vote.close" -> new CloseVote();
      case "takeover" -> new TakeOver();
      default -> throw Refusal.invalid("Unknown action '" + (action.length() > 40 ? action.substring(0, 40) : action) + "'.");
    };
  }

  private static Optional<UUID> uuid(JsonBody body, String field) {
    return body.optionalString(field, 36, 36).map(s -> {
      try {
        return UUID.fromString(s);
      } catch (IllegalArgumentException e) {
        throw Refusal.invalid("Field '" + field + "' must be an id.");
      }
    });
  }

  private static Optional<String> card(JsonBody body) {
    Optional<String> card = body.optionalString("card", 1, 64);
    card.ifPresent(c -> {
      if (!Operations.isId(c)) throw Refusal.invalid("Field 'card' must be a card id.");
    });
    return card;
  }
}
