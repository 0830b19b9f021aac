package org.circle.realtime;

/** The one thing a connection needs of its WebSocket, so its logic can be tested without a network. */
public interface ClientSocket {
  /** Queues a text frame; never blocks. A socket that cannot keep up closes itself with a resync. */
  void send(String frame);

  void close(short code, String reason);
}
