package org.circle.export;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The sponsor's download: the released themes and replies they already see on their page (read
 * through the sponsor's own database role by {@code theme.SponsorView}), written out as Markdown
 * or CSV. It is given nothing else, so it can hold nothing else.
 */
public final class SponsorExport {
  private SponsorExport() {}

  public static String markdown(JsonObject overview, JsonArray themes) {
    Markdown md = new Markdown().heading(1, "Released themes: " + overview.getString("name"))
        .line(overview.getLong("sessionsHeld") + " sessions held. Contributors are shown as a band, never a count.").blank();
    if (themes.isEmpty()) md.line("No themes released yet.");
    for (Object o : themes) {
      JsonObject t = (JsonObject) o;
      md.heading(2, t.getString("title"))
          .line(Markdown.escape(t.getString("summary"))).blank()
          .line("Category: " + t.getString("category").replace('_', ' ') + ". Contributors: " + t.getString("contributors")
              + ". Released " + t.getString("releasedAt") + ".").blank();
      JsonObject reply = t.getJsonObject("reply");
      md.line(reply == null ? "No reply yet." : "Reply (" + reply.getString("repliedAt") + "): " + Markdown.escape(reply.getString("text")));
    }
    return md.toString();
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
