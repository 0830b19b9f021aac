package org.circle.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;

/** GET /health: 200 while the database answers, 503 while it does not. */
public final class HealthHandler {
  private static final long DATABASE_TIMEOUT_MS = 2_000;
  private final Pool pool;

  public HealthHandler(Pool pool) {
    this.pool = pool;
  }

  public void handle(RoutingContext ctx) {
    pool.query("SELECT 1").execute()
        .timeout(DATABASE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .onSuccess(rows -> Responses.json(ctx, 200, new JsonObject().put("status", "up").put("database", "up")))
        .onFailure(err -> Responses.json(ctx, 503, new JsonObject().put("status", "down").put("database", "unreachable")));
  }
}
