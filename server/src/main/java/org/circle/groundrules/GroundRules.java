package org.circle.groundrules;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.List;
import org.circle.input.JsonBody;
import org.circle.input.Schema;

/**
 * The ground rules a community agrees for its safe space: free rules, plus what every community
 * must settle: whether cards carry names, how many distinct contributors a theme needs before it
 * may leave the room (never below 3), the safeguarding exception, how to raise a concern, and the
 * session cadence and default agenda, and how long raw session content is kept ({@link Retention}).
 */
public record GroundRules(List<String> rules, String cardNames, int releaseThreshold, String safeguarding,
                          String raiseConcern, String cadence, String agendaTemplate, Retention retention) {
  public static final int MIN_RELEASE_THRESHOLD = 3;
  static final int MAX_RULES = 50;
  static final int MAX_RULE = 500;
  static final int MAX_TEXT = 2_000;
  public static final List<String> TEXT_FIELDS = List.of("rules", "cardNames", "releaseThreshold", "safeguarding",
      "raiseConcern", "cadence", "agendaTemplate", "retention");
  /** The ground rules' content, every field required. */
  public static final Schema.Obj SCHEMA = Schema.object()
      .required("rules", Schema.list(Schema.text(1, MAX_RULE)).between(1, MAX_RULES).describe("one rule per item; blank items are dropped"))
      .required("cardNames", Schema.oneOf("named", "anonymous").describe("whether cards carry their author's name"))
      .required("releaseThreshold", Schema.whole(MIN_RELEASE_THRESHOLD, 1_000)
          .describe("how many distinct contributors a theme needs before it may leave the room"))
      .required("safeguarding", Schema.text(1, MAX_TEXT))
      .required("raiseConcern", Schema.text(1, MAX_TEXT))
      .required("cadence", Schema.text(1, MAX_TEXT))
      .required("agendaTemplate", Schema.text(1, MAX_TEXT))
      .optional("retention", Retention.SCHEMA)
      .named("GroundRules");

  public static GroundRules from(JsonBody body) {
    return new GroundRules(body.strings("rules"), body.string("cardNames"), body.integer("releaseThreshold"),
        body.string("safeguarding"), body.string("raiseConcern"), body.string("cadence"), body.string("agendaTemplate"),
        Retention.of(body.string("retention")));
  }

  static GroundRules from(Row r) {
    JsonArray rules = new JsonArray(r.getValue("rules").toString());
    return new GroundRules(rules.stream().map(String::valueOf).toList(), r.getString("card_names"),
        r.getInteger("release_threshold"), r.getString("safeguarding"), r.getString("raise_concern"),
        r.getString("cadence"), r.getString("agenda_template"), Retention.of(r.getString("retention")));
  }

  public JsonObject toJson() {
    return new JsonObject().put("rules", new JsonArray(rules)).put("cardNames", cardNames)
        .put("releaseThreshold", releaseThreshold).put("safeguarding", safeguarding).put("raiseConcern", raiseConcern)
        .put("cadence", cadence).put("agendaTemplate", agendaTemplate).put("retention", retention.wireName());
  }

  /** The same content as texts, one rule per line, for reading differences between versions. */
  public JsonObject asTexts() {
    return toJson().put("rules", String.join("\n", rules)).put("releaseThreshold", String.valueOf(releaseThreshold));
  }
}
