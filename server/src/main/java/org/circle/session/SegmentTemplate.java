package org.circle.session;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.List;
import java.util.Locale;
import org.circle.input.Schema;

/**
 * A kind of agenda segment (check-in, storytelling, ...): its name, the prompt people see, how long
 * it usually takes and which kind of board it gets. Templates are rows of {@code segment_template}.
 */
public record SegmentTemplate(String key, String name, String prompt, int minutes, String boardKind,
                              List<String> aliases, boolean inDefault) {
  public static final Schema.Obj SCHEMA = Schema.object().required("key", Schema.anyText()).required("name", Schema.anyText())
      .required("prompt", Schema.anyText()).required("minutes", Schema.whole(1, 240)).required("boardKind", Schema.anyText())
      .named("SegmentTemplate");

  static SegmentTemplate from(Row r) {
    return new SegmentTemplate(r.getString("key"), r.getString("name"), r.getString("prompt"), r.getInteger("minutes"),
        r.getString("board_kind"), List.of(r.getArrayOfStrings("aliases")), r.getBoolean("in_default"));
  }

  /** Whether a phrase from the ground rules' agenda names this template. */
  boolean isNamedBy(String phrase) {
    String p = phrase.toLowerCase(Locale.ROOT);
    return aliases.stream().anyMatch(p::contains);
  }

  public JsonObject toJson() {
    return new JsonObject().put("key", key).put("name", name).put("prompt", prompt).put("minutes", minutes)
        .put("boardKind", boardKind);
  }
}
