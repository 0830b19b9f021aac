package org.circle.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.circle.account.AccessChanges;
import org.circle.account.Authenticator;
import org.circle.account.Session;
import org.circle.board.BoardAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket endpoint at {@value #PATH}, one per HTTP server instance (event loop). Upgrades are
 * checked before they happen: a path we do not serve gets 404, an Origin that is not allowed gets
 * 403 (a page on another site must never ride on a member's browser), and a request without a
 * valid session gets 401. When someone's access changes ({@link AccessChanges}), each of their
 * connections here checks again at once.
 */
public final class WebSocketEndpoint {
  public static final String PATH = "/ws";
  /** Bounds one frame and one message, fragmented or not; larger ones close the socket with {@link #MESSAGE_TOO_BIG}. */
  public static final int MAX_FRAME_BYTES = 64 * 1024;
  /**
   * What Vert.x itself lets one frame hold, its own default message bound: a frame over
   * {@link #MAX_FRAME_BYTES} up to this is read and refused with 1009 ({@link FrameAssembler});
   * past this, Vert.x drops the connection without a close frame (the client sees 1006).
   */
  public static final int HARD_FRAME_BYTES = 256 * 1024;
  /** Status 1009: a frame or message larger than {@link #MAX_FRAME_BYTES}. */
  static final short MESSAGE_TOO_BIG = 1009;
  /** Status 1001: the server is going away (shutting down); clients should reconnect later. */
  static final short GOING_AWAY = 1001;
  private static final Logger log = LoggerFactory.getLogger(WebSocketEndpoint.class);

  private final Vertx vertx;
  private final Context home;
  private final Set<String> allowedOrigins;
  private final Authenticator authenticator;
  private final BoardAccess access;
  private final int shards;
  private final ConnectionLimits limits;
  private final Counter slowReaders;
  private final Set<ServerWebSocket> open = ConcurrentHashMap.newKeySet();
  /** This endpoint's connections by account, on {@link #home}. */
  private final Map<UUID, Set<BoardConnection>> byAccount = new HashMap<>();
  private final MessageConsumer<String> accessChanges;

  /** Called on the context of the HTTP server instance it serves; its connections run there too. */
  public WebSocketEndpoint(Vertx vertx, Set<String> allowedOrigins, Authenticator authenticator, BoardAccess access,
                           int shards, ConnectionLimits limits, MeterRegistry registry) {
    this.vertx = vertx;
    this.home = vertx.getOrCreateContext();
    this.allowedOrigins = allowedOrigins;
    this.authenticator = authenticator;
    this.access = access;
    this.shards = shards;
    this.limits = limits;
    this.slowReaders = Counter.builder("circle.board.slow.readers")
        .description("Connections cut off because they did not read what they were sent").register(registry);
    this.accessChanges = AccessChanges.subscribe(vertx, this::accessChanged);
  }

  public WebSocketEndpoint(Vertx vertx, Set<String> allowedOrigins, Authenticator authenticator, BoardAccess access,
                           int shards, ConnectionLimits limits) {
    this(vertx, allowedOrigins, authenticator, access, shards, limits, new SimpleMeterRegistry());
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
    authenticator.session(handshake.headers())
        .onSuccess(session -> {
          if (session.isEmpty()) {
            handshake.reject(401);
          } else {
            handshake.accept().onSuccess(socket -> connected(socket, session.get()));
          }
        })
        .onFailure(err -> {
          log.warn("Could not check the session of a WebSocket upgrade: {}", err.getMessage());
          handshake.reject(503);
        });
  }

  private void connected(ServerWebSocket socket, Session session) {
    open.add(socket);
    VertxClientSocket clientSocket = new VertxClientSocket(vertx, socket, limits, System::currentTimeMillis);
    byte[] token = session.tokenHash();
    BoardConnection connection = new BoardConnection(vertx, home, session.principal(),
        () -> authenticator.stillValid(token), clientSocket, access, shards, limits, System::currentTimeMillis);
    // Handshakes of this server instance complete on its event loop, the home of this endpoint.
    UUID account = session.principal().accountId();
    byAccount.computeIfAbsent(account, k -> new HashSet<>()).add(connection);
    clientSocket.onGiveUp(() -> {
      slowReaders.increment();
      connection.closed();
    });
    socket.closeHandler(v -> {
      open.remove(socket);
      connection.closed();
      Set<BoardConnection> mine = byAccount.get(account);
      if (mine != null && mine.remove(connection) && mine.isEmpty()) byAccount.remove(account);
    });
    FrameAssembler frames = new FrameAssembler(MAX_FRAME_BYTES, connection::receive, connection::receiveBinary, () -> {
      clientSocket.close(MESSAGE_TOO_BIG, "message too big");
      connection.closed();
    });
    socket.frameHandler(frames::accept);
    socket.exceptionHandler(err -> log.debug("WebSocket error: {}", err.getMessage()));
  }

  private void accessChanged(Optional<UUID> account) {
    if (account.isPresent()) {
      Set<BoardConnection> mine = byAccount.get(account.get());
      if (mine != null) new ArrayList<>(mine).forEach(BoardConnection::recheckAccess);
    } else {
      byAccount.values().forEach(set -> new ArrayList<>(set).forEach(BoardConnection::recheckAccess));
    }
  }

  /** Closes every open socket with 1001 and waits until each close frame is written. */
  public Future<Void> closeAll() {
    accessChanges.unregister();
    List<Future<Void>> closing = new ArrayList<>();
    for (ServerWebSocket socket : open) {
      closing.add(socket.close(GOING_AWAY, "Server is shutting down").recover(err -> Future.succeededFuture()));
    }
    return Future.join(closing).mapEmpty();
  }
}
