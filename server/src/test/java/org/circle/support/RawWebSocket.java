package org.circle.support;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A WebSocket client spoken by hand over a plain TCP socket with a tiny receive buffer, so a test
 * controls exactly when (and whether) it reads: the slowest reader there can be.
 */
public final class RawWebSocket implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final Random random = new Random(1);

  public RawWebSocket(TestServer server, TestAccounts.Person person) throws IOException {
    socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("localhost", server.port()), 5000);
    in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 4096));
    out = socket.getOutputStream();
    out.write(("GET /ws HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: " + server.origin() + "\r\n"
        + "Cookie: " + person.cookie() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    String status = readLine();
    if (!status.contains(" 101 ")) throw new IOException("upgrade refused: " + status);
    while (!readLine().isEmpty()) {
      // skip the response headers
    }
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') if (c != '\r') line.append((char) c);
    return line.toString();
  }

  public void sendText(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] mask = new byte[4];
    random.nextBytes(mask);
    out.write(0x81);
    if (payload.length < 126) {
      out.write(0x80 | payload.length);
    } else {
      out.write(0x80 | 126);
      out.write(payload.length >>> 8);
      out.write(payload.length & 0xFF);
    }
    out.write(mask);
    for (int i = 0; i < payload.length; i++) out.write(payload[i] ^ mask[i % 4]);
    out.flush();
  }

  /** One frame of any size: {@code opcode} 0x1 text, 0x0 continuation; {@code fin} false for all but a message's last. */
  public void sendFrame(int opcode, boolean fin, byte[] payload) throws IOException {
    byte[] mask = new byte[4];
    random.nextBytes(mask);
    out.write((fin ? 0x80 : 0) | opcode);
    if (payload.length < 126) {
      out.write(0x80 | payload.length);
    } else if (payload.length < 65536) {
      out.write(0x80 | 126);
      out.write(payload.length >>> 8);
      out.write(payload.length & 0xFF);
    } else {
      out.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) out.write((int) ((long) payload.length >>> shift) & 0xFF);
    }
    out.write(mask);
    byte[] masked = new byte[payload.length];
    for (int i = 0; i < payload.length; i++) masked[i] = (byte) (payload[i] ^ mask[i % 4]);
    try {
      out.write(masked);
      out.flush();
    } catch (java.net.SocketException e) {
      // The server may close as soon as it has read the header of a frame too large; its close frame is still there to read.
    }
  }

  /** The next text frame the server sends (skipping other frames); null if the server closes first. */
  public String readText() throws IOException {
    socket.setSoTimeout(15_000);
    while (true) {
      int first = in.read();
      if (first == -1) return null;
      int second = in.readUnsignedByte();
      long length = second & 0x7F;
      if (length == 126) length = in.readUnsignedShort();
      else if (length == 127) length = in.readLong();
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      if ((first & 0x0F) == 0x8) return null;
      if ((first & 0x0F) == 0x1) return new String(payload, StandardCharsets.UTF_8);
    }
  }

  /** Reads frames until the server's close frame and returns its status code, or -1 if the stream ends first. */
  public int readUntilClose() throws IOException {
    socket.setSoTimeout(15_000);
    while (true) {
      int first = in.read();
      if (first == -1) return -1;
      int second = in.readUnsignedByte();
      long length = second & 0x7F;
      if (length == 126) length = in.readUnsignedShort();
      else if (length == 127) length = in.readLong();
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      if ((first & 0x0F) == 0x8) return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
