package org.circle.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.circle.community.Role;
import org.circle.input.Schema;

/**
 * The OpenAPI 3.1 description of the HTTP API, rendered from the routes' own {@link Operation}s
 * (there is no hand-written copy to fall out of step) and served at /openapi.json. Each operation
 * names who may call it in {@code x-circle-allowed}, which the authorization matrix test reads.
 */
public final class OpenApiDocument {
  static final String PATH = "/openapi.json";
  private static final String SESSION_COOKIE = "circle_session";
  /** The identities the authorization matrix calls every route as. */
  private static final List<String> IDENTITIES = List.of("anonymous", "outsider", "participant", "facilitator", "sponsor", "admin");

  private static final Schema.Obj PROBLEM = Schema.object()
      .required("type", Schema.anyText().describe("always about:blank"))
      .required("title", Schema.anyText().describe("a short summary for people"))
      .required("status", Schema.whole(400, 599))
      .optional("detail", Schema.anyText().describe("what went wrong and what to do about it; names the field at fault"))
      .describe("RFC 9457 problem details")
      .named("Problem");

  private static final String DESCRIPTION = """
      HTTP API of Circle, a place for learning communities of public-service practitioners.

      **Signing in.** `POST /api/session` sets the `%s` cookie (HttpOnly) and answers a CSRF token. \
      Every state-changing request (POST, PUT, DELETE) from a signed-in caller must send that token in \
      the `%s` header, and a request carrying an `Origin` header from another site is refused with 403. \
      A state-changing request without a session must send its body as `application/json` (else 415).

      **Who may call.** Each operation says who may call it, and lists the same in `x-circle-allowed` \
      with these identities: anonymous; outsider (a member of another community); participant, \
      facilitator, sponsor (of the community in the path); admin (instance administrator, not a member). \
      Others are answered 401 (not signed in) or 403 (role does not allow it).

      **Errors** are `application/problem+json` (RFC 9457) with a `title` and a `detail` for people; \
      a 400 names the field at fault.

      **Rate limit.** Any operation may answer 429 with `Retry-After` when one caller (a signed-in \
      person, or a signed-out address) sends more than its share of requests \
      (`CIRCLE_API_REQUESTS_PER_SECOND`, default 20 a second with bursts of 100). Signing in is also \
      limited per account and per address.

      What is on a board travels over the WebSocket, described in docs/protocol.md, not here.""";

  private OpenApiDocument() {}

  public static JsonObject render(List<Operation> operations) {
    Map<String, JsonObject> schemas = new TreeMap<>();
    JsonObject problem = PROBLEM.toJson(schemas);

    JsonObject paths = new JsonObject();
    Map<String, Operation.Tag> tags = new LinkedHashMap<>();
    for (Operation op : operations) {
      Operation.Tag known = tags.putIfAbsent(op.tag().name(), op.tag());
      if (known != null && !known.equals(op.tag())) throw new IllegalStateException("Two tags are both called " + known.name());
      JsonObject item = paths.getJsonObject(op.openApiPath());
      if (item == null) {
        item = new JsonObject();
        paths.put(op.openApiPath(), item);
      }
      item.put(op.method().name().toLowerCase(), operation(op, schemas, problem));
    }

    JsonArray tagList = new JsonArray();
    tags.values().forEach(t -> tagList.add(new JsonObject().put("name", t.name()).put("description", t.description())));
    return new JsonObject()
        .put("openapi", "3.1.0")
        .put("info", new JsonObject().put("title", "Circle API").put("version", "1")
            .put("summary", "Learning communities: mandate, ground rules, sessions and boards")
            .put("description", DESCRIPTION.formatted(SESSION_COOKIE, Api.CSRF_HEADER)))
        .put("servers", new JsonArray().add(new JsonObject().put("url", "/")))
        .put("tags", tagList)
        .put("paths", paths)
        .put("components", new JsonObject()
            .put("schemas", new JsonObject(new LinkedHashMap<>(schemas)))
            .put("parameters", new JsonObject().put("CsrfToken", new JsonObject()
                .put("name", Api.CSRF_HEADER).put("in", "header").put("required", false)
                .put("description", "The session's CSRF token (from signing in, or GET /api/session); required when signed in")
                .put("schema", new JsonObject().put("type", "string"))))
            .put("securitySchemes", new JsonObject().put("session", new JsonObject()
                .put("type", "apiKey").put("in", "cookie").put("name", SESSION_COOKIE)
                .put("description", "Set by signing in; HttpOnly, SameSite=Lax"))));
  }

  private static JsonObject operation(Operation op, Map<String, JsonObject> schemas, JsonObject problem) {
    JsonObject json = new JsonObject()
        .put("operationId", op.id())
        .put("summary", op.summary())
        .put("description", "Who may call: " + whoMayCall(op.policy()))
        .put("tags", new JsonArray().add(op.tag().name()))
        .put("x-circle-allowed", new JsonArray(new ArrayList<>(allowed(op.policy()))));
    JsonArray security = new JsonArray();
    if (op.policy() instanceof Policy.Anyone) security.add(new JsonObject());
    security.add(new JsonObject().put("session", new JsonArray()));
    json.put("security", security);

    JsonArray parameters = new JsonArray();
    for (Operation.Parameter p : op.parameters()) {
      parameters.add(new JsonObject().put("name", p.name()).put("in", p.in().name().toLowerCase())
          .put("required", p.in() == Operation.In.PATH || !(p.schema() instanceof Schema.Text t && t.defaultValue() != null))
          .put("description", p.description()).put("schema", p.schema().toJson(schemas)));
    }
    if (op.method() != HttpMethod.GET) parameters.add(new JsonObject().put("$ref", "#/components/parameters/CsrfToken"));
    if (!parameters.isEmpty()) json.put("parameters", parameters);

    op.body().ifPresent(body -> {
      JsonObject media = new JsonObject().put("schema", body.toJson(schemas));
      op.example().ifPresent(e -> media.put("example", e));
      json.put("requestBody", new JsonObject()
          .put("required", body.fields().stream().anyMatch(Schema.Field::required))
          .put("content", new JsonObject().put(Operation.Answer.JSON, media)));
    });

    JsonObject responses = new JsonObject();
    op.answers().forEach((status, answer) -> responses.put(String.valueOf(status), response(status, answer, schemas, problem)));
    responses.put("default", new JsonObject().put("description", "Any other failure, such as 500 when the server cannot finish")
        .put("content", new JsonObject().put(Operation.Answer.PROBLEM, new JsonObject().put("schema", problem))));
    return json.put("responses", responses);
  }

  private static JsonObject response(int status, Operation.Answer answer, Map<String, JsonObject> schemas, JsonObject problem) {
    JsonObject json = new JsonObject().put("description", answer.description());
    JsonObject content = new JsonObject();
    answer.mediaType().ifPresent(type -> content.put(type, new JsonObject()
        .put("schema", answer.isProblem() ? problem : answer.schema().orElseThrow().toJson(schemas))));
    answer.textTypes().forEach(type -> content.put(type, new JsonObject().put("schema", new JsonObject().put("type", "string"))));
    if (!content.isEmpty()) json.put("content", content);
    if (!answer.textTypes().isEmpty()) {
      json.put("headers", new JsonObject().put("Content-Disposition", new JsonObject()
          .put("description", "attachment, with the file's name").put("schema", new JsonObject().put("type", "string"))));
    }
    if (status == 429 || status == 503) {
      json.put("headers", new JsonObject().put("Retry-After", new JsonObject()
          .put("description", "Seconds to wait before trying again")
          .put("schema", new JsonObject().put("type", "integer").put("minimum", 1))));
    }
    return json;
  }

  /** The identities of the authorization matrix that the policy lets through. */
  static List<String> allowed(Policy policy) {
    if (policy instanceof Policy.Anyone) return IDENTITIES;
    if (policy instanceof Policy.SignedIn) return IDENTITIES.subList(1, IDENTITIES.size());
    if (policy instanceof Policy.NotOnlySponsor) return List.of("outsider", "participant", "facilitator", "admin");
    if (policy instanceof Policy.Admin) return List.of("admin");
    if (policy instanceof Policy.Convener) return List.of("facilitator");
    Set<Role> roles = ((Policy.Member) policy).roles();
    return Arrays.stream(Role.values()).filter(roles::contains).map(Role::wireName).toList();
  }

  private static String whoMayCall(Policy policy) {
    if (policy instanceof Policy.Anyone) return "anyone, signed in or not.";
    if (policy instanceof Policy.SignedIn) return "anyone signed in.";
    if (policy instanceof Policy.NotOnlySponsor) return "anyone signed in, except a sponsor who is in no community's room.";
    if (policy instanceof Policy.Admin) return "an instance administrator.";
    if (policy instanceof Policy.Convener) return "a person an administrator made a facilitator.";
    List<String> roles = allowed(policy);
    String either = roles.size() == 1 ? roles.get(0)
        : String.join(", ", roles.subList(0, roles.size() - 1)) + " or " + roles.get(roles.size() - 1);
    return "a " + either + " of the community.";
  }
}
