package org.circle.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** What an API endpoint answers: a status and a JSON body (or none for 204). */
public record Reply(int status, Object body) {

  /** The endpoint writes the response itself (an event stream). */
  public static final Reply STREAMING = new Reply(0, null);

  public static Reply ok(JsonObject body) {
    return new Reply(200, body);
  }

  public static Reply ok(JsonArray body) {
    return new Reply(200, body);
  }

  public static Reply created(JsonObject body) {
    return new Reply(201, body);
  }

  public static Reply noContent() {
    return new Reply(204, null);
  }
}
