package org.circle.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.sqlclient.Pool;
import org.circle.account.Authenticator;
import org.circle.board.BoardAccess;
import org.circle.config.Config;
import org.circle.realtime.ConnectionLimits;
import org.circle.realtime.WebSocketEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One HTTP server instance: routes, static files for the browser client, and the WebSocket endpoint. */
public final class HttpVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(HttpVerticle.class);

  /** Instances listening on this port share one port that the system picks (Vert.x server sharing). */
  public static final int SHARED_RANDOM_PORT = -1;

  private final Config config;
  private final int listenPort;
  private final Pool pool;
  private final PrometheusMeterRegistry registry;
  private final ApiInstaller routes;
  private final Authenticator authenticator;
  private final BoardAccess boardAccess;
  private final int roomShards;
  private HttpServer server;
  private WebSocketEndpoint webSockets;
  private Api api;

  public HttpVerticle(Config config, int listenPort, Pool pool, PrometheusMeterRegistry registry, ApiInstaller routes,
                     Authenticator authenticator, BoardAccess boardAccess, int roomShards) {
    this.config = config;
    this.listenPort = listenPort;
    this.pool = pool;
    this.registry = registry;
    this.routes = routes;
    this.authenticator = authenticator;
    this.boardAccess = boardAccess;
    this.roomShards = roomShards;
  }

  @Override
  public Future<?> start() {
    webSockets = new WebSocketEndpoint(vertx, config.allowedOrigins(), authenticator, boardAccess, roomShards,
        ConnectionLimits.withOperationRate(config.wsOpsPerSecond(), config.wsOpsBurst()), registry);
    Router router = Router.router(vertx);
    router.route().handler(SecurityHeaders::add);
    router.get("/health").handler(new HealthHandler(pool)::handle);
    router.get("/metrics").handler(new MetricsAccess(config.metricsToken())::check).handler(PrometheusScrapingHandler.create(registry));
    api = routes.install(vertx, router);
    // Rendered once from the routes' own descriptions; every request gets the same text.
    String openApi = OpenApiDocument.render(api.operations()).encode();
    router.get(OpenApiDocument.PATH).handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end(openApi));
    router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(86_400));
    router.route("/*").handler(StaticHandler.create("web").setCachingEnabled(false).setIndexPage("index.html"));
    router.route().last().handler(ctx -> Responses.problem(ctx, 404, "Not found", "There is nothing at this address."));
    router.route().failureHandler(ctx -> {
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      // The class only, as for the API: a message may quote a path's secret or what a member wrote.
      if (status >= 500) {
        log.error("Request {} {} failed: {}", ctx.request().method(), LogSafe.path(ctx.normalizedPath()),
            ctx.failure() == null ? "status " + status : ctx.failure().getClass().getName());
      }
      Responses.problem(ctx, status, status >= 500 ? "Something went wrong" : "Request refused",
          status >= 500 ? "The server could not finish this request. Try again in a moment." : null);
    });

    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.httpHost())
        .setPort(listenPort)
        // The endpoint refuses frames and messages over WebSocketEndpoint.MAX_FRAME_BYTES itself, with 1009.
        .setMaxWebSocketFrameSize(WebSocketEndpoint.HARD_FRAME_BYTES)
        .setMaxWebSocketMessageSize(WebSocketEndpoint.HARD_FRAME_BYTES)
        .setRegisterWebSocketWriteHandlers(true)
        // A fixed kernel send buffer (instead of autotuning up to 4 MiB) bounds what a client that
        // stops reading can hold, so the per-connection send queue limit takes effect.
        .setSendBufferSize(ConnectionLimits.KERNEL_SEND_BUFFER_BYTES)
        .setCompressionSupported(true)
        // Browsers never speak cleartext HTTP/2; refusing the h2c upgrade keeps one code path.
        .setHttp2ClearTextEnabled(false);
    server = vertx.createHttpServer(options)
        .requestHandler(router)
        .webSocketHandshakeHandler(webSockets::handshake)
        // Connections are set up when the handshake is accepted, where the signed-in person is known.
        .webSocketHandler(socket -> { });
    return server.listen();
  }

  @Override
  public Future<?> stop() {
    // Tell every client we are going away before the listener closes, so they reconnect elsewhere.
    return webSockets.closeAll().eventually(() -> server.close());
  }

  /** Registers the API's routes on a router; one call per verticle instance. */
  @FunctionalInterface
  public interface ApiInstaller {
    Api install(io.vertx.core.Vertx vertx, Router router);
  }

  /** The API routes this instance serves, with their policies. */
  public Api api() {
    return api;
  }
}
