package org.circle.http;

import org.circle.error.Refusal;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.circle.account.Session;
import org.circle.account.Sessions;
import org.circle.community.Memberships;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API under {@value #PREFIX}. Each route is declared with a {@link Policy}; before the
 * handler runs, the session cookie is resolved, state-changing requests are checked for CSRF, and
 * the caller's role is checked against the policy. Failures become RFC 9457 problem details.
 */
public final class Api {
  public static final String PREFIX = "/api";
  /** Request bodies are small forms; anything larger is refused before it is read. */
  static final long MAX_BODY_BYTES = 64 * 1024;
  static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String SESSION_KEY = "circle.session";
  private static final Logger log = LoggerFactory.getLogger(Api.class);

  public record Route(HttpMethod method, String path, Policy policy) {
    /** The path as OpenAPI writes it: {@code /api/communities/{communityId}}. */
    public String openApiPath() {
      return PREFIX + path.replaceAll(":([A-Za-z]+)", "{$1}");
    }
  }

  private final Router router;
  private final Sessions sessions;
  private final Memberships memberships;
  private final Set<String> allowedOrigins;
  private final List<Route> routes = new ArrayList<>();
  private final RequestLimiter limiter;

  public Api(Router router, Sessions sessions, Memberships memberships, Set<String> allowedOrigins,
             int requestsPerSecond, int requestsBurst) {
    this.router = router;
    this.sessions = sessions;
    this.memberships = memberships;
    this.allowedOrigins = allowedOrigins;
    this.limiter = new RequestLimiter(requestsPerSecond, requestsBurst, System::currentTimeMillis);
    router.route(PREFIX + "/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.route(PREFIX + "/*").handler(this::authenticate);
    router.route(PREFIX + "/*").handler(this::limitRate);
    router.route(PREFIX + "/*").handler(this::checkCsrf);
  }

  public List<Route> routes() {
    return Collections.unmodifiableList(routes);
  }

  public void get(String path, Policy policy, Endpoint endpoint) {
    add(HttpMethod.GET, path, policy, endpoint);
  }

  public void post(String path, Policy policy, Endpoint endpoint) {
    add(HttpMethod.POST, path, policy, endpoint);
  }

  public void put(String path, Policy policy, Endpoint endpoint) {
    add(HttpMethod.PUT, path, policy, endpoint);
  }

  public void delete(String path, Policy policy, Endpoint endpoint) {
    add(HttpMethod.DELETE, path, policy, endpoint);
  }

  private void add(HttpMethod method, String path, Policy policy, Endpoint endpoint) {
    routes.add(new Route(method, path, policy));
    // compose() turns an exception thrown while validating into a failed future, answered below.
    router.route(method, PREFIX + path).handler(ctx -> Future.succeededFuture()
        .compose(v -> authorize(ctx, policy))
        .compose(endpoint::handle)
        .onSuccess(reply -> send(ctx, reply))
        .onFailure(err -> fail(ctx, err)));
  }

  /** Unknown API paths answer in the same problem format as everything else. */
  public void finish() {
    router.route(PREFIX + "/*").handler(ctx -> Responses.problem(ctx, 404, "Not found", "There is no such API route."));
  }

  public static Optional<Session> session(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(SESSION_KEY));
  }

  private void authenticate(RoutingContext ctx) {
    sessions.fromCookieHeader(ctx.request().headers())
        .onSuccess(session -> {
          session.ifPresent(s -> ctx.put(SESSION_KEY, s));
          ctx.next();
        })
        .onFailure(err -> fail(ctx, err));
  }

  /** A signed-in caller is counted by account (a new cookie does not reset it), anyone else by address. */
  private void limitRate(RoutingContext ctx) {
    String caller = session(ctx).map(s -> "account:" + s.principal().accountId())
        .orElseGet(() -> "address:" + ctx.request().remoteAddress().hostAddress());
    long wait = limiter.secondsToWait(caller);
    if (wait == 0) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("Retry-After", String.valueOf(wait));
    Responses.problem(ctx, 429, "Too many requests", "Wait " + wait + " second" + (wait == 1 ? "" : "s") + " and try again.");
  }

  /**
   * Cookies ride along on cross-site requests, so a state-changing request must prove it came from
   * our own page: a foreign Origin is refused, and a signed-in caller must echo the session's CSRF
   * token in a header that another site cannot set.
   */
  private void checkCsrf(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
      ctx.next();
      return;
    }
    String origin = ctx.request().getHeader("Origin");
    if (origin != null && !allowedOrigins.contains(origin.toLowerCase())) {
      Responses.problem(ctx, 403, "Cross-site request refused", "This request came from another site.");
      return;
    }
    Optional<Session> session = session(ctx);
    if (session.isPresent() && !session.get().csrfTokenMatches(ctx.request().getHeader(CSRF_HEADER))) {
      Responses.problem(ctx, 403, "Cross-site request refused",
          "The request is missing its security token. Reload the page and try again.");
      return;
    }
    if (session.isEmpty() && !isJson(ctx)) {
      // A bare HTML form from another site cannot send application/json without a preflight.
      Responses.problem(ctx, 415, "Send JSON", "The body must be sent as application/json.");
      return;
    }
    ctx.next();
  }

  private static boolean isJson(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    return type != null && type.toLowerCase().startsWith("application/json");
  }

  private Future<Call> authorize(RoutingContext ctx, Policy policy) {
    Optional<Session> session = session(ctx);
    var principal = session.map(Session::principal);
    Call anonymous = new Call(ctx, principal, Optional.empty());
    if (policy instanceof Policy.Anyone) return Future.succeededFuture(anonymous);
    if (principal.isEmpty()) return Future.failedFuture(Refusal.notSignedIn());
    if (policy instanceof Policy.Admin && !principal.get().admin()) return Future.failedFuture(Refusal.forbidden());
    if (policy instanceof Policy.Convener && !principal.get().facilitator()) return Future.failedFuture(Refusal.forbidden());
    if (!(policy instanceof Policy.Member member)) return Future.succeededFuture(anonymous);
    return memberships.roleIn(principal.get().accountId(), anonymous.communityId()).compose(role -> {
      if (role.isEmpty() || !member.roles().contains(role.get())) return Future.failedFuture(Refusal.forbidden());
      return Future.succeededFuture(new Call(ctx, principal, role));
    });
  }

  private static void send(RoutingContext ctx, Reply reply) {
    if (reply == Reply.STREAMING || ctx.response().ended()) return;
    ctx.response().setStatusCode(reply.status()).putHeader("Cache-Control", "no-store");
    if (reply.body() == null) {
      ctx.response().end();
    } else {
      String json = reply.body() instanceof JsonArray a ? a.encode() : ((JsonObject) reply.body()).encode();
      ctx.response().putHeader("Content-Type", "application/json").end(json);
    }
  }

  static void fail(RoutingContext ctx, Throwable err) {
    if (err instanceof Refusal refusal) {
      Problems.send(ctx, refusal);
    } else {
      // The class and SQL state only: messages may quote what a member wrote.
      String state = err instanceof io.vertx.pgclient.PgException pg ? " SQLSTATE " + pg.getSqlState() : "";
      log.error("API {} {} failed: {}{}", ctx.request().method(), ctx.normalizedPath(), err.getClass().getSimpleName(), state);
      Responses.problem(ctx, 500, "Something went wrong", "The server could not finish this request. Try again in a moment.");
    }
  }
}
