package org.circle.review;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.circle.input.Schema;

/**
 * The figures of a pulse or process check, shown only when at least {@value #MINIMUM} people
 * answered: below that, no number at all leaves the server (not even how many answered), only
 * "not enough answers to show". Notes come sorted, so their order says nothing of who wrote them.
 */
public final class Aggregate {
  public static final int MINIMUM = 3;
  public static final String NOT_ENOUGH = "Not enough answers to show. Results appear once at least " + MINIMUM + " people have answered.";

  public static final Schema.Obj SCHEMA = Schema.object()
      .required("answers", Schema.whole(MINIMUM, Long.MAX_VALUE).describe("how many answered; never fewer than 3"))
      .required("distribution", Schema.list(Schema.object().required("value", Schema.anyText()).required("label", Schema.anyText())
          .required("count", Schema.whole(0, Long.MAX_VALUE)).named("PulseCount")))
      .required("mean", Schema.anyText().orNull().describe("for a 1 to 5 scale, the mean to one decimal place, such as \"3.7\""))
      .required("notes", Schema.list(Schema.anyText()).describe("the notes people added, in alphabetical order"))
      .named("PulseResult");

  /** One answer as stored: no person attached. */
  public record Answer(String value, String note) {}

  private Aggregate() {}

  /** The result to show, or null when fewer than {@value #MINIMUM} answered. */
  public static JsonObject of(PulseKind kind, List<Answer> answers) {
    if (answers.size() < MINIMUM) return null;
    JsonArray distribution = new JsonArray();
    long sum = 0;
    for (PulseKind.Choice choice : kind.choices()) {
      long count = answers.stream().filter(a -> a.value().equals(choice.value())).count();
      distribution.add(new JsonObject().put("value", choice.value()).put("label", choice.label()).put("count", count));
      if (kind.scale()) sum += count * Long.parseLong(choice.value());
    }
    String mean = kind.scale()
        ? BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(answers.size()), 1, RoundingMode.HALF_UP).toPlainString()
        : null;
    List<String> notes = new ArrayList<>();
    for (Answer a : answers) if (a.note() != null) notes.add(a.note());
    notes.sort(String.CASE_INSENSITIVE_ORDER);
    return new JsonObject().put("answers", answers.size()).put("distribution", distribution).put("mean", mean)
        .put("notes", new JsonArray(notes));
  }
}
