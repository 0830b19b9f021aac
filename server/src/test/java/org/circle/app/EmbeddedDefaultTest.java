package org.circle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.circle.support.Http;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDefaultTest {

  @Test
  @DisplayName("With no database configured, data written before a restart is there after it")
  void dataSurvivesRestart(@TempDir Path dataDir) throws Exception {
    try (TestServer first = TestServer.startEmbedded(dataDir)) {
      assertEquals(200, Http.get(first.baseUrl() + "/health").statusCode());
      await(first.app().pool().preparedQuery("INSERT INTO instance_setting (name, value) VALUES ($1, $2)")
          .execute(Tuple.of("restart-check", "still here")));
    }
    try (TestServer second = TestServer.startEmbedded(dataDir)) {
      Row row = await(second.app().pool().preparedQuery("SELECT value FROM instance_setting WHERE name = $1")
          .execute(Tuple.of("restart-check"))).iterator().next();
      assertEquals("still here", row.getString(0));
    }
  }

  @Test
  @DisplayName("The embedded PostgreSQL runs with fsync and synchronous_commit on")
  void embeddedIsDurable(@TempDir Path dataDir) throws Exception {
    try (TestServer server = TestServer.startEmbedded(dataDir)) {
      var pool = server.app().pool();
      assertEquals("on", await(pool.query("SHOW fsync").execute()).iterator().next().getString(0));
      assertEquals("on", await(pool.query("SHOW synchronous_commit").execute()).iterator().next().getString(0));
    }
  }

  static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
