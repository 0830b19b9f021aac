package org.circle.mandate;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.List;
import java.util.Set;
import org.circle.input.JsonBody;

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

  public static Mandate from(JsonBody body) {
    return new Mandate(body.string("purpose", 1, MAX_FIELD), body.string("question", 1, MAX_FIELD),
        body.string("constituency", 1, MAX_FIELD), body.string("expectations", 1, MAX_FIELD),
        body.string("timeCommitment", 1, MAX_FIELD), body.string("learningFlow", 1, MAX_FIELD),
        body.string("safeToFail", 1, MAX_FIELD), body.string("notPerformance", 1, MAX_FIELD));
  }

  public static Set<String> fieldSet() {
    return Set.copyOf(FIELDS);
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
