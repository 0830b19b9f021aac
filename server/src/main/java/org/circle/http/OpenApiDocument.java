package org.circle.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAPI 3 description of the HTTP API, served at /openapi.json. A test keeps it in step
 * with the routes actually registered, and reads each route's {@code x-circle-allowed} roles to
 * build the authorization matrix.
 */
public final class OpenApiDocument {
  private static final String TEXT = load();

  private OpenApiDocument() {}

  public static JsonObject json() {
    return new JsonObject(TEXT);
  }

  static void serve(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").end(TEXT);
  }

  private static String load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream("/openapi.json")) {
      if (in == null) throw new IllegalStateException("openapi.json is missing from the classpath");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
