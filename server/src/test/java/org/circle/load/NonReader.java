package org.circle.load;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A client that joins a board and then never reads another byte, the way a frozen tab or a broken
 * script does; a tiny receive buffer makes the server's buffers fill as fast as they can. While it
 * runs, one such client is always on the board: when the server has cut one off (a
 * write to it fails), another takes its place. Runs on its own thread;
 * it blocks, the tool's event loops never do.
 */
final class NonReader implements AutoCloseable {
  private final ServerProcess server;
  private final CircleApi.Session session;
  private final String board;
  private final Thread thread;
  private final List<Double> lingeredMs = new ArrayList<>();
  private volatile boolean running = true;
  private final Random random = new Random(7);

  NonReader(ServerProcess server, CircleApi.Session session, String board) {
    this.server = server;
    this.session = session;
    this.board = board;
    this.thread = new Thread(this::run, "non-reader");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    int n = 0;
    while (running) {
      long joined = System.nanoTime();
      try (Socket socket = open(n++)) {
        // A ping a second, as a live page sends: once the server has cut this client off, the
        // write fails. (Asking /metrics instead would cost the server the very latency measured.)
        OutputStream out = socket.getOutputStream();
        while (running) {
          ServerProcess.sleep(1000);
          frame(out, "{\"v\":1,\"type\":\"ping\"}");
        }
      } catch (IOException e) {
        if (running) {
          synchronized (lingeredMs) {
            lingeredMs.add((System.nanoTime() - joined) / 1e6);
          }
        }
      }
    }
  }

  private void frame(OutputStream out, String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] mask = new byte[4];
    random.nextBytes(mask);
    out.write(0x81);
    out.write(0x80 | payload.length);
    out.write(mask);
    for (int i = 0; i < payload.length; i++) out.write(payload[i] ^ mask[i % 4]);
    out.flush();
  }

  private Socket open(int n) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("localhost", server.port), 5000);
    DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 4096));
    OutputStream out = socket.getOutputStream();
    out.write(("GET /ws HTTP/1.1\r\nHost: localhost:" + server.port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: " + server.baseUrl() + "\r\n"
        + "Cookie: " + session.cookie() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    String status = readLine(in);
    if (!status.contains(" 101 ")) throw new IOException("upgrade refused: " + status);
    while (!readLine(in).isEmpty()) {
      // the response headers
    }
    frame(out, "{\"v\":1,\"type\":\"join\",\"board\":\"" + board + "\",\"client\":\"non-reader-" + n + "\"}");
    // From here on, nothing is read.
    return socket;
  }

  private static String readLine(DataInputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') if (c != '\r') line.append((char) c);
    return line.toString();
  }

  /** How long each non-reader stayed connected, until a write to it failed (the server closes the TCP connection some seconds after it gives up on the client). */
  List<Double> lingeredMs() {
    synchronized (lingeredMs) {
      return new ArrayList<>(lingeredMs);
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
