package org.circle.consent;

import java.util.Set;
import org.circle.error.Refusal;
import org.circle.input.JsonBody;

/** A member's answer in a round, with the reason that an objection or a concern must carry. */
public record Given(Answer answer, String note) {
  public static final Set<String> FIELDS = Set.of("answer", "note");
  static final int MAX_NOTE = 2_000;

  public static Given from(JsonBody body) {
    Answer answer = Answer.parse(body.optionalString("answer", 1, 20).orElse(null))
        .orElseThrow(() -> Refusal.invalid("Choose your answer: agree, agree with a concern, or object."));
    String note = body.optionalString("note", 1, MAX_NOTE).orElse(null);
    if (answer == Answer.CONCERN && note == null) throw Refusal.invalid("Say what worries you: a concern needs a few words.");
    if (answer == Answer.OBJECT && note == null) throw Refusal.invalid("Give the reason for your objection, so the text can be changed.");
    return new Given(answer, note);
  }
}
