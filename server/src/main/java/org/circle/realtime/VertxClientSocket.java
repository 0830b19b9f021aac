package org.circle.realtime;

import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;
import org.circle.board.BoardRoom;

/**
 * A real WebSocket that never lets one client hold up anyone else. Netty buffers up to
 * {@link ConnectionLimits#SOCKET_BUFFER_BYTES} (behind the kernel's send buffer); past that, frames
 * wait here, and the client is judged by what it owes: once more than {@code owedBytes} or
 * {@code sendQueue} frames wait, or the oldest has waited {@code owedMs}, it is disconnected with
 * {@link BoardRoom#RESYNC} and leaves its room at once. It resumes from its last sequence number.
 */
final class VertxClientSocket implements ClientSocket {
  private record Waiting(String frame, long since) {}

  private final ServerWebSocket socket;
  private final ConnectionLimits limits;
  private final LongSupplier clock;
  private final ArrayDeque<Waiting> backlog = new ArrayDeque<>();
  private long owed;
  private boolean closing;
  private Runnable onGiveUp = () -> { };

  VertxClientSocket(ServerWebSocket socket, ConnectionLimits limits, LongSupplier clock) {
    this.socket = socket;
    this.limits = limits;
    this.clock = clock;
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
    long now = clock.getAsLong();
    backlog.addLast(new Waiting(frame, now));
    owed += frame.length();
    if (owed > limits.owedBytes() || backlog.size() > limits.sendQueue() || now - backlog.peekFirst().since() > limits.owedMs()) {
      giveUp();
    }
  }

  /** What to do when this socket gives up on a client that cannot keep up. */
  void onGiveUp(Runnable action) {
    this.onGiveUp = action;
  }

  private void giveUp() {
    backlog.clear();
    owed = 0;
    close(BoardRoom.RESYNC, "resync");
    // The close frame waits behind what the client has not read (Vert.x closes the connection only
    // once it is written, so a client that never reads keeps it open, holding what the socket
    // buffered): nothing more is written to it, and it leaves the room now.
    onGiveUp.run();
  }

  private void drain() {
    while (!backlog.isEmpty() && !socket.writeQueueFull() && !socket.isClosed()) {
      Waiting next = backlog.pollFirst();
      owed -= next.frame().length();
      socket.writeTextMessage(next.frame());
    }
  }

  @Override
  public void close(short code, String reason) {
    if (closing) return;
    closing = true;
    // What waits here is never sent once the server has decided to close.
    backlog.clear();
    owed = 0;
    socket.close(code, reason);
  }
}
