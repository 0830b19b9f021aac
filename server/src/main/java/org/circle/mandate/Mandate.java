package org.circle.mandate;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.List;
import org.circle.input.JsonBody;
import org.circle.input.Schema;

/**
 * What the sponsor authorises: the system of interest, the guiding question, who belongs and why,
 * the sponsor's expectations, the time commitment, how learning flows back, and the two promises
 * that make honesty possible: it is safe to fail, and nothing feeds performance management.
 */
public record Mandate(String purpose, String question, String constituency, String expectations,
                      String timeCommitment, String learningFlow, String safeToFail, String notPerformance) {

  public static final List<String> FIELDS = List.of("purpose", "question", "constituency", "expectations",
      "timeCommitment", "learningFlow", "safeToFail", "notPerformance");
  static final int MAX_FIELD = 4_000;

  /** The mandate's text, every field required. */
  public static final Schema.Obj SCHEMA = schema();

  private static Schema.Obj schema() {
    Schema.Obj fields = Schema.object();
    for (String field : FIELDS) fields = fields.required(field, Schema.text(1, MAX_FIELD));
    return fields.named("Mandate");
  }

  public static Mandate from(JsonBody body) {
    return new Mandate(body.string("purpose"), body.string("question"), body.string("constituency"),
        body.string("expectations"), body.string("timeCommitment"), body.string("learningFlow"),
        body.string("safeToFail"), body.string("notPerformance"));
  }

  static Mandate from(Row r) {
    return new Mandate(r.getString("purpose"), r.getString("question"), r.getString("constituency"),
        r.getString("expectations"), r.getString("time_commitment"), r.getString("learning_flow"),
        r.getString("safe_to_fail"), r.getString("not_performance"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("purpose", purpose).put("question", question).put("constituency", constituency)
        .put("expectations", expectations).put("timeCommitment", timeCommitment).put("learningFlow", learningFlow)
        .put("safeToFail", safeToFail).put("notPerformance", notPerformance);
  }
}
