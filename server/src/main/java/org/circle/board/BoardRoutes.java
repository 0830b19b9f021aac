package org.circle.board;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.circle.account.Authenticator;
import org.circle.account.Principal;
import org.circle.community.Memberships;
import org.circle.community.Role;
import org.circle.http.Responses;

/**
 * HTTP routes for boards:
 * <ul>
 *   <li>{@code POST /api/communities/:community/boards}: a facilitator of the community creates a board (201);</li>
 *   <li>{@code GET /api/communities/:community/boards}: a participant or facilitator lists its boards (200).</li>
 * </ul>
 * 401 without a session, 404 for a community the caller is not in (its existence is not revealed),
 * 403 for a sponsor or, on create, a participant; 409 on create when the community is archived.
 */
public final class BoardRoutes {
  private static final int MAX_BODY_BYTES = 16 * 1024;

  private final Authenticator authenticator;
  private final Memberships memberships;
  private final BoardDirectory directory;
  private final Set<String> allowedOrigins;

  public BoardRoutes(Authenticator authenticator, Memberships memberships, BoardDirectory directory, Set<String> allowedOrigins) {
    this.authenticator = authenticator;
    this.memberships = memberships;
    this.directory = directory;
    this.allowedOrigins = allowedOrigins;
  }

  public void mount(Router router) {
    router.post("/api/communities/:community/boards").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES)).handler(this::create);
    router.get("/api/communities/:community/boards").handler(this::list);
  }

  private record Caller(Principal principal, UUID communityId, Role role) {}

  private Future<Optional<Caller>> caller(RoutingContext ctx) {
    UUID community;
    try {
      community = UUID.fromString(ctx.pathParam("community"));
    } catch (IllegalArgumentException e) {
      Responses.problem(ctx, 404, "Not found", "There is no such community.");
      return Future.succeededFuture(Optional.empty());
    }
    return authenticator.authenticate(ctx.request().headers()).compose(principal -> {
      if (principal.isEmpty()) {
        Responses.problem(ctx, 401, "Sign in first", "You need to be signed in to see boards.");
        return Future.succeededFuture(Optional.empty());
      }
      return memberships.roleIn(principal.get().accountId(), community).map(role -> {
        if (role.isEmpty()) {
          Responses.problem(ctx, 404, "Not found", "There is no such community.");
          return Optional.<Caller>empty();
        }
        if (!role.get().seesRoomContent()) {
          Responses.problem(ctx, 403, "Not allowed", "Sponsors do not see boards.");
          return Optional.<Caller>empty();
        }
        return Optional.of(new Caller(principal.get(), community, role.get()));
      });
    });
  }

  private void create(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin == null || !allowedOrigins.contains(origin.toLowerCase())) {
      Responses.problem(ctx, 403, "Not allowed", "This request must come from Circle's own pages.");
      return;
    }
    caller(ctx).compose(caller -> {
      if (caller.isEmpty()) return Future.succeededFuture();
      if (caller.get().role() != Role.FACILITATOR) {
        Responses.problem(ctx, 403, "Not allowed", "Only a facilitator can create boards.");
        return Future.succeededFuture();
      }
      DirectoryRequest request;
      try {
        request = new DirectoryRequest(BoardDirectory.NewBoard.fromJson(parse(ctx)));
      } catch (InvalidOperation e) {
        Responses.problem(ctx, 400, "Check the board", e.getMessage());
        return Future.succeededFuture();
      }
      return directory.phaseOf(caller.get().communityId()).compose(phase -> {
        if (phase.filter("archived"::equals).isPresent()) {
          Responses.problem(ctx, 409, "Archived", "This community is archived; its boards can be read but not added to.");
          return Future.succeededFuture();
        }
        return directory.create(caller.get().communityId(), caller.get().principal().accountId(), request.board())
            .onSuccess(board -> Responses.json(ctx, 201, board.toJson()))
            .mapEmpty();
      });
    }).onFailure(ctx::fail);
  }

  private record DirectoryRequest(BoardDirectory.NewBoard board) {}

  private static JsonObject parse(RoutingContext ctx) throws InvalidOperation {
    try {
      return ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      throw new InvalidOperation("The body must be a JSON object.");
    }
  }

  private void list(RoutingContext ctx) {
    caller(ctx).compose(caller -> {
      if (caller.isEmpty()) return Future.succeededFuture();
      return directory.list(caller.get().communityId()).onSuccess(boards -> {
        JsonArray list = new JsonArray();
        boards.forEach(b -> list.add(b.toJson()));
        Responses.json(ctx, 200, new JsonObject().put("boards", list));
      }).mapEmpty();
    }).onFailure(ctx::fail);
  }
}
