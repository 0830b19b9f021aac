package org.circle.text;

import org.circle.input.Schema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import com.github.difflib.DiffUtils;
import com.github.difflib.algorithm.myers.MyersDiffWithLinearSpace;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Chunk;
import com.github.difflib.patch.Patch;

/**
 * Differences between two versions of a text, line by line: unchanged lines, and where the
 * versions differ the removed lines followed by the added ones. Myers' algorithm in linear space
 * (java-diff-utils), so memory grows with the texts, not with their product: it runs on the event
 * loop for anyone who may read a mandate, sponsors included.
 */
public final class LineDiff {
  /**
   * Above this many lines on either side (no field of 4,000 characters comes near it), the versions
   * are compared as a whole, all removed then all added: still exact, never slow.
   */
  static final int MAX_LINES = 5_000;

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
    List<Change> out = new ArrayList<>();
    if (before.size() > MAX_LINES || after.size() > MAX_LINES) {
      before.forEach(line -> out.add(new Change("removed", line)));
      after.forEach(line -> out.add(new Change("added", line)));
      return out;
    }
    Patch<String> patch = DiffUtils.diff(before, after, new MyersDiffWithLinearSpace<String>(), null, false);
    // The library may report a replacement as an insertion next to a deletion, in either order:
    // between two unchanged lines, all that was removed is shown first, then all that was added.
    List<String> removed = new ArrayList<>();
    List<String> added = new ArrayList<>();
    int next = 0;
    for (AbstractDelta<String> delta : patch.getDeltas()) {
      Chunk<String> source = delta.getSource();
      if (next < source.getPosition()) flush(out, removed, added);
      while (next < source.getPosition()) out.add(new Change("same", before.get(next++)));
      removed.addAll(source.getLines());
      added.addAll(delta.getTarget().getLines());
      next = source.getPosition() + source.size();
    }
    flush(out, removed, added);
    while (next < before.size()) out.add(new Change("same", before.get(next++)));
    return out;
  }

  private static void flush(List<Change> out, List<String> removed, List<String> added) {
    removed.forEach(line -> out.add(new Change("removed", line)));
    added.forEach(line -> out.add(new Change("added", line)));
    removed.clear();
    added.clear();
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
