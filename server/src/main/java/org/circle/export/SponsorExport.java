package org.circle.export;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The sponsor's download: the released themes and replies, and in Markdown the sessions' figures,
 * all as they already see them on their page (read through the sponsor's own database role by
 * {@code theme.SponsorView}, the minimum of 3 already applied), written out as Markdown or CSV.
 * It is given nothing else, so it can hold nothing else.
 */
public final class SponsorExport {
  private SponsorExport() {}

  public static String markdown(JsonObject overview, JsonObject sessions, JsonArray themes) {
    Markdown md = new Markdown().heading(1, "Released themes: " + overview.getString("name"))
        .line(overview.getLong("sessionsHeld") + " sessions held. Contributors are shown as a band, never a count.").blank();
    sessions(md, sessions);
    md.heading(2, "Themes");
    if (themes.isEmpty()) md.line("No themes released yet.");
    for (Object o : themes) {
      JsonObject t = (JsonObject) o;
      md.heading(3, t.getString("title"))
          .line(Markdown.escape(t.getString("summary"))).blank()
          .line("Category: " + t.getString("category").replace('_', ' ') + ". Contributors: " + t.getString("contributors")
              + ". Released " + t.getString("releasedAt") + ".").blank();
      JsonObject reply = t.getJsonObject("reply");
      md.line(reply == null ? "No reply yet." : "Reply (" + reply.getString("repliedAt") + "): " + Markdown.escape(reply.getString("text")));
    }
    return md.toString();
  }

  /** The figures of the sponsor's "how often the community meets" section, as one table. */
  private static void sessions(Markdown md, JsonObject figures) {
    JsonArray held = figures.getJsonArray("sessions");
    int minimum = figures.getInteger("minimum");
    md.heading(2, "Sessions held");
    if (held.isEmpty()) {
      md.line("No session has been held yet.").blank();
      return;
    }
    Long usual = figures.getLong("usualIntervalDays");
    md.line(usual == null ? "One session has been held so far." : held.size() + " sessions held, usually " + usual + " days apart.")
        .line("A figure is shown only when at least " + minimum + " people are behind it. How safe it felt is the average answer "
            + "to \"How safe does this feel?\", from 1 (not safe) to 5 (completely safe).").blank()
        .line("| Session | Day | People taking part | How safe it felt (average out of 5) |")
        .line("|---|---|---|---|");
    for (Object o : held) {
      JsonObject s = (JsonObject) o;
      String tookPart = switch (s.getString("tookPartShown")) {
        case "count" -> String.valueOf(s.getInteger("tookPart"));
        case "not-counted" -> "Not counted";
        default -> "Fewer than " + minimum;
      };
      String safety = switch (s.getString("safetyShown")) {
        case "mean" -> s.getString("safetyMean");
        case "not-asked" -> "Not asked";
        default -> "Fewer than " + minimum + " answered";
      };
      md.line("| Session " + s.getLong("number") + " | " + s.getString("heldOn") + " | " + tookPart + " | " + safety + " |");
    }
    md.blank();
  }

  public static String csv(JsonArray themes) {
    Csv csv = new Csv("title", "summary", "category", "contributors", "released", "reply", "replied");
    for (Object o : themes) {
      JsonObject t = (JsonObject) o;
      JsonObject reply = t.getJsonObject("reply");
      csv.row(t.getString("title"), t.getString("summary"), t.getString("category"), t.getString("contributors"),
          t.getString("releasedAt"), reply == null ? "" : reply.getString("text"), reply == null ? "" : reply.getString("repliedAt"));
    }
    return csv.toString();
  }
}
