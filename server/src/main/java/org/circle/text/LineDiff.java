package org.circle.text;

import org.circle.input.Schema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Differences between two versions of a text, line by line (longest common subsequence). */
public final class LineDiff {
  /** Texts here are short (mandates, ground rules); bound the table so a huge input cannot exhaust memory. */
  private static final int MAX_LINES = 2_000;

  private LineDiff() {}

  /** What {@link #fields} writes for each field. */
  public static final Schema.Obj FIELD_DIFF = Schema.object()
      .required("field", Schema.anyText())
      .required("changed", Schema.bool())
      .required("lines", Schema.list(Schema.object()
          .required("op", Schema.oneOf("same", "removed", "added"))
          .required("text", Schema.anyText())))
      .named("FieldDiff");

  public record Change(String op, String text) {
    public JsonObject toJson() {
      return new JsonObject().put("op", op).put("text", text);
    }
  }

  public static List<Change> diff(List<String> before, List<String> after) {
    List<String> a = before.size() > MAX_LINES ? before.subList(0, MAX_LINES) : before;
    List<String> b = after.size() > MAX_LINES ? after.subList(0, MAX_LINES) : after;
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<Change> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() && j < b.size()) {
      if (a.get(i).equals(b.get(j))) {
        out.add(new Change("same", a.get(i)));
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        out.add(new Change("removed", a.get(i++)));
      } else {
        out.add(new Change("added", b.get(j++)));
      }
    }
    while (i < a.size()) out.add(new Change("removed", a.get(i++)));
    while (j < b.size()) out.add(new Change("added", b.get(j++)));
    return out;
  }

  public static List<String> lines(String text) {
    return text == null || text.isEmpty() ? List.of() : text.lines().toList();
  }

  /** Field-by-field comparison of two JSON objects holding texts, for the named fields. */
  public static JsonArray fields(JsonObject before, JsonObject after, List<String> names) {
    JsonArray out = new JsonArray();
    for (String name : names) {
      String a = String.valueOf(before.getValue(name, ""));
      String b = String.valueOf(after.getValue(name, ""));
      JsonArray changes = new JsonArray();
      diff(lines(a), lines(b)).forEach(c -> changes.add(c.toJson()));
      out.add(new JsonObject().put("field", name).put("changed", !a.equals(b)).put("lines", changes));
    }
    return out;
  }
}
