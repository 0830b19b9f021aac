package org.circle.input;

import org.circle.error.Refusal;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request body checked field by field against its {@link Schema}: unknown fields, wrong types,
 * over-long values and words outside a list are refused with a 400 naming the field, before
 * anything is changed. Texts are trimmed (passwords excepted) and measured in characters.
 */
public final class JsonBody {
  private final Schema.Obj schema;
  private final Map<String, Object> values;

  private JsonBody(Schema.Obj schema, Map<String, Object> values) {
    this.schema = schema;
    this.values = values;
  }

  public static JsonBody parse(String raw, Schema.Obj schema) {
    JsonObject json;
    try {
      json = raw == null || raw.isBlank() ? new JsonObject() : new JsonObject(raw);
    } catch (DecodeException | ClassCastException e) {
      throw Refusal.invalid("The body must be a JSON object.");
    }
    for (String field : json.fieldNames()) {
      if (schema.field(field).isEmpty()) throw Refusal.invalid("Unknown field '" + field + "'.");
      requireStorable(field, json.getValue(field));
    }
    Map<String, Object> values = new HashMap<>();
    for (Schema.Field field : schema.fields()) {
      Object value = json.getValue(field.name());
      if (value == null) {
        if (field.required()) throw Refusal.invalid("Field '" + field.name() + "' is required.");
        continue;
      }
      values.put(field.name(), check(field.name(), field.schema(), value));
    }
    return new JsonBody(schema, values);
  }

  /**
   * PostgreSQL cannot store U+0000 in text (the write fails), and a UTF-16 surrogate without its
   * pair is no character at all (the driver would store '?'). Every text in the body, however
   * deeply nested, is checked here, so no route can reach a query with one.
   */
  private static void requireStorable(String field, Object value) {
    if (value instanceof String s) {
      unstorable(s).ifPresent(what -> {
        throw Refusal.invalid("Field '" + field + "' contains " + what + ", which cannot be stored. Remove it and send again.");
      });
    } else if (value instanceof JsonObject object) {
      for (String key : object.fieldNames()) {
        requireStorable(field, key);
        requireStorable(field, object.getValue(key));
      }
    } else if (value instanceof io.vertx.core.json.JsonArray array) {
      for (Object item : array) requireStorable(field, item);
    }
  }

  /** What in this text cannot be stored, if anything. */
  static Optional<String> unstorable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000') return Optional.of("a null character (U+0000)");
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return Optional.of("half of a character (a lone surrogate U+" + Integer.toHexString(c).toUpperCase() + ")");
      }
    }
    return Optional.empty();
  }

  /** The field's text; its default when left out and it has one; otherwise a 400 saying it is required. */
  public String string(String field) {
    return optionalString(field).orElseThrow(() -> required(field));
  }

  public Optional<String> optionalString(String field) {
    return value(field, String.class);
  }

  public int integer(String field) {
    return optionalInteger(field).orElseThrow(() -> required(field));
  }

  public Optional<Integer> optionalInteger(String field) {
    return value(field, Long.class).map(Long::intValue);
  }

  public boolean bool(String field) {
    return value(field, Boolean.class).orElseThrow(() -> required(field));
  }

  /** A list of short texts, such as rules, with blank items dropped. */
  @SuppressWarnings("unchecked")
  public List<String> strings(String field) {
    return value(field, List.class).map(list -> (List<String>) list).orElseThrow(() -> required(field));
  }

  private <T> Optional<T> value(String field, Class<T> type) {
    Schema declared = schema.field(field)
        .orElseThrow(() -> new IllegalArgumentException("The body schema has no field '" + field + "'")).schema();
    Object value = values.get(field);
    if (value == null) value = defaultOf(declared);
    return Optional.ofNullable(value).map(type::cast);
  }

  private static Object defaultOf(Schema schema) {
    if (schema instanceof Schema.Text t) return t.defaultValue();
    if (schema instanceof Schema.Whole w) return w.defaultValue();
    if (schema instanceof Schema.Bool b) return b.defaultValue();
    return null;
  }

  private static Refusal required(String field) {
    return Refusal.invalid("Field '" + field + "' is required.");
  }

  private static Object check(String field, Schema schema, Object value) {
    if (schema instanceof Schema.Text text) return text(field, text, value);
    if (schema instanceof Schema.Whole whole) return whole(field, whole, value);
    if (schema instanceof Schema.Bool) {
      if (!(value instanceof Boolean)) throw Refusal.invalid("Field '" + field + "' must be true or false.");
      return value;
    }
    if (schema instanceof Schema.ListOf list) return texts(field, list, value);
    throw new IllegalStateException("Field '" + field + "': request bodies hold texts, whole numbers, true/false and lists of texts");
  }

  private static String text(String field, Schema.Text schema, Object value) {
    if (!(value instanceof String s)) throw Refusal.invalid("Field '" + field + "' must be text.");
    String text = schema.trimmed() ? s.strip() : s;
    if (!schema.values().isEmpty()) {
      if (!schema.values().contains(text)) {
        throw Refusal.invalid("Field '" + field + "' must be " + either(schema.values()) + ".");
      }
      return text;
    }
    int length = text.codePointCount(0, text.length());
    if (length > schema.maxLength()) {
      throw Refusal.invalid("Field '" + field + "' is too long: at most " + schema.maxLength() + " characters.");
    }
    if (length < schema.minLength()) {
      throw Refusal.invalid(schema.minLength() <= 1
          ? "Field '" + field + "' must not be empty."
          : "Field '" + field + "' is too short: at least " + schema.minLength() + " characters.");
    }
    if (schema.format() == Schema.Format.EMAIL && !text.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      throw Refusal.invalid("Field '" + field + "' must be an email address such as name@example.org.");
    }
    return text;
  }

  private static Long whole(String field, Schema.Whole schema, Object value) {
    if (!(value instanceof Integer) && !(value instanceof Long)) {
      throw Refusal.invalid("Field '" + field + "' must be a whole number.");
    }
    long n = ((Number) value).longValue();
    if (n < schema.minimum() || n > schema.maximum()) {
      throw Refusal.invalid("Field '" + field + "' must be between " + schema.minimum() + " and " + schema.maximum() + ".");
    }
    return n;
  }

  private static List<String> texts(String field, Schema.ListOf schema, Object value) {
    if (!(value instanceof JsonArray array) || !(schema.items() instanceof Schema.Text item)) {
      throw Refusal.invalid("Field '" + field + "' must be a list of texts.");
    }
    if (array.size() > schema.maxItems()) {
      throw Refusal.invalid("Field '" + field + "' has too many items: at most " + schema.maxItems() + ".");
    }
    List<String> out = new ArrayList<>();
    for (Object element : array) {
      if (!(element instanceof String s)) throw Refusal.invalid("Field '" + field + "' must contain only texts.");
      String text = s.strip();
      if (text.isEmpty()) continue;
      if (text.codePointCount(0, text.length()) > item.maxLength()) {
        throw Refusal.invalid("An item of field '" + field + "' is too long: at most " + item.maxLength() + " characters.");
      }
      out.add(text);
    }
    if (out.size() < schema.minItems()) {
      throw Refusal.invalid("Field '" + field + "' needs at least " + (schema.minItems() == 1 ? "one item." : schema.minItems() + " items."));
    }
    return List.copyOf(out);
  }

  /** "a, b or c". */
  private static String either(List<String> words) {
    if (words.size() == 1) return words.get(0);
    return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
  }
}
