package org.circle.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.circle.config.DatabaseSettings;

/** The reactive connection pool every verticle shares. */
public final class Database {
  private Database() {}

  public static Pool pool(Vertx vertx, DatabaseSettings db, int maxSize) {
    return pool(vertx, db, maxSize, "circle-db");
  }

  /** A pool of its own, named for the metrics (the sponsor's routes use one as their own role). */
  public static Pool pool(Vertx vertx, DatabaseSettings db, int maxSize, String name) {
    PgConnectOptions connect = connectOptions(db);
    PoolOptions pool = new PoolOptions()
        .setMaxSize(maxSize)
        .setName(name)
        .setShared(false)
        .setMaxWaitQueueSize(10_000)
        .setConnectionTimeout(5)
        .setIdleTimeout(60);
    return PgBuilder.pool().with(pool).connectingTo(connect).using(vertx).build();
  }

  public static PgConnectOptions connectOptions(DatabaseSettings db) {
    return new PgConnectOptions()
        .setHost(db.host())
        .setPort(db.port())
        .setDatabase(db.database())
        .setUser(db.user())
        .setPassword(db.password())
        .setCachePreparedStatements(true)
        .setPipeliningLimit(256);
  }
}
