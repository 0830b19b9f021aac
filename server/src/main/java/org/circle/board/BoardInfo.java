package org.circle.board;

import org.circle.input.Schema;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** What does not change while a room is open: which community the board belongs to and its settings. */
public record BoardInfo(UUID id, UUID communityId, String title, String kind, boolean anonymous, int voteBudget) {
  public static final Schema.Obj SCHEMA = Schema.object()
      .required("id", Schema.uuid())
      .required("community", Schema.uuid())
      .required("title", Schema.anyText())
      .required("kind", Schema.anyText().describe("the agenda segment the board serves, or free"))
      .required("anonymous", Schema.bool().describe("authors are stored but shown to nobody but themselves"))
      .required("voteBudget", Schema.whole(0, Integer.MAX_VALUE))
      .named("Board");

  public JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("community", communityId.toString()).put("title", title)
        .put("kind", kind).put("anonymous", anonymous).put("voteBudget", voteBudget);
  }
}
