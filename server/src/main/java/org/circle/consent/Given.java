package org.circle.consent;

import org.circle.error.Refusal;
import org.circle.input.JsonBody;
import org.circle.input.Schema;

/** A member's answer in a round, with the reason that an objection or a concern must carry. */
public record Given(Answer answer, String note) {
  static final int MAX_NOTE = 2_000;

  /** An answer as the API reads it. */
  public static final Schema.Obj SCHEMA = Schema.object()
      .required("answer", Answer.SCHEMA)
      .optional("note", Schema.text(1, MAX_NOTE).describe("the concern or the reason; required with a concern or an objection"))
      .named("ConsentAnswer");

  public static Given from(JsonBody body) {
    Answer answer = Answer.parse(body.string("answer")).orElseThrow();
    String note = body.optionalString("note").orElse(null);
    if (answer == Answer.CONCERN && note == null) throw Refusal.invalid("Field 'note' is needed with a concern: say what worries you.");
    if (answer == Answer.OBJECT && note == null) {
      throw Refusal.invalid("Field 'note' is needed with an objection: give your reason, so the text can be changed to meet it.");
    }
    return new Given(answer, note);
  }
}
