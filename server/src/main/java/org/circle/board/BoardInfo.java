package org.circle.board;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** What does not change while a room is open: which community the board belongs to and its settings. */
public record BoardInfo(UUID id, UUID communityId, String title, String kind, boolean anonymous, int voteBudget) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("community", communityId.toString()).put("title", title)
        .put("kind", kind).put("anonymous", anonymous).put("voteBudget", voteBudget);
  }
}
