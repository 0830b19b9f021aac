package org.circle.realtime;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;
import org.circle.board.BoardRoom;

/**
 * A real WebSocket that never lets one client hold up anyone else, judged by what it owes: the
 * frames written to it that it has not shown it has read. Every client's WebSocket answers a ping
 * with a pong as it reads the stream, after everything written before the ping; so while frames
 * go out, a ping carrying the count of bytes written so far follows them (at most every
 * {@link #PING_EVERY_MS} and every {@link #PING_EVERY_BYTES}), and its pong tells how far the
 * client has read. A client that owes more than {@code owedBytes} or {@code sendQueue} frames, or
 * leaves a ping unanswered for {@code owedMs} (checked even when nothing more is sent), is
 * disconnected with {@link BoardRoom#RESYNC}; nothing more is written to it and it leaves its room
 * at once. It resumes from its last sequence number.
 *
 * <p>Why not what the server still buffers: the kernel's send buffer grows to 4 MiB by itself, so a
 * client that stopped reading absorbed minutes of a board's traffic before anything here noticed.
 */
final class VertxClientSocket implements ClientSocket {
  /** A ping follows the frames at most this often... */
  static final long PING_EVERY_MS = 250;
  /** ...and at least every this many bytes, so what is owed is known to within about this much. */
  static final int PING_EVERY_BYTES = 64 * 1024;

  private record Ping(long bytes, long frames, long at) {}

  private final Vertx vertx;
  private final ServerWebSocket socket;
  private final ConnectionLimits limits;
  private final LongSupplier clock;
  /** Pings not yet answered, oldest first: pongs come back in order. */
  private final ArrayDeque<Ping> unanswered = new ArrayDeque<>();
  private long bytesWritten;
  private long framesWritten;
  private long bytesRead;
  private long framesRead;
  private long lastPingAt = Long.MIN_VALUE / 2;
  private long lastPingBytes;
  private boolean pingScheduled;
  private boolean closing;
  private Runnable onGiveUp = () -> { };

  VertxClientSocket(Vertx vertx, ServerWebSocket socket, ConnectionLimits limits, LongSupplier clock) {
    this.vertx = vertx;
    this.socket = socket;
    this.limits = limits;
    this.clock = clock;
    socket.pongHandler(this::pong);
  }

  @Override
  public void send(String frame) {
    if (closing || socket.isClosed()) return;
    long now = clock.getAsLong();
    if (owes(now, frame.length())) {
      giveUp();
      return;
    }
    socket.writeTextMessage(frame);
    bytesWritten += frame.length();
    framesWritten++;
    if (bytesWritten - lastPingBytes >= PING_EVERY_BYTES || now - lastPingAt >= PING_EVERY_MS) {
      ping(now);
    } else if (!pingScheduled) {
      // The last frames of a burst are followed by a ping too, a moment later.
      pingScheduled = true;
      vertx.setTimer(Math.max(1, PING_EVERY_MS - (now - lastPingAt)), t -> {
        pingScheduled = false;
        if (!closing && bytesWritten > lastPingBytes) ping(clock.getAsLong());
      });
    }
  }

  private boolean owes(long now, int more) {
    if (unanswered.isEmpty() && bytesWritten == bytesRead) return false;
    return bytesWritten + more - bytesRead > limits.owedBytes()
        || framesWritten + 1 - framesRead > limits.sendQueue()
        || (!unanswered.isEmpty() && now - unanswered.peekFirst().at() > limits.owedMs());
  }

  private void ping(long now) {
    // How long a ping may wait is judged even when nothing more is sent.
    if (unanswered.isEmpty()) vertx.setTimer(limits.owedMs() + 1, t -> checkOwed());
    unanswered.addLast(new Ping(bytesWritten, framesWritten, now));
    lastPingAt = now;
    lastPingBytes = bytesWritten;
    socket.writePing(Buffer.buffer().appendLong(bytesWritten));
  }

  private void pong(Buffer payload) {
    if (payload.length() != Long.BYTES) return;
    long mark = payload.getLong(0);
    // Every ping up to this one was answered: the client has read everything written before it.
    while (!unanswered.isEmpty() && unanswered.peekFirst().bytes() <= mark) {
      Ping answered = unanswered.pollFirst();
      bytesRead = answered.bytes();
      framesRead = answered.frames();
    }
  }

  private void checkOwed() {
    if (closing || unanswered.isEmpty()) return;
    long waited = clock.getAsLong() - unanswered.peekFirst().at();
    if (waited > limits.owedMs()) giveUp();
    else vertx.setTimer(limits.owedMs() - waited + 1, t -> checkOwed());
  }

  /** What to do when this socket gives up on a client that cannot keep up. */
  void onGiveUp(Runnable action) {
    this.onGiveUp = action;
  }

  private void giveUp() {
    close(BoardRoom.RESYNC, "resync");
    // The close frame waits behind what the client has not read (Vert.x closes the connection only
    // once it is written, so a client that never reads keeps it open, holding what was owed):
    // nothing more is written to it, and it leaves the room now.
    onGiveUp.run();
  }

  @Override
  public void close(short code, String reason) {
    if (closing) return;
    closing = true;
    socket.close(code, reason);
  }
}
