package org.circle.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.circle.support.TestAccounts;
import org.circle.support.RunningServer;
import org.circle.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class WebSocketEndpointTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private static TestServer server;
  private static TestAccounts.Person pat;

  @BeforeAll
  static void start() {
    server = circle.server();
    pat = TestAccounts.person(server.db(), "Pat");
  }

  private static WebSocketConnectOptions options(String origin) {
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("localhost").setPort(server.port()).setURI(WebSocketEndpoint.PATH);
    if (origin != null) options.addHeader("Origin", origin);
    return options.addHeader("Cookie", pat.cookie());
  }

  @Test
  @DisplayName("A ping in the versioned envelope is answered with a pong carrying its id")
  void pingPong(Vertx vertx, VertxTestContext test) {
    WebSocketClient client = vertx.createWebSocketClient();
    client.connect(options(server.origin())).onComplete(test.succeeding(ws -> {
      ws.textMessageHandler(text -> test.verify(() -> {
        JsonObject msg = new JsonObject(text);
        assertEquals(1, msg.getInteger("v"));
        assertEquals("pong", msg.getString("type"));
        assertEquals("abc-1", msg.getString("id"));
        test.completeNow();
      }));
      ws.writeTextMessage(new JsonObject().put("v", 1).put("type", "ping").put("id", "abc-1").encode());
    }));
  }

  @Test
  @DisplayName("Malformed frames get a typed error each, and the connection stays open for the next frame")
  void badFramesGetTypedErrors(Vertx vertx, VertxTestContext test) {
    List<String> codes = new CopyOnWriteArrayList<>();
    WebSocketClient client = vertx.createWebSocketClient();
    client.connect(options(server.origin())).onComplete(test.succeeding(ws -> {
      ws.textMessageHandler(text -> {
        JsonObject msg = new JsonObject(text);
        codes.add(msg.getString("type").equals("error") ? msg.getString("code") : msg.getString("type"));
        if (codes.size() == 6) test.verify(() -> {
          assertEquals(List.of("bad_json", "bad_envelope", "unsupported_version", "unknown_type", "bad_field", "pong"), codes);
          test.completeNow();
        });
      });
      ws.writeTextMessage("{not json");
      ws.writeTextMessage("{\"type\":\"ping\"}");
      ws.writeTextMessage("{\"v\":99,\"type\":\"ping\"}");
      ws.writeTextMessage("{\"v\":1,\"type\":\"teleport\"}");
      ws.writeTextMessage("{\"v\":1,\"type\":\"ping\",\"id\":42}");
      ws.writeTextMessage("{\"v\":1,\"type\":\"ping\",\"id\":\"still-open\"}");
    }));
  }

  @Test
  @DisplayName("An upgrade from an Origin that is not allowed is refused with 403 before upgrading")
  void foreignOriginRefused(Vertx vertx, VertxTestContext test) {
    vertx.createWebSocketClient().connect(options("https://evil.example")).onComplete(test.failing(err -> test.verify(() -> {
      assertTrue(err instanceof UpgradeRejectedException, err.toString());
      assertEquals(403, ((UpgradeRejectedException) err).getStatus());
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("An upgrade without a valid session is refused with 401 before upgrading")
  void notSignedInRefused(Vertx vertx, VertxTestContext test) {
    WebSocketConnectOptions anonymous = new WebSocketConnectOptions()
        .setHost("localhost").setPort(server.port()).setURI(WebSocketEndpoint.PATH).addHeader("Origin", server.origin())
        .addHeader("Cookie", "circle_session=made-up");
    vertx.createWebSocketClient().connect(anonymous).onComplete(test.failing(err -> test.verify(() -> {
      assertEquals(401, ((UpgradeRejectedException) err).getStatus());
      test.completeNow();
    })));
  }

  @Test
  @DisplayName("An upgrade without any Origin is refused with 403 too")
  void missingOriginRefused() throws Exception {
    try (java.net.Socket socket = new java.net.Socket("localhost", server.port())) {
      socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
          + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes());
      String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream())).readLine();
      assertEquals("HTTP/1.1 403 Forbidden", statusLine);
    }
  }

  @Test
  @DisplayName("Shutting the server down closes open sockets with 1001 (going away)")
  void shutdownSaysGoingAway(Vertx vertx, VertxTestContext test) {
    TestServer own = TestServer.start();
    TestAccounts.Person kim = TestAccounts.person(own.db(), "Kim");
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("localhost").setPort(own.port()).setURI(WebSocketEndpoint.PATH).addHeader("Origin", own.origin())
        .addHeader("Cookie", kim.cookie());
    vertx.createWebSocketClient().connect(options).onComplete(test.succeeding(ws -> {
      ws.closeHandler(v -> test.verify(() -> {
        assertEquals((short) 1001, ws.closeStatusCode());
        test.completeNow();
      }));
      vertx.executeBlocking(() -> {
        own.close();
        return null;
      });
    }));
  }
}
