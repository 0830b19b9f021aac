package org.circle.realtime;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.circle.account.Authenticator;
import org.circle.account.Principal;
import org.circle.board.BoardAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket endpoint at {@value #PATH}. Upgrades are checked before they happen: a path we
 * do not serve gets 404, an Origin that is not allowed gets 403 (a page on another site must never
 * ride on a member's browser), and a request without a valid session gets 401.
 */
public final class WebSocketEndpoint {
  public static final String PATH = "/ws";
  /** Bounds one frame and one message; larger frames close the socket (code 1009). */
  public static final int MAX_FRAME_BYTES = 64 * 1024;
  /** Status 1001: the server is going away (shutting down); clients should reconnect later. */
  static final short GOING_AWAY = 1001;
  private static final Logger log = LoggerFactory.getLogger(WebSocketEndpoint.class);

  private final Vertx vertx;
  private final Set<String> allowedOrigins;
  private final Authenticator authenticator;
  private final BoardAccess access;
  private final int shards;
  private final ConnectionLimits limits;
  private final Set<ServerWebSocket> open = ConcurrentHashMap.newKeySet();

  public WebSocketEndpoint(Vertx vertx, Set<String> allowedOrigins, Authenticator authenticator, BoardAccess access,
                           int shards, ConnectionLimits limits) {
    this.vertx = vertx;
    this.allowedOrigins = allowedOrigins;
    this.authenticator = authenticator;
    this.access = access;
    this.shards = shards;
    this.limits = limits;
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
    authenticator.authenticate(handshake.headers())
        .onSuccess(principal -> {
          if (principal.isEmpty()) {
            handshake.reject(401);
          } else {
            handshake.accept().onSuccess(socket -> connected(socket, principal.get()));
          }
        })
        .onFailure(err -> {
          log.warn("Could not check the session of a WebSocket upgrade: {}", err.getMessage());
          handshake.reject(503);
        });
  }

  private void connected(ServerWebSocket socket, Principal principal) {
    open.add(socket);
    VertxClientSocket clientSocket = new VertxClientSocket(socket, limits.sendQueue());
    BoardConnection connection = new BoardConnection(vertx, principal, clientSocket, access, shards, limits, System::currentTimeMillis);
    clientSocket.onGiveUp(connection::closed);
    socket.closeHandler(v -> {
      open.remove(socket);
      connection.closed();
    });
    socket.textMessageHandler(connection::receive);
    socket.binaryMessageHandler(buffer -> connection.receiveBinary());
    socket.exceptionHandler(err -> log.debug("WebSocket error: {}", err.getMessage()));
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
