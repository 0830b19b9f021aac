package org.circle.input;

import org.circle.error.Refusal;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;

/**
 * A request body checked field by field: unknown fields, wrong types and over-long values are
 * refused with a 400 naming the field, before anything is changed.
 */
public final class JsonBody {
  private final JsonObject json;

  private JsonBody(JsonObject json) {
    this.json = json;
  }

  public static JsonBody parse(String raw, Set<String> allowedFields) {
    JsonObject json;
    try {
      json = raw == null || raw.isBlank() ? new JsonObject() : new JsonObject(raw);
    } catch (DecodeException | ClassCastException e) {
      throw Refusal.invalid("The body must be a JSON object.");
    }
    for (String field : json.fieldNames()) {
      if (!allowedFields.contains(field)) throw Refusal.invalid("Unknown field '" + field + "'.");
    }
    return new JsonBody(json);
  }

  public String string(String field, int minLength, int maxLength) {
    return optionalString(field, minLength, maxLength)
        .orElseThrow(() -> Refusal.invalid("Field '" + field + "' is required."));
  }

  public Optional<String> optionalString(String field, int minLength, int maxLength) {
    Object value = json.getValue(field);
    if (value == null) return Optional.empty();
    if (!(value instanceof String s)) throw Refusal.invalid("Field '" + field + "' must be text.");
    String trimmed = field.toLowerCase().contains("password") ? s : s.strip();
    int length = trimmed.codePointCount(0, trimmed.length());
    if (length > maxLength) {
      throw Refusal.invalid("Field '" + field + "' is too long: at most " + maxLength + " characters.");
    }
    if (length < minLength) {
      throw Refusal.invalid(minLength <= 1
          ? "Field '" + field + "' must not be empty."
          : "Field '" + field + "' is too short: at least " + minLength + " characters.");
    }
    return Optional.of(trimmed);
  }

  public int integer(String field, int min, int max) {
    Object value = json.getValue(field);
    if (value == null) throw Refusal.invalid("Field '" + field + "' is required.");
    if (!(value instanceof Integer) && !(value instanceof Long)) {
      throw Refusal.invalid("Field '" + field + "' must be a whole number.");
    }
    long n = ((Number) value).longValue();
    if (n < min || n > max) throw Refusal.invalid("Field '" + field + "' must be between " + min + " and " + max + ".");
    return (int) n;
  }

  public Optional<Integer> optionalInteger(String field, int min, int max) {
    return json.getValue(field) == null ? Optional.empty() : Optional.of(integer(field, min, max));
  }

  /** A list of short texts, such as rules. */
  public java.util.List<String> strings(String field, int maxItems, int maxLength) {
    Object value = json.getValue(field);
    if (!(value instanceof io.vertx.core.json.JsonArray array)) throw Refusal.invalid("Field '" + field + "' must be a list of texts.");
    if (array.size() > maxItems) throw Refusal.invalid("Field '" + field + "' has too many items: at most " + maxItems + ".");
    java.util.List<String> out = new java.util.ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String s)) throw Refusal.invalid("Field '" + field + "' must contain only texts.");
      String text = s.strip();
      if (text.isEmpty()) continue;
      if (text.codePointCount(0, text.length()) > maxLength) {
        throw Refusal.invalid("An item of field '" + field + "' is too long: at most " + maxLength + " characters.");
      }
      out.add(text);
    }
    return out;
  }

  public String email(String field) {
    String email = string(field, 3, 254);
    if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      throw Refusal.invalid("Field '" + field + "' must be an email address such as name@example.org.");
    }
    return email;
  }

  public Optional<String> optionalEmail(String field) {
    return json.containsKey(field) && json.getValue(field) != null ? Optional.of(email(field)) : Optional.empty();
  }
}
