package org.circle.realtime;

import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.circle.account.Authenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket endpoint at {@value #PATH}. Upgrades are checked before they happen: a path we
 * do not serve gets 404, an Origin that is not allowed gets 403 (a page on another site must never
 * ride on a member's browser), and a request without a valid session cookie gets 401.
 */
public final class WebSocketEndpoint {
  public static final String PATH = "/ws";
  /** Bounds one frame and one message; larger frames close the socket (code 1009). */
  public static final int MAX_FRAME_BYTES = 64 * 1024;
  /** Status 1001: the server is going away (shutting down); clients should reconnect later. */
  static final short GOING_AWAY = 1001;
  private static final Logger log = LoggerFactory.getLogger(WebSocketEndpoint.class);

  private final Set<String> allowedOrigins;
  private final Authenticator authenticator;
  private final Set<ServerWebSocket> open = ConcurrentHashMap.newKeySet();

  public WebSocketEndpoint(Set<String> allowedOrigins, Authenticator authenticator) {
    this.allowedOrigins = allowedOrigins;
    this.authenticator = authenticator;
  }

  public void handshake(ServerWebSocketHandshake handshake) {
    if (!PATH.equals(handshake.path())) {
      handshake.reject(404);
      return;
    }
    String origin = handshake.headers().get("Origin");
    if (origin == null || !allowedOrigins.contains(origin.toLowerCase())) {
      log.info("Refused a WebSocket upgrade from origin {}", origin == null ? "(none)" : origin);
      handshake.reject(403);
      return;
    }
    authenticator.authenticate(handshake.headers()).onComplete(result -> {
      if (result.succeeded() && result.result().isPresent()) {
        handshake.accept();
      } else {
        handshake.reject(result.succeeded() ? 401 : 503);
      }
    });
  }

  public void connected(ServerWebSocket socket) {
    open.add(socket);
    socket.closeHandler(v -> open.remove(socket));
    socket.textMessageHandler(frame -> receive(socket, frame));
    socket.binaryMessageHandler(buffer -> send(socket,
        new ServerMessage.Error(ErrorCode.BAD_JSON, "Binary frames are not accepted; send JSON text.", null)));
    socket.exceptionHandler(err -> log.debug("WebSocket error: {}", err.getMessage()));
  }

  private void receive(ServerWebSocket socket, String frame) {
    try {
      ClientMessage message = Protocol.decode(frame);
      if (message instanceof ClientMessage.Ping ping) send(socket, new ServerMessage.Pong(ping.id()));
    } catch (ProtocolException e) {
      send(socket, e.toMessage());
    }
  }

  private static void send(ServerWebSocket socket, ServerMessage message) {
    if (!socket.isClosed()) socket.writeTextMessage(message.encode());
  }

  /** Closes every open socket with 1001 and waits until each close frame is written. */
  public Future<Void> closeAll() {
    List<Future<Void>> closing = new ArrayList<>();
    for (ServerWebSocket socket : open) {
      closing.add(socket.close(GOING_AWAY, "Server is shutting down").recover(err -> Future.succeededFuture()));
    }
    return Future.join(closing).mapEmpty();
  }
}
