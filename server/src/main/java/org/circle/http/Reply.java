package org.circle.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** What an API endpoint answers: a status and a JSON body (or none for 204), or a file to download. */
public record Reply(int status, Object body) {

  /** A file the browser saves rather than shows: its media type, its name, and its text (UTF-8). */
  public record Download(String mediaType, String fileName, String text) {
    public Download {
      if (!fileName.matches("[A-Za-z0-9._-]{1,120}")) throw new IllegalArgumentException("unsafe file name " + fileName);
    }
  }

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

  /** A file to download (answered with Content-Disposition: attachment). */
  public static Reply download(String mediaType, String fileName, String text) {
    return new Reply(200, new Download(mediaType, fileName, text));
  }

  public static Reply noContent() {
    return new Reply(204, null);
  }
}
