package org.circle.http;

import org.circle.error.Refusal;
import org.circle.input.JsonBody;
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
 * The JSON API under {@value #PREFIX}. Each route is declared once as an {@link Operation}; before
 * the handler runs, the session cookie is resolved, state-changing requests are checked for CSRF,
 * the caller's role is checked against the route's {@link Policy} and its body against the route's
 * schema. Failures become RFC 9457 problem details.
 */
public final class Api {
  public static final String PREFIX = "/api";
  /** Request bodies are small forms; anything larger is refused before it is read. */
  static final long MAX_BODY_BYTES = 64 * 1024;
  static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String SESSION_KEY = "circle.session";
  private static final String CLIENT_ADDRESS_KEY = "circle.clientAddress";
  private static final Logger log = LoggerFactory.getLogger(Api.class);

  private final Router router;
  private final Sessions sessions;
  private final Memberships memberships;
  private final Set<String> allowedOrigins;
  private final List<Operation> operations = new ArrayList<>();
  private final RequestLimiter limiter;

  /** {@code limiter} is the node's one limiter, shared by every HTTP verticle instance. */
  public Api(Router router, Sessions sessions, Memberships memberships, Set<String> allowedOrigins,
             RequestLimiter limiter, ClientAddress clientAddress) {
    this.router = router;
    this.sessions = sessions;
    this.memberships = memberships;
    this.allowedOrigins = allowedOrigins;
    this.limiter = limiter;
    router.route(PREFIX + "/*").handler(ctx -> {
      ctx.put(CLIENT_ADDRESS_KEY, clientAddress.of(ctx.request()));
      ctx.next();
    });
    router.route(PREFIX + "/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.route(PREFIX + "/*").handler(this::authenticate);
    router.route(PREFIX + "/*").handler(this::limitRate);
    router.route(PREFIX + "/*").handler(this::checkCsrf);
  }

  /** Every route served, each with every answer it can give: what /openapi.json is rendered from. */
  public List<Operation> operations() {
    return Collections.unmodifiableList(operations);
  }

  public Operation.Builder get(String path) {
    return new Operation.Builder(HttpMethod.GET, path, this::add);
  }

  public Operation.Builder post(String path) {
    return new Operation.Builder(HttpMethod.POST, path, this::add);
  }

  public Operation.Builder put(String path) {
    return new Operation.Builder(HttpMethod.PUT, path, this::add);
  }

  public Operation.Builder delete(String path) {
    return new Operation.Builder(HttpMethod.DELETE, path, this::add);
  }

  private void add(Operation declared, Endpoint endpoint) {
    if (operations.stream().anyMatch(o -> o.id().equals(declared.id()))) {
      throw new IllegalStateException("Two routes are both called " + declared.id());
    }
    Operation operation = withCommonAnswers(declared);
    operations.add(operation);
    // compose() turns an exception thrown while validating into a failed future, answered below.
    router.route(operation.method(), PREFIX + operation.path()).handler(ctx -> Future.succeededFuture()
        .compose(v -> authorize(ctx, operation))
        .compose(endpoint::handle)
        .onSuccess(reply -> send(ctx, reply))
        .onFailure(err -> fail(ctx, err)));
  }

  /**
   * The answers this class gives before a handler runs, added to every route they apply to, so the
   * document lists them where they can happen: a route's own description of one takes precedence.
   */
  private static Operation withCommonAnswers(Operation op) {
    boolean changesState = op.method() != HttpMethod.GET;
    boolean needsRole = op.policy() instanceof Policy.Admin || op.policy() instanceof Policy.Convener
        || op.policy() instanceof Policy.Member || op.policy() instanceof Policy.NotOnlySponsor;
    Operation out = op;
    if (op.body().isPresent() || op.parameters().stream().anyMatch(p -> p.in() == Operation.In.QUERY)) {
      out = out.withAnswer(400, Operation.Answer.problem("The body or a parameter is not valid; the detail names the field"));
    }
    if (!(op.policy() instanceof Policy.Anyone)) out = out.withAnswer(401, Operation.Answer.problem("Not signed in"));
    if (needsRole || changesState) {
      out = out.withAnswer(403, Operation.Answer.problem(needsRole && changesState
          ? "Your role does not allow this, or the request came from another site or lacks its CSRF token"
          : needsRole ? "Your role does not allow this" : "The request came from another site or lacks its CSRF token"));
    }
    if (!op.pathPlaceholders().isEmpty()) out = out.withAnswer(404, Operation.Answer.problem("Nothing is found at this path"));
    if (changesState) {
      out = out.withAnswer(413, Operation.Answer.problem("The body is larger than " + MAX_BODY_BYTES / 1024 + " KiB"));
      out = out.withAnswer(415, Operation.Answer.problem("Sent without a session and not as application/json"));
    }
    return out.withAnswer(429, Operation.Answer.problem("Too many requests from this caller: wait for Retry-After seconds"));
  }

  /** Unknown API paths answer in the same problem format as everything else. */
  public void finish() {
    router.route(PREFIX + "/*").handler(ctx -> Responses.problem(ctx, 404, "Not found", "There is no such API route."));
  }

  public static Optional<Session> session(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(SESSION_KEY));
  }

  /** The caller's address, through trusted proxies only (see {@link ClientAddress}). */
  static String clientAddress(RoutingContext ctx) {
    String address = ctx.get(CLIENT_ADDRESS_KEY);
    if (address != null) return address;
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
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
        .orElseGet(() -> "address:" + clientAddress(ctx));
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

  /** Checks the caller against the route's policy, then its body against the route's schema. */
  private Future<Call> authorize(RoutingContext ctx, Operation operation) {
    Policy policy = operation.policy();
    Optional<Session> session = session(ctx);
    var principal = session.map(Session::principal);
    Call anonymous = new Call(ctx, principal, Optional.empty(), Optional.empty());
    Future<Call> allowed;
    if (policy instanceof Policy.Anyone) {
      allowed = Future.succeededFuture(anonymous);
    } else if (principal.isEmpty()) {
      return Future.failedFuture(Refusal.notSignedIn());
    } else if (policy instanceof Policy.Admin && !principal.get().admin()) {
      return Future.failedFuture(Refusal.forbidden());
    } else if (policy instanceof Policy.Convener && !principal.get().facilitator()) {
      return Future.failedFuture(Refusal.forbidden());
    } else if (policy instanceof Policy.NotOnlySponsor) {
      allowed = memberships.onlySponsor(principal.get().accountId()).compose(only ->
          only ? Future.failedFuture(Refusal.forbidden()) : Future.succeededFuture(anonymous));
    } else if (policy instanceof Policy.Member member) {
      allowed = memberships.roleIn(principal.get().accountId(), anonymous.communityId()).compose(role -> {
        if (role.isEmpty() || !member.roles().contains(role.get())) return Future.failedFuture(Refusal.forbidden());
        return Future.succeededFuture(new Call(ctx, principal, role, Optional.empty()));
      });
    } else {
      allowed = Future.succeededFuture(anonymous);
    }
    return allowed.map(call -> operation.body()
        .map(schema -> call.withBody(JsonBody.parse(ctx.body().asString(), schema)))
        .orElse(call));
  }

  private static void send(RoutingContext ctx, Reply reply) {
    if (reply == Reply.STREAMING || ctx.response().ended()) return;
    ctx.response().setStatusCode(reply.status()).putHeader("Cache-Control", "no-store");
    if (reply.body() == null) {
      ctx.response().end();
    } else if (reply.body() instanceof Reply.Download file) {
      ctx.response().putHeader("Content-Type", file.mediaType() + "; charset=utf-8")
          .putHeader("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"")
          .putHeader("X-Content-Type-Options", "nosniff")
          .end(file.text());
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
      log.error("API {} {} failed: {}{}", ctx.request().method(), LogSafe.path(ctx.normalizedPath()), err.getClass().getSimpleName(), state);
      Responses.problem(ctx, 500, "Something went wrong", "The server could not finish this request. Try again in a moment.");
    }
  }
}
