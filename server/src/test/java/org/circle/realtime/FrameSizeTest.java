package org.circle.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.circle.support.RawWebSocket;
import org.circle.support.RunningServer;
import org.circle.support.TestAccounts;
import org.circle.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Frames and messages over 64 KiB end the connection with 1009 (message too big), as docs/protocol.md says. */
class FrameSizeTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private static TestServer server;
  private static TestAccounts.Person pat;

  @BeforeAll
  static void start() {
    server = circle.server();
    pat = TestAccounts.person(server.db(), "Pat");
  }

  /** A ping frame padded to {@code bytes}. */
  private static byte[] ping(int bytes) {
    String head = new JsonObject().put("v", 1).put("type", "ping").put("id", "x").encode();
    StringBuilder frame = new StringBuilder(head.substring(0, head.length() - 1)).append(",\"pad\":\"");
    while (frame.length() < bytes - 2) frame.append('a');
    return frame.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("A frame just under 64 KiB is answered; one over it closes the socket with 1009")
  void oneFrameTooLarge() throws Exception {
    try (RawWebSocket ws = new RawWebSocket(server, pat)) {
      ws.sendFrame(0x1, true, ping(64 * 1024 - 16));
      assertEquals("pong", new JsonObject(ws.readText()).getString("type"));
      ws.sendFrame(0x1, true, ping(64 * 1024 + 16));
      assertEquals(1009, ws.readUntilClose());
    }
  }

  @Test
  @DisplayName("A message over 64 KiB sent in fragments closes the socket with 1009")
  void fragmentedMessageTooLarge() throws Exception {
    try (RawWebSocket ws = new RawWebSocket(server, pat)) {
      byte[] fits = ping(60 * 1024);
      ws.sendFrame(0x1, false, java.util.Arrays.copyOfRange(fits, 0, 1000));
      ws.sendFrame(0x0, true, java.util.Arrays.copyOfRange(fits, 1000, fits.length));
      assertEquals("pong", new JsonObject(ws.readText()).getString("type"), "a fragmented message within the limit is read whole");
      byte[] whole = ping(100 * 1024);
      int third = whole.length / 3;
      ws.sendFrame(0x1, false, java.util.Arrays.copyOfRange(whole, 0, third));
      ws.sendFrame(0x0, false, java.util.Arrays.copyOfRange(whole, third, 2 * third));
      ws.sendFrame(0x0, true, java.util.Arrays.copyOfRange(whole, 2 * third, whole.length));
      assertEquals(1009, ws.readUntilClose());
    }
  }
}
