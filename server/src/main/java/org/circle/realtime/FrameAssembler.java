package org.circle.realtime;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.util.function.Consumer;

/**
 * Puts a client's messages together from their frames, counting every byte: a frame or a
 * fragmented message over {@code maxBytes} calls {@code tooLarge} (the socket then closes with
 * 1009) before more than that is held. Done here rather than by Vert.x, whose own limits drop the
 * connection without a close frame (the client saw 1006) or only report an exception.
 */
final class FrameAssembler {
  private final int maxBytes;
  private final Consumer<String> text;
  private final Runnable binary;
  private final Runnable tooLarge;
  private Buffer pending;
  private boolean pendingBinary;
  private int size;
  private boolean inMessage;
  private boolean stopped;

  FrameAssembler(int maxBytes, Consumer<String> text, Runnable binary, Runnable tooLarge) {
    this.maxBytes = maxBytes;
    this.text = text;
    this.binary = binary;
    this.tooLarge = tooLarge;
  }

  void accept(WebSocketFrame frame) {
    if (stopped) return;
    if (frame.isText() || frame.isBinary()) {
      inMessage = true;
      pendingBinary = frame.isBinary();
      pending = pendingBinary ? null : Buffer.buffer();
      size = 0;
    } else if (!frame.isContinuation() || !inMessage) {
      return;
    }
    Buffer data = frame.binaryData();
    size += data.length();
    if (size > maxBytes) {
      stopped = true;
      pending = null;
      tooLarge.run();
      return;
    }
    if (!pendingBinary) pending.appendBuffer(data);
    if (frame.isFinal()) {
      inMessage = false;
      if (pendingBinary) {
        binary.run();
      } else {
        String message = pending.toString();
        pending = null;
        text.accept(message);
      }
    }
  }
}
