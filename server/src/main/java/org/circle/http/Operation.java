package org.circle.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.circle.input.Schema;

/**
 * One API route, described once: how it is called, who may call it, the body it takes and every
 * answer it can give. The server routes and checks requests with it, and the OpenAPI document at
 * /openapi.json is rendered from it. Declare one with {@link Api#get} and friends:
 *
 * <pre>{@code
 * api.post("/communities/:communityId/boards")
 *     .id("createBoard").tag(TAG).summary("Create a board")
 *     .allow(Policy.FACILITATOR).param(Params.COMMUNITY)
 *     .body(NEW_BOARD, example)
 *     .answers(201, "The new board", BoardInfo.SCHEMA)
 *     .refuses(409, "The community is archived")
 *     .handle(this::create);
 * }</pre>
 */
public record Operation(HttpMethod method, String path, String id, String summary, Tag tag, Policy policy,
                        List<Parameter> parameters, Optional<Schema.Obj> body, Optional<JsonObject> example,
                        SortedMap<Integer, Answer> answers) {
  private static final Pattern PLACEHOLDER = Pattern.compile(":([A-Za-z]+)");

  public Operation {
    parameters = List.copyOf(parameters);
    answers = Collections.unmodifiableSortedMap(new TreeMap<>(answers));
  }

  /** A group of operations, such as everything about the mandate. */
  public record Tag(String name, String description) {}

  /** Where a parameter travels. */
  public enum In { PATH, QUERY }

  public record Parameter(String name, In in, Schema schema, String description) {
    public static Parameter path(String name, Schema schema, String description) {
      return new Parameter(name, In.PATH, schema, description);
    }

    public static Parameter query(String name, Schema schema, String description) {
      return new Parameter(name, In.QUERY, schema, description);
    }
  }

  /** One status the route can answer with: JSON, a problem, an event stream, or no body at all. */
  public record Answer(String description, Optional<String> mediaType, Optional<Schema> schema, List<String> textTypes) {
    public Answer {
      textTypes = List.copyOf(textTypes);
    }

    public Answer(String description, Optional<String> mediaType, Optional<Schema> schema) {
      this(description, mediaType, schema, List.of());
    }

    public static final String JSON = "application/json";
    public static final String PROBLEM = "application/problem+json";
    public static final String EVENT_STREAM = "text/event-stream";

    static Answer json(String description, Schema schema) {
      return new Answer(description, Optional.of(JSON), Optional.of(schema));
    }

    static Answer problem(String description) {
      return new Answer(description, Optional.of(PROBLEM), Optional.empty());
    }

    static Answer empty(String description) {
      return new Answer(description, Optional.empty(), Optional.empty());
    }

    public boolean isProblem() {
      return mediaType.filter(PROBLEM::equals).isPresent();
    }
  }

  /** The path as OpenAPI writes it: {@code /api/communities/{communityId}}. */
  public String openApiPath() {
    return Api.PREFIX + path.replaceAll(":([A-Za-z]+)", "{$1}");
  }

  /** The names of the {@code :placeholders} in the path, in order. */
  public List<String> pathPlaceholders() {
    List<String> names = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(path);
    while (m.find()) names.add(m.group(1));
    return names;
  }

  Operation withAnswer(int status, Answer answer) {
    SortedMap<Integer, Answer> more = new TreeMap<>(answers);
    more.putIfAbsent(status, answer);
    return new Operation(method, path, id, summary, tag, policy, parameters, body, example, more);
  }

  /** Collects a route's description; {@link #handle} checks it is complete and registers it. */
  public static final class Builder {
    private final HttpMethod method;
    private final String path;
    private final BiConsumer<Operation, Endpoint> register;
    private String id;
    private String summary;
    private Tag tag;
    private Policy policy;
    private final List<Parameter> parameters = new ArrayList<>();
    private Schema.Obj body;
    private JsonObject example;
    private final SortedMap<Integer, Answer> answers = new TreeMap<>();

    Builder(HttpMethod method, String path, BiConsumer<Operation, Endpoint> register) {
      this.method = method;
      this.path = path;
      this.register = register;
    }

    /** The operationId: unique, a verb and a noun in camelCase, e.g. {@code signOffMandate}. */
    public Builder id(String operationId) {
      this.id = operationId;
      return this;
    }

    public Builder summary(String summary) {
      this.summary = summary;
      return this;
    }

    public Builder tag(Tag tag) {
      this.tag = tag;
      return this;
    }

    public Builder allow(Policy policy) {
      this.policy = policy;
      return this;
    }

    public Builder param(Parameter parameter) {
      parameters.add(parameter);
      return this;
    }

    /** The JSON body it takes; every request is checked against it before the handler runs. */
    public Builder body(Schema.Obj schema, JsonObject example) {
      this.body = schema;
      this.example = example;
      return this;
    }

    /** A success, with the JSON it answers. */
    public Builder answers(int status, String description, Schema schema) {
      return answer(status, Answer.json(description, schema));
    }

    /** A success with no body (204). */
    public Builder answersEmpty(int status, String description) {
      return answer(status, Answer.empty(description));
    }

    /** A success whose body is a stream of another media type. */
    public Builder streams(int status, String mediaType, String description) {
      return answer(status, new Answer(description, Optional.of(mediaType), Optional.of(Schema.anyText())));
    }

    /**
     * A file to download (Content-Disposition: attachment), as JSON of this schema when
     * {@code json} is given, or as one of {@code textTypes} (Markdown, CSV) chosen by the request.
     */
    public Builder downloads(int status, String description, Optional<Schema> json, String... textTypes) {
      return answer(status, new Answer(description, json.map(j -> Answer.JSON), json, List.of(textTypes)));
    }

    /** A refusal this route gives for its own reasons, answered as problem+json. */
    public Builder refuses(int status, String description) {
      return answer(status, Answer.problem(description));
    }

    private Builder answer(int status, Answer answer) {
      if (answers.putIfAbsent(status, answer) != null) throw invalid("answers " + status + " twice");
      return this;
    }

    public void handle(Endpoint endpoint) {
      if (id == null || !id.matches("[a-z][A-Za-z]+")) throw invalid("needs an id in camelCase");
      if (summary == null || tag == null || policy == null) throw invalid("needs a summary, a tag and a policy");
      List<String> declared = parameters.stream().filter(p -> p.in() == In.PATH).map(Parameter::name).toList();
      Operation operation = new Operation(method, path, id, summary, tag, policy, parameters,
          Optional.ofNullable(body), Optional.ofNullable(example), answers);
      if (!declared.equals(operation.pathPlaceholders())) throw invalid("must describe its path parameters " + operation.pathPlaceholders());
      if (answers.keySet().stream().noneMatch(s -> s >= 200 && s < 300)) throw invalid("needs a success answer");
      if (method == HttpMethod.GET && body != null) throw invalid("is a GET: it takes no body");
      register.accept(operation, endpoint);
    }

    private IllegalStateException invalid(String why) {
      return new IllegalStateException("Route " + method + " " + path + " " + why);
    }
  }
}
