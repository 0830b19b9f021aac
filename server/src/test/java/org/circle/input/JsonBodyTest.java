package org.circle.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.circle.error.Refusal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A request body checked against its schema")
class JsonBodyTest {
  private static final Schema.Obj SCHEMA = Schema.object()
      .required("name", Schema.text(1, 5))
      .optional("code", Schema.text(3, 10))
      .optional("email", Schema.email())
      .optional("password", Schema.password(1, 10))
      .optional("role", Schema.oneOf("participant", "facilitator", "sponsor"))
      .optional("count", Schema.whole(1, 9).byDefault(5))
      .optional("secret", Schema.bool().byDefault(false))
      .optional("rules", Schema.list(Schema.text(1, 4)).between(1, 3));

  private static String refusal(String json) {
    Refusal refusal = assertThrows(Refusal.class, () -> JsonBody.parse(json, SCHEMA));
    assertEquals(Refusal.Kind.INVALID, refusal.kind());
    return refusal.getMessage();
  }

  @Test
  @DisplayName("gives trimmed texts, untrimmed passwords, and defaults for what was left out")
  void values() {
    JsonBody body = JsonBody.parse("{\"name\":\"  Ann \",\"password\":\" pw \",\"rules\":[\" a \",\"  \",\"b\"]}", SCHEMA);
    assertEquals("Ann", body.string("name"));
    assertEquals(" pw ", body.string("password"));
    assertEquals(List.of("a", "b"), body.strings("rules"));
    assertEquals(5, body.integer("count"));
    assertEquals(false, body.bool("secret"));
    assertEquals(Optional.empty(), body.optionalString("email"));
    assertEquals("Field 'email' is required.", assertThrows(Refusal.class, () -> body.string("email")).getMessage());
  }

  @Test
  @DisplayName("refuses with a message naming the field")
  void refusals() {
    assertEquals("The body must be a JSON object.", refusal("[1]"));
    assertEquals("Unknown field 'admin'.", refusal("{\"name\":\"a\",\"admin\":true}"));
    assertEquals("Field 'name' is required.", refusal("{}"));
    assertEquals("Field 'name' is required.", refusal("{\"name\":null}"));
    assertEquals("Field 'name' must be text.", refusal("{\"name\":1}"));
    assertEquals("Field 'name' must not be empty.", refusal("{\"name\":\"   \"}"));
    assertEquals("Field 'name' is too long: at most 5 characters.", refusal("{\"name\":\"abcdef\"}"));
    assertEquals("Field 'code' is too short: at least 3 characters.", refusal("{\"name\":\"a\",\"code\":\"ab\"}"));
    assertEquals("Field 'email' must be an email address such as name@example.org.", refusal("{\"name\":\"a\",\"email\":\"ann at x\"}"));
    assertEquals("Field 'role' must be participant, facilitator or sponsor.", refusal("{\"name\":\"a\",\"role\":\"boss\"}"));
    assertEquals("Field 'count' must be a whole number.", refusal("{\"name\":\"a\",\"count\":1.5}"));
    assertEquals("Field 'count' must be between 1 and 9.", refusal("{\"name\":\"a\",\"count\":10}"));
    assertEquals("Field 'secret' must be true or false.", refusal("{\"name\":\"a\",\"secret\":\"yes\"}"));
    assertEquals("Field 'rules' must be a list of texts.", refusal("{\"name\":\"a\",\"rules\":\"a\"}"));
    assertEquals("Field 'rules' has too many items: at most 3.", refusal("{\"name\":\"a\",\"rules\":[\"a\",\"b\",\"c\",\"d\"]}"));
    assertEquals("Field 'rules' must contain only texts.", refusal("{\"name\":\"a\",\"rules\":[1]}"));
    assertEquals("An item of field 'rules' is too long: at most 4 characters.", refusal("{\"name\":\"a\",\"rules\":[\"abcde\"]}"));
    assertEquals("Field 'rules' needs at least one item.", refusal("{\"name\":\"a\",\"rules\":[\" \"]}"));
  }

  @Test
  @DisplayName("measures length in characters, not UTF-16 units")
  void codePoints() {
    assertEquals("😀😀😀😀😀", JsonBody.parse("{\"name\":\"😀😀😀😀😀\"}", SCHEMA).string("name"));
  }
}
