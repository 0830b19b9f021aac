package org.circle.groundrules;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.List;
import java.util.Set;
import org.circle.error.Refusal;
import org.circle.input.JsonBody;

/**
 * The ground rules a community agrees for its safe space: free rules, plus what every community
 * must settle: whether cards carry names, how many distinct contributors a theme needs before it
 * may leave the room (never below 3), the safeguarding exception, how to raise a concern, and the
 * session cadence and default agenda.
 */
public record GroundRules(List<String> rules, String cardNames, int releaseThreshold, String safeguarding,
                          String raiseConcern, String cadence, String agendaTemplate) {
  public static final int MIN_RELEASE_THRESHOLD = 3;
  static final int MAX_RULES = 50;
  static final int MAX_RULE = 500;
  static final int MAX_TEXT = 2_000;
  public static final Set<String> FIELDS = Set.of("rules", "cardNames", "releaseThreshold", "safeguarding", "raiseConcern",
      "cadence", "agendaTemplate");
  public static final List<String> TEXT_FIELDS = List.of("rules", "cardNames", "releaseThreshold", "safeguarding",
      "raiseConcern", "cadence", "agendaTemplate");

  public static GroundRules from(JsonBody body) {
    List<String> rules = body.strings("rules", MAX_RULES, MAX_RULE);
    if (rules.isEmpty()) throw Refusal.invalid("Field 'rules' needs at least one rule: write one per line.");
    String cardNames = body.string("cardNames", 1, 20);
    if (!cardNames.equals("named") && !cardNames.equals("anonymous")) {
      throw Refusal.invalid("Field 'cardNames' must be named or anonymous.");
    }
    int threshold = body.integer("releaseThreshold", MIN_RELEASE_THRESHOLD, 1_000);
    return new GroundRules(rules, cardNames, threshold, body.string("safeguarding", 1, MAX_TEXT),
        body.string("raiseConcern", 1, MAX_TEXT), body.string("cadence", 1, MAX_TEXT), body.string("agendaTemplate", 1, MAX_TEXT));
  }

  static GroundRules from(Row r) {
    JsonArray rules = new JsonArray(r.getValue("rules").toString());
    return new GroundRules(rules.stream().map(String::valueOf).toList(), r.getString("card_names"),
        r.getInteger("release_threshold"), r.getString("safeguarding"), r.getString("raise_concern"),
        r.getString("cadence"), r.getString("agenda_template"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("rules", new JsonArray(rules)).put("cardNames", cardNames)
        .put("releaseThreshold", releaseThreshold).put("safeguarding", safeguarding).put("raiseConcern", raiseConcern)
        .put("cadence", cadence).put("agendaTemplate", agendaTemplate);
  }

  /** The same content as texts, one rule per line, for reading differences between versions. */
  public JsonObject asTexts() {
    return toJson().put("rules", String.join("\n", rules)).put("releaseThreshold", String.valueOf(releaseThreshold));
  }
}
