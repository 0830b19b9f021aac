package org.circle.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.circle.support.ApiClient;

/**
 * The served OpenAPI document, as a client would trust it: each real answer is looked up by
 * operation and status, its media type compared, and its body validated against the documented
 * schema by vertx-json-schema (JSON Schema 2020-12, as OpenAPI 3.1 uses), not by the server's own
 * schema classes. Every mismatch is kept, to be reported all at once.
 */
final class Contract {
  private static final JsonSchemaOptions OPTIONS = new JsonSchemaOptions()
      .setDraft(Draft.DRAFT202012).setBaseUri("https://circle.test/openapi.json").setOutputFormat(OutputFormat.Basic);

  private record Route(String method, Pattern path, String template, JsonObject operation) {}

  private final JsonObject components;
  private final List<Route> routes = new ArrayList<>();
  private final Map<String, Validator> validators = new HashMap<>();
  private final Map<String, Set<Integer>> seen = new TreeMap<>();
  private final List<String> failures = new ArrayList<>();
  private int validated;

  Contract(JsonObject document) {
    components = document.getJsonObject("components");
    JsonObject paths = document.getJsonObject("paths");
    for (String template : paths.fieldNames()) {
      Pattern pattern = Pattern.compile(template.replaceAll("\\{[A-Za-z]+}", "[^/]+"));
      JsonObject item = paths.getJsonObject(template);
      for (String method : item.fieldNames()) routes.add(new Route(method.toUpperCase(), pattern, template, item.getJsonObject(method)));
    }
  }

  /** Checks one real answer to {@code method path} (the path as requested, query included). */
  void check(String method, String path, ApiClient.Response response) {
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    Route route = routes.stream().filter(r -> r.method.equals(method) && r.path.matcher(bare).matches()).findFirst().orElse(null);
    String where = method + " " + path + " -> " + response.status();
    if (route == null) {
      failures.add(where + ": no documented operation");
      return;
    }
    String id = route.operation.getString("operationId");
    JsonObject documented = route.operation.getJsonObject("responses").getJsonObject(String.valueOf(response.status()));
    if (documented == null) {
      failures.add(where + ": " + id + " does not document status " + response.status() + " " + response.body());
      return;
    }
    seen.computeIfAbsent(id, k -> new TreeSet<>()).add(response.status());
    JsonObject content = documented.getJsonObject("content");
    String type = response.header("content-type").map(t -> t.split(";")[0].trim()).orElse(null);
    if (content == null) {
      if (!response.body().isEmpty()) failures.add(where + ": documented without a body, but answered " + response.body());
      validated++;
      return;
    }
    if (type == null || !content.containsKey(type)) {
      failures.add(where + ": answered " + type + ", documented " + content.fieldNames());
      return;
    }
    validated++;
    if (!type.endsWith("json")) return; // event streams, Markdown and CSV downloads: text
    Object body;
    try {
      String text = response.body().strip();
      body = text.startsWith("[") ? new JsonArray(text) : new JsonObject(text);
    } catch (RuntimeException e) {
      failures.add(where + ": not JSON: " + response.body());
      return;
    }
    OutputUnit result = validator(route.template + " " + method + " " + response.status() + " " + type,
        content.getJsonObject(type).getJsonObject("schema")).validate(body);
    if (!result.getValid()) {
      String errors = result.getErrors() == null ? "" : result.getErrors().stream()
          .map(e -> e.getInstanceLocation() + ": " + e.getError()).collect(Collectors.joining("; "));
      failures.add(where + ": body does not match " + id + "'s schema: " + errors + "\n    " + response.body());
    }
  }

  /** The documented schema, with the document's components beside it so its $refs resolve where they point. */
  private Validator validator(String key, JsonObject schema) {
    return validators.computeIfAbsent(key, k ->
        Validator.create(JsonSchema.of(schema.copy().put("components", components.copy())), OPTIONS));
  }

  List<String> failures() {
    return failures;
  }

  int validated() {
    return validated;
  }

  /** Each operation's statuses seen so far. */
  Map<String, Set<Integer>> seen() {
    return seen;
  }

  /** Documented success statuses no answer has shown yet, as {@code operationId status}. */
  List<String> successesNotSeen() {
    List<String> missing = new ArrayList<>();
    for (Route route : routes) {
      String id = route.operation.getString("operationId");
      for (String status : route.operation.getJsonObject("responses").fieldNames()) {
        if (status.startsWith("2") && !seen.getOrDefault(id, Set.of()).contains(Integer.parseInt(status))) {
          missing.add(id + " " + status);
        }
      }
    }
    return missing;
  }

  List<String> operationIds() {
    return routes.stream().map(r -> r.operation.getString("operationId")).toList();
  }
}
