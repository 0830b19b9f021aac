package org.circle.realtime;

import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayDeque;
import org.circle.board.BoardRoom;

/**
 * A real WebSocket with a bounded send queue. Netty buffers up to
 * {@link ConnectionLimits#SOCKET_BUFFER_BYTES}; past that, messages wait here, and a client that
 * lets {@code sendQueue} of them pile up is disconnected with {@link BoardRoom#RESYNC}: it resumes
 * from its last sequence number, and it never holds up anyone else.
 */
final class VertxClientSocket implements ClientSocket {
  private final ServerWebSocket socket;
  private final int maxQueued;
  private final ArrayDeque<String> backlog = new ArrayDeque<>();
  private boolean closing;
  private Runnable onGiveUp = () -> { };

  VertxClientSocket(ServerWebSocket socket, int maxQueued) {
    this.socket = socket;
    this.maxQueued = maxQueued;
    socket.setWriteQueueMaxSize(ConnectionLimits.SOCKET_BUFFER_BYTES);
    socket.drainHandler(v -> drain());
  }

  @Override
  public void send(String frame) {
    if (closing || socket.isClosed()) return;
    if (backlog.isEmpty() && !socket.writeQueueFull()) {
      socket.writeTextMessage(frame);
      return;
    }
    backlog.addLast(frame);
    if (backlog.size() > maxQueued) {
      backlog.clear();
      close(BoardRoom.RESYNC, "resync");
      // The close handshake waits behind what the client has not read; leave the room now.
      onGiveUp.run();
    }
  }

  /** What to do when this socket gives up on a client that cannot keep up. */
  void onGiveUp(Runnable action) {
    this.onGiveUp = action;
  }

  private void drain() {
    while (!backlog.isEmpty() && !socket.writeQueueFull() && !socket.isClosed()) socket.writeTextMessage(backlog.pollFirst());
  }

  @Override
  public void close(short code, String reason) {
    if (closing) return;
    closing = true;
    socket.close(code, reason);
  }
}
