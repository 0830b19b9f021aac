package org.circle.session;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.UUID;

/** One item of a session's agenda, with its own live board. */
public record Segment(UUID id, int position, String template, String title, String prompt, int minutes, UUID boardId) {

  static final String COLUMNS = "id, position, template, title, prompt, minutes, board_id";

  static Segment from(Row r) {
    return new Segment(r.getUUID("id"), r.getInteger("position"), r.getString("template"), r.getString("title"),
        r.getString("prompt"), r.getInteger("minutes"), r.getUUID("board_id"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("template", template).put("title", title).put("prompt", prompt)
        .put("minutes", minutes).put("board", boardId.toString());
  }
}
