package org.circle.input;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The shape of a JSON value the API reads or writes, in a vocabulary small enough to read at a
 * glance. One description serves twice: {@link JsonBody} checks request bodies against it, field
 * by field, and the OpenAPI document renders it as JSON Schema (2020-12, as OpenAPI 3.1 uses).
 * Domain records declare their own fields with it and know nothing of HTTP.
 */
public sealed interface Schema permits Schema.Text, Schema.Whole, Schema.Bool, Schema.ListOf, Schema.Obj {

  /** What a text holds beyond being text; rendered as JSON Schema's {@code format}. */
  enum Format {
    NONE(null), EMAIL("email"), UUID("uuid"), DATE_TIME("date-time"), URI("uri");

    private final String jsonName;

    Format(String jsonName) {
      this.jsonName = jsonName;
    }
  }

  /** One line for people reading the document; null when the name says it all. */
  String description();

  /** Whether JSON {@code null} is a value this schema allows (answers only: absent and null are one in requests). */
  boolean nullable();

  /** This schema as JSON Schema; named objects are put in {@code components} once and referred to. */
  JsonObject toJson(Map<String, JsonObject> components);

  Schema describe(String description);

  Schema orNull();

  // ---- the vocabulary ----

  /** Text of {@code min} to {@code max} characters (code points), trimmed of surrounding white space before it is measured. */
  static Text text(int min, int max) {
    return new Text(min, max, List.of(), Format.NONE, true, null, false, null);
  }

  /** A password: measured and kept exactly as typed, never trimmed. */
  static Text password(int min, int max) {
    return new Text(min, max, List.of(), Format.NONE, false, null, false, null);
  }

  static Text email() {
    return new Text(3, 254, List.of(), Format.EMAIL, true, null, false, null);
  }

  /** One of a few words, such as a role. */
  static Text oneOf(String... values) {
    return new Text(1, Integer.MAX_VALUE, List.of(values), Format.NONE, true, null, false, null);
  }

  static Text uuid() {
    return new Text(0, Integer.MAX_VALUE, List.of(), Format.UUID, false, null, false, null);
  }

  static Text dateTime() {
    return new Text(0, Integer.MAX_VALUE, List.of(), Format.DATE_TIME, false, null, false, null);
  }

  static Text uri() {
    return new Text(0, Integer.MAX_VALUE, List.of(), Format.URI, false, null, false, null);
  }

  /** Any text, as read (tokens, names in answers). */
  static Text anyText() {
    return new Text(0, Integer.MAX_VALUE, List.of(), Format.NONE, false, null, false, null);
  }

  static Whole whole(long min, long max) {
    return new Whole(min, max, null, false, null);
  }

  static Whole whole() {
    return whole(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  static Bool bool() {
    return new Bool(null, false, null);
  }

  static ListOf list(Schema items) {
    return new ListOf(items, 0, Integer.MAX_VALUE, null, false);
  }

  /** An object with no fields yet; add them with {@link Obj#required} and {@link Obj#optional}. */
  static Obj object() {
    return new Obj(null, List.of(), null, false, null);
  }

  // ---- the kinds ----

  record Text(int minLength, int maxLength, List<String> values, Format format, boolean trimmed,
              String description, boolean nullable, String defaultValue) implements Schema {
    public Text describe(String description) {
      return new Text(minLength, maxLength, values, format, trimmed, description, nullable, defaultValue);
    }

    public Text orNull() {
      return new Text(minLength, maxLength, values, format, trimmed, description, true, defaultValue);
    }

    /** What a request that leaves the field out gets. */
    public Text byDefault(String value) {
      return new Text(minLength, maxLength, values, format, trimmed, description, nullable, value);
    }

    @Override
    public JsonObject toJson(Map<String, JsonObject> components) {
      JsonObject json = Schemas.typed("string", nullable);
      if (!values.isEmpty()) {
        JsonArray allowed = new JsonArray(new ArrayList<>(values));
        if (nullable) allowed.addNull();
        json.put("enum", allowed);
      } else {
        if (minLength > 0) json.put("minLength", minLength);
        if (maxLength < Integer.MAX_VALUE) json.put("maxLength", maxLength);
      }
      if (format.jsonName != null) json.put("format", format.jsonName);
      if (defaultValue != null) json.put("default", defaultValue);
      return Schemas.described(json, description);
    }
  }

  record Whole(long minimum, long maximum, String description, boolean nullable, Long defaultValue) implements Schema {
    public Whole describe(String description) {
      return new Whole(minimum, maximum, description, nullable, defaultValue);
    }

    public Whole orNull() {
      return new Whole(minimum, maximum, description, true, defaultValue);
    }

    public Whole byDefault(long value) {
      return new Whole(minimum, maximum, description, nullable, value);
    }

    @Override
    public JsonObject toJson(Map<String, JsonObject> components) {
      JsonObject json = Schemas.typed("integer", nullable);
      if (minimum > Long.MIN_VALUE) json.put("minimum", minimum);
      if (maximum < Long.MAX_VALUE) json.put("maximum", maximum);
      if (defaultValue != null) json.put("default", defaultValue);
      return Schemas.described(json, description);
    }
  }

  record Bool(String description, boolean nullable, Boolean defaultValue) implements Schema {
    public Bool describe(String description) {
      return new Bool(description, nullable, defaultValue);
    }

    public Bool orNull() {
      return new Bool(description, true, defaultValue);
    }

    public Bool byDefault(boolean value) {
      return new Bool(description, nullable, value);
    }

    @Override
    public JsonObject toJson(Map<String, JsonObject> components) {
      JsonObject json = Schemas.typed("boolean", nullable);
      if (defaultValue != null) json.put("default", defaultValue);
      return Schemas.described(json, description);
    }
  }

  /** A list; in a request, blank texts in it are dropped before anything is counted. */
  record ListOf(Schema items, int minItems, int maxItems, String description, boolean nullable) implements Schema {
    public ListOf describe(String description) {
      return new ListOf(items, minItems, maxItems, description, nullable);
    }

    public ListOf orNull() {
      return new ListOf(items, minItems, maxItems, description, true);
    }

    public ListOf between(int min, int max) {
      return new ListOf(items, min, max, description, nullable);
    }

    @Override
    public JsonObject toJson(Map<String, JsonObject> components) {
      JsonObject json = Schemas.typed("array", nullable).put("items", items.toJson(components));
      if (minItems > 0) json.put("minItems", minItems);
      if (maxItems < Integer.MAX_VALUE) json.put("maxItems", maxItems);
      return Schemas.described(json, description);
    }
  }

  record Field(String name, Schema schema, boolean required) {}

  /**
   * An object with exactly these fields: anything else is refused in a request, and an answer
   * with an undeclared field does not match. A named object becomes one entry of the document's
   * {@code components}, which makes a named type in a generated client.
   */
  record Obj(String name, List<Field> fields, String description, boolean nullable, String note) implements Schema {
    public Obj {
      fields = List.copyOf(fields);
    }

    public Obj required(String field, Schema schema) {
      return with(new Field(field, schema, true));
    }

    public Obj optional(String field, Schema schema) {
      return with(new Field(field, schema, false));
    }

    /** Every field of {@code other} added to these, unnamed: a new shape. */
    public Obj plus(Obj other) {
      Obj out = new Obj(null, fields, description, nullable, null);
      for (Field f : other.fields) out = out.with(f);
      return out;
    }

    public Obj named(String name) {
      return new Obj(name, fields, description, nullable, null);
    }

    /** Before {@link #named}, describes the type; after, this one use of it. */
    public Obj describe(String description) {
      return name == null ? new Obj(null, fields, description, nullable, null) : new Obj(name, fields, this.description, nullable, description);
    }

    public Obj orNull() {
      return new Obj(name, fields, description, true, note);
    }

    public Optional<Field> field(String name) {
      return fields.stream().filter(f -> f.name.equals(name)).findFirst();
    }

    public List<String> fieldNames() {
      return fields.stream().map(Field::name).toList();
    }

    private Obj with(Field field) {
      if (field(field.name).isPresent()) throw new IllegalArgumentException("Field '" + field.name + "' is declared twice");
      List<Field> more = new ArrayList<>(fields);
      more.add(field);
      // A named type with one more field is another type: it needs a name of its own.
      return new Obj(null, more, name == null ? description : null, nullable, null);
    }

    @Override
    public JsonObject toJson(Map<String, JsonObject> components) {
      if (name == null) return body(components);
      JsonObject body = body(components);
      JsonObject known = components.putIfAbsent(name, body);
      if (known != null && !known.equals(body)) {
        throw new IllegalStateException("Two different schemas are both named " + name);
      }
      JsonObject ref = new JsonObject().put("$ref", "#/components/schemas/" + name);
      JsonObject use = nullable ? new JsonObject().put("oneOf", new JsonArray().add(ref).add(new JsonObject().put("type", "null"))) : ref;
      return Schemas.described(use, note);
    }

    private JsonObject body(Map<String, JsonObject> components) {
      JsonObject properties = new JsonObject();
      JsonArray required = new JsonArray();
      for (Field f : fields) {
        properties.put(f.name, f.schema.toJson(components));
        if (f.required) required.add(f.name);
      }
      JsonObject json = Schemas.typed("object", name == null && nullable).put("properties", properties);
      if (!required.isEmpty()) json.put("required", required);
      json.put("additionalProperties", false);
      return Schemas.described(json, description);
    }
  }
}

/** Rendering details the kinds of {@link Schema} share. */
final class Schemas {
  private Schemas() {}

  static JsonObject typed(String type, boolean nullable) {
    return new JsonObject().put("type", nullable ? new JsonArray().add(type).add("null") : type);
  }

  static JsonObject described(JsonObject json, String description) {
    return Objects.isNull(description) ? json : json.put("description", description);
  }
}
