package org.circle.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A minimal SMTP server on loopback that accepts every message and keeps its text, for tests. */
public final class SmtpSink implements AutoCloseable {
  private final ServerSocket server;
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  public SmtpSink() throws IOException {
    server = new ServerSocket(0);
    acceptor = new Thread(this::acceptLoop, "smtp-sink");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public List<String> messages() {
    return messages;
  }

  /** Waits up to 10 s for a message that matches, and returns it. */
  public String await(java.util.function.Predicate<String> matching) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    synchronized (messages) {
      while (true) {
        for (String m : messages) if (matching.test(m.replace("=\n", ""))) return m;
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new AssertionError("no such email among " + messages.size() + ": " + messages);
        messages.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Each connection in its own thread: a mail client may hold several open at once. */
  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread conversation = new Thread(() -> {
          try (socket) {
            converse(socket);
          } catch (IOException e) {
            // a client went away mid-conversation
          }
        }, "smtp-sink-connection");
        conversation.setDaemon(true);
        conversation.start();
      } catch (IOException e) {
        // closed
      }
    }
  }

  private void converse(Socket socket) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    OutputStream out = socket.getOutputStream();
    reply(out, "220 sink ready");
    String line;
    while ((line = in.readLine()) != null) {
      String command = line.toUpperCase();
      if (command.startsWith("EHLO") || command.startsWith("HELO")) {
        reply(out, "250 sink");
      } else if (command.startsWith("DATA")) {
        reply(out, "354 go ahead");
        StringBuilder message = new StringBuilder();
        while ((line = in.readLine()) != null && !line.equals(".")) message.append(line).append('\n');
        synchronized (messages) {
          messages.add(message.toString());
          messages.notifyAll();
        }
        reply(out, "250 queued");
      } else if (command.startsWith("QUIT")) {
        reply(out, "221 bye");
        return;
      } else {
        reply(out, "250 ok");
      }
    }
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
