package org.circle.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.circle.app.Services;
import org.circle.config.Config;
import org.circle.db.Database;
import org.circle.http.Api;
import org.circle.http.OpenApiDocument;
import org.circle.support.Http;
import org.circle.support.TestDatabases;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

  @Test
  @DisplayName("The OpenAPI document lists exactly the API routes the server registers")
  void documentMatchesRoutes() {
    Vertx vertx = Vertx.vertx();
    try {
      Router router = Router.router(vertx);
      Config config = Config.fromEnvironment(Map.of("DATABASE_URL", TestDatabases.url(TestDatabases.server().settings())));
      Api api = Services.create(vertx, config, Database.pool(vertx, config.database().orElseThrow(), 1), 1).registerAll(router);
      Set<String> registered = new TreeSet<>();
      api.operations().forEach(r -> registered.add(r.method().name() + " " + r.openApiPath()));
      // Any route added to the router under /api without going through Api would escape authorization.
      router.getRoutes().stream()
          .filter(r -> r.getPath() != null && r.getPath().startsWith(Api.PREFIX + "/") && r.methods() != null)
          .forEach(r -> r.methods().forEach(m ->
              registered.add(m.name() + " " + r.getPath().replaceAll(":([A-Za-z]+)", "{$1}"))));

      Set<String> documented = new TreeSet<>();
      JsonObject paths = OpenApiDocument.render(api.operations()).getJsonObject("paths");
      paths.fieldNames().forEach(p -> paths.getJsonObject(p).fieldNames().forEach(m -> documented.add(m.toUpperCase() + " " + p)));

      assertEquals(documented, registered);
    } finally {
      vertx.close();
    }
  }

  @Test
  @DisplayName("The server serves its OpenAPI 3 document at /openapi.json")
  void served() {
    try (TestServer server = TestServer.start()) {
      var response = Http.get(server.baseUrl() + "/openapi.json");
      assertEquals(200, response.statusCode());
      assertEquals("3.1.0", new JsonObject(response.body()).getString("openapi"));
    }
  }

  @Test
  @DisplayName("Every operation has its own operationId, and every answer it documents says what its body is")
  void everyOperationIsComplete() {
    JsonObject document = document();
    Set<String> ids = new TreeSet<>();
    List<String> incomplete = new ArrayList<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        JsonObject operation = paths.getJsonObject(path).getJsonObject(method);
        String where = method.toUpperCase() + " " + path;
        String id = operation.getString("operationId");
        if (id == null || id.isBlank()) incomplete.add(where + ": no operationId");
        else if (!ids.add(id)) incomplete.add(where + ": operationId " + id + " is used twice");
        JsonObject responses = operation.getJsonObject("responses");
        if (responses.fieldNames().stream().noneMatch(s -> s.startsWith("2"))) incomplete.add(where + ": no success");
        if (!responses.containsKey("429")) incomplete.add(where + ": no 429");
        for (String status : responses.fieldNames()) {
          JsonObject content = responses.getJsonObject(status).getJsonObject("content");
          if (content == null) {
            if (!status.equals("204")) incomplete.add(where + " " + status + ": no content");
            continue;
          }
          content.forEach(media -> {
            JsonObject schema = ((JsonObject) media.getValue()).getJsonObject("schema");
            if (schema == null || schema.isEmpty()) incomplete.add(where + " " + status + " " + media.getKey() + ": empty schema");
            if (!status.startsWith("2") && !media.getKey().equals("application/problem+json")) {
              incomplete.add(where + " " + status + ": an error that is not problem+json");
            }
          });
        }
      }
    }
    assertEquals(List.of(), incomplete);
    assertTrue(ids.size() >= 42, ids.size() + " operations");
  }

  private static JsonObject document() {
    Vertx vertx = Vertx.vertx();
    try {
      Config config = Config.fromEnvironment(Map.of("DATABASE_URL", TestDatabases.url(TestDatabases.server().settings())));
      Api api = Services.create(vertx, config, Database.pool(vertx, config.database().orElseThrow(), 1), 1)
          .registerAll(Router.router(vertx));
      return OpenApiDocument.render(api.operations());
    } finally {
      vertx.close();
    }
  }
}
