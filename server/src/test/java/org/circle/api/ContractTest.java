package org.circle.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.circle.support.ApiClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract checker itself: it must catch what a generated client would trip on. */
class ContractTest {
  private static final JsonObject DOCUMENT = new JsonObject("""
      {"openapi": "3.1.0", "paths": {"/api/things/{thingId}": {"get": {"operationId": "getThing", "responses": {
        "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
        "204": {"description": "nothing"}}}}},
       "components": {"schemas": {"Thing": {"type": "object", "additionalProperties": false, "required": ["id", "name"],
        "properties": {"id": {"type": "string", "format": "uuid"}, "name": {"type": ["string", "null"]},
                       "kind": {"type": "string", "enum": ["a", "b"]}}}}}}
      """);

  private static ApiClient.Response answer(int status, String type, String body) {
    return new ApiClient.Response(status, body, HttpHeaders.of(type == null ? Map.of() : Map.of("content-type", List.of(type)), (a, b) -> true));
  }

  private static List<String> check(ApiClient.Response response) {
    Contract contract = new Contract(DOCUMENT);
    contract.check("GET", "/api/things/1", response);
    return contract.failures();
  }

  @Test
  @DisplayName("accepts an answer that matches, null where the schema allows it")
  void matches() {
    assertEquals(List.of(), check(answer(200, "application/json", "{\"id\":\"7d4c7f52-0a8c-4a34-9d1e-5f7f1c9e2b10\",\"name\":null}")));
    assertEquals(List.of(), check(answer(204, null, "")));
  }

  @Test
  @DisplayName("refuses an undocumented status, a wrong media type, a missing, extra or mistyped field, and a word outside the list")
  void refuses() {
    String id = "\"id\":\"7d4c7f52-0a8c-4a34-9d1e-5f7f1c9e2b10\"";
    assertEquals(1, check(answer(201, "application/json", "{" + id + ",\"name\":\"x\"}")).size());
    assertEquals(1, check(answer(200, "text/plain", "{" + id + ",\"name\":\"x\"}")).size());
    assertEquals(1, check(answer(200, "application/json", "{" + id + "}")).size());
    assertEquals(1, check(answer(200, "application/json", "{" + id + ",\"name\":\"x\",\"secret\":1}")).size());
    assertEquals(1, check(answer(200, "application/json", "{" + id + ",\"name\":2}")).size());
    assertEquals(1, check(answer(200, "application/json", "{" + id + ",\"name\":\"x\",\"kind\":\"c\"}")).size());
    assertEquals(1, check(answer(204, null, "{}")).size());
    assertTrue(check(answer(200, "application/json", new JsonArray().encode())).size() == 1);
  }
}
