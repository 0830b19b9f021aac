package org.circle.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.sqlclient.Pool;
import java.net.BindException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.circle.account.AccessChanges;
import org.circle.account.Sessions;
import org.circle.board.BoardAccess;
import org.circle.board.BoardDirectory;
import org.circle.board.BoardLog;
import org.circle.board.BoardRooms;
import org.circle.board.BoardWithdrawal;
import org.circle.board.BoardReloads;
import org.circle.retention.Forgetting;
import org.circle.board.RoomLimits;
import org.circle.board.RoomMetrics;
import org.circle.board.RoomCluster;
import io.vertx.core.spi.cluster.ClusterManager;
import org.circle.community.Communities;
import org.circle.groundrules.GroundRulesStore;
import org.circle.config.Config;
import org.circle.config.ConfigException;
import org.circle.config.DatabaseSettings;
import org.circle.db.Database;
import org.circle.db.EmbeddedDatabase;
import org.circle.db.Migrations;
import org.circle.db.SponsorRole;
import org.circle.community.CommunityEvents;
import org.circle.theme.ThemeNotifications;
import org.circle.http.HttpVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running product: database (embedded or external), schema, event loops and HTTP servers.
 * Start and stop are blocking and are called from {@code main} or a test thread, never from an
 * event loop.
 */
public final class Application {
  private static final Logger log = LoggerFactory.getLogger(Application.class);
  private static final int POOL_SIZE = 16;
  /** Sponsors read a page of released themes now and then. */
  private static final int SPONSOR_POOL_SIZE = 4;

  private final Config config;
  private final Optional<EmbeddedDatabase> embedded;
  private final Vertx vertx;
  private final Pool pool;
  private final Pool sponsorPool;
  private final ThemeNotifications themeNotifications;
  private final Forgetting forgetting;
  private volatile boolean stopped;

  private Application(Config config, Optional<EmbeddedDatabase> embedded, Vertx vertx, Pool pool, Pool sponsorPool,
                      ThemeNotifications themeNotifications, Forgetting forgetting) {
    this.config = config;
    this.embedded = embedded;
    this.vertx = vertx;
    this.pool = pool;
    this.sponsorPool = sponsorPool;
    this.themeNotifications = themeNotifications;
    this.forgetting = forgetting;
  }

  public static Application start(Config config) {
    return start(config, Migrations.DEFAULT_LOCATION);
  }

  public static Application start(Config requested, String migrationsLocation) {
    Config config = requested;
    Optional<EmbeddedDatabase> embedded = config.database().isPresent()
        ? Optional.empty()
        : Optional.of(EmbeddedDatabase.start(config.dataDir()));
    DatabaseSettings database = config.database().orElseGet(() -> embedded.orElseThrow().settings());
    Vertx vertx = null;
    try {
      Migrations.apply(database, migrationsLocation);
      DatabaseSettings sponsorDatabase = SponsorRole.prepare(database, config.sponsorDatabase());
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      VertxOptions options = new VertxOptions()
              // One event loop per core, not Vert.x's two: a frame crosses from a connection's loop
              // to its room's and back, and with fewer threads than cores' worth of work more of
              // those hand-overs stay on one thread (the JVM's CPU per operation fell by a third, docs/benchmarks.md).
              .setEventLoopPoolSize(config.eventLoops())
              .setMetricsOptions(new MicrometerMetricsOptions()
              .setEnabled(true)
              .setJvmMetricsEnabled(true)
              // Every board frame crosses the local event bus; counting each message cost 9-12% of
              // the server's CPU under load (docs/benchmarks.md) and tells an operator little.
              .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
              .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
      Optional<ClusterManager> clusterManager = config.cluster().map(ClusterNode::manager);
      if (clusterManager.isPresent()) {
        // The clustered event bus listens on the cluster host, at a port the system picks and the members tell each other.
        options.getEventBusOptions().setHost(config.cluster().get().host()).setPort(0);
        vertx = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry))
            .withClusterManager(clusterManager.get()).buildClustered()
            .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      } else {
        vertx = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry)).build();
      }
      Optional<RoomCluster> roomCluster = clusterManager.map(manager -> {
        RoomCluster rooms = new RoomCluster(manager.getNodeId(), ClusterNode.members(manager), Database.connectOptions(database));
        ClusterNode.follow(manager, rooms);
        return rooms;
      });
      // CIRCLE_HTTP_PORT=0: bind any free port now, so links and allowed origins can name it.
      HttpServer placeholder = null;
      int listenPort = config.httpPort();
      if (listenPort == 0) {
        placeholder = reservePort(vertx, config.httpHost());
        listenPort = HttpVerticle.SHARED_RANDOM_PORT;
        config = config.withHttpPort(placeholder.actualPort());
      }
      Pool pool = Database.pool(vertx, database, POOL_SIZE);
      Pool sponsorPool = Database.pool(vertx, sponsorDatabase, SPONSOR_POOL_SIZE, "circle-sponsor-db");
      ThemeNotifications notifications = ThemeNotifications.listen(vertx, Database.connectOptions(database), new CommunityEvents(vertx))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
      Application app = new Application(config, embedded, vertx, pool, sponsorPool, notifications,
          new Forgetting(vertx, pool, new BoardReloads(vertx, pool, instances)));
      Sessions sessions = new Sessions(pool, config.tlsPublicUrl());
      // Board rooms first: one owner per shard of boards, so each room's state stays on one context.
      BoardAccess boardAccess = new BoardAccess(new BoardDirectory(pool), new Communities(pool),
          new GroundRulesStore(pool)::hasConsented);
      BoardRooms.deploy(vertx, instances, new BoardLog(pool), RoomLimits.DEFAULT, new RoomMetrics(registry), roomCluster)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      // Open sockets and streams hear at once when someone's access changes.
      AccessChanges.listen(vertx, database).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      // Withdrawals a crash or failure cut short are finished now, and retried until they are.
      new BoardWithdrawal(vertx, pool, instances).resumeNowAndLater();
      // Raw content past the community's retention is destroyed, one node at a time per community.
      app.forgetting.runPeriodically();
      Config bound = config;
      int port = listenPort;
      NodeServices node = NodeServices.create(vertx, bound, registry);
      // One budget per caller across the nodes, whichever node a load balancer sends each request to.
      Vertx clustered = vertx;
      roomCluster.ifPresent(c -> node.apiLimiter().shareAcross(clustered, c.nodeId()));
      vertx.deployVerticle(() -> new HttpVerticle(bound, port, pool, registry,
              (vx, router) -> Services.create(vx, bound, pool, sponsorPool, instances, node).registerAll(router), sessions, boardAccess, instances),
              new DeploymentOptions().setInstances(instances))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      if (placeholder != null) placeholder.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      log.info("Listening on {}:{}", config.httpHost(), config.httpPort());
      roomCluster.ifPresent(c -> log.info("Cluster mode: node {} of {} on {}:{}", c.nodeId(),
          ClusterNode.members(clusterManager.get()).size(), bound.cluster().get().host(), bound.cluster().get().port()));
      FirstRun.offerAdminSetup(pool, config).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return app;
    } catch (Exception e) {
      if (vertx != null) closeQuietly(vertx.close());
      embedded.ifPresent(EmbeddedDatabase::close);
      throw translate(e, config);
    }
  }

  /**
   * Binds a random port that the HTTP verticles then share (Vert.x shares servers listening on
   * the same negative port). Until they are up it answers 503, like a server still starting.
   */
  private static HttpServer reservePort(Vertx vertx, String host) throws Exception {
    return vertx.createHttpServer()
        .requestHandler(request -> request.response().setStatusCode(503).putHeader("Retry-After", "1").end())
        .listen(HttpVerticle.SHARED_RANDOM_PORT, host)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static RuntimeException translate(Exception e, Config config) {
    if (e instanceof ConfigException ce) return ce;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return new ConfigException("Port " + config.httpPort() + " on " + config.httpHost()
            + " is already in use: stop the program using it or set CIRCLE_HTTP_PORT to a free port.");
      }
    }
    Throwable root = e;
    while (root.getCause() != null) root = root.getCause();
    return new IllegalStateException("The server could not start: " + root.getMessage(), e);
  }

  /** Stops accepting, says goodbye to every WebSocket, closes the pool, then the embedded database. */
  public synchronized void stop() {
    if (stopped) return;
    stopped = true;
    log.info("Shutting down");
    closeQuietly(vertx.deploymentIDs().stream()
        .map(vertx::undeploy)
        .reduce((a, b) -> Future.join(a, b).mapEmpty())
        .orElse(Future.succeededFuture()));
    closeQuietly(themeNotifications.close());
    closeQuietly(sponsorPool.close());
    closeQuietly(pool.close());
    closeQuietly(vertx.close());
    embedded.ifPresent(EmbeddedDatabase::close);
    log.info("Stopped");
  }

  public Config config() {
    return config;
  }

  public Pool pool() {
    return pool;
  }

  /** The pool of the sponsor's own database role. */
  public Pool sponsorPool() {
    return sponsorPool;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The retention job, which tests run with a clock of their own. */
  public Forgetting forgetting() {
    return forgetting;
  }

  public Optional<EmbeddedDatabase> embeddedDatabase() {
    return embedded;
  }

  private static void closeQuietly(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Shutdown step did not finish cleanly: {}", e.getMessage());
    }
  }
}
