package org.circle.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
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
      var pool = Database.pool(vertx, config.database().orElseThrow(), 1);
      Api api = Services.create(vertx, config, pool, pool, 1).registerAll(router);
      Set<String> registered = new TreeSet<>();
      api.routes().forEach(r -> registered.add(r.method().name() + " " + r.openApiPath()));
      // Any route added to the router under /api without going through Api would escape authorization.
      router.getRoutes().stream()
          .filter(r -> r.getPath() != null && r.getPath().startsWith(Api.PREFIX + "/") && r.methods() != null)
          .forEach(r -> r.methods().forEach(m ->
              registered.add(m.name() + " " + r.getPath().replaceAll(":([A-Za-z]+)", "{$1}"))));

      Set<String> documented = new TreeSet<>();
      JsonObject paths = OpenApiDocument.json().getJsonObject("paths");
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
      assertEquals("3.0.3", new JsonObject(response.body()).getString("openapi"));
    }
  }
}
