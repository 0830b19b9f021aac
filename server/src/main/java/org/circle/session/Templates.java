package org.circle.session;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The segment templates, read from the database, and the default agenda the ground rules choose. */
public final class Templates {
  static final String ALL = "SELECT * FROM segment_template ORDER BY sort_order, key";

  private final List<SegmentTemplate> all;

  private Templates(List<SegmentTemplate> all) {
    this.all = List.copyOf(all);
  }

  public static Future<Templates> load(SqlClient client) {
    return client.query(ALL).execute().map(rows -> {
      List<SegmentTemplate> list = new ArrayList<>();
      for (Row r : rows) list.add(SegmentTemplate.from(r));
      return new Templates(list);
    });
  }

  public static Templates of(List<SegmentTemplate> all) {
    return new Templates(all);
  }

  public List<SegmentTemplate> all() {
    return all;
  }

  public Optional<SegmentTemplate> byKey(String key) {
    return all.stream().filter(t -> t.key().equals(key)).findFirst();
  }

  /**
   * The agenda the ground rules ask for. Their agenda is written in the group's own words
   * ("Check-in, stories, doubts, ideas, close"): each phrase between commas, semicolons, "then" or
   * line breaks that names a template adds it, in that order. When no phrase names one, the
   * templates marked as the default agenda.
   */
  public List<SegmentTemplate> defaultAgenda(Optional<String> groundRulesAgenda) {
    List<SegmentTemplate> agenda = new ArrayList<>();
    groundRulesAgenda.ifPresent(text -> {
      for (String phrase : text.split("[,;\\n]|\\bthen\\b|→|->")) {
        if (phrase.isBlank()) continue;
        all.stream().filter(t -> t.isNamedBy(phrase)).findFirst().ifPresent(agenda::add);
      }
    });
    if (agenda.isEmpty()) all.stream().filter(SegmentTemplate::inDefault).forEach(agenda::add);
    return agenda;
  }
}
