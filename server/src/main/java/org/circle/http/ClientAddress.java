package org.circle.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.circle.config.TrustedProxies;

/**
 * The address of whoever sent a request, for per-address limits. It is the connection's peer,
 * unless that peer is a configured trusted proxy (CIRCLE_TRUSTED_PROXIES): then the forwarding
 * headers ({@code Forwarded}, else {@code X-Forwarded-For}) are read from the right, skipping
 * trusted proxies, and the first address that is not one is the client. Entries to the left of it
 * were written by the client itself and are never believed.
 */
public final class ClientAddress {
  private final TrustedProxies proxies;

  public ClientAddress(TrustedProxies proxies) {
    this.proxies = proxies;
  }

  public String of(HttpServerRequest request) {
    SocketAddress remote = request.remoteAddress();
    String peer = remote == null || remote.hostAddress() == null ? "unknown" : canonical(remote.hostAddress()).orElse(remote.hostAddress());
    if (!proxies.trusts(peer)) return peer;
    List<String> chain = forwardedFor(request);
    String client = peer;
    for (int i = chain.size() - 1; i >= 0; i--) {
      Optional<String> hop = canonical(chain.get(i));
      if (hop.isEmpty()) return client; // "unknown" or a garbled entry: the last proxy that wrote it is all we know
      client = hop.get();
      if (!proxies.trusts(client)) return client;
    }
    return client;
  }

  /** Whether the request carries any header a proxy adds: a request that does came through one. */
  static boolean forwarded(HttpServerRequest request) {
    return request.headers().contains("Forwarded") || request.headers().contains("X-Forwarded-For")
        || request.headers().contains("X-Real-IP");
  }

  /** The forwarded-for chain, oldest first: RFC 7239 {@code Forwarded: for=...} if present, else X-Forwarded-For. */
  private static List<String> forwardedFor(HttpServerRequest request) {
    List<String> chain = new ArrayList<>();
    List<String> forwarded = request.headers().getAll("Forwarded");
    if (!forwarded.isEmpty()) {
      for (String header : forwarded) {
        for (String element : header.split(",")) {
          String value = null;
          for (String pair : element.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).strip().equalsIgnoreCase("for")) value = pair.substring(eq + 1).strip();
          }
          chain.add(value == null ? "" : value);
        }
      }
      return chain;
    }
    for (String header : request.headers().getAll("X-Forwarded-For")) {
      for (String entry : header.split(",")) chain.add(entry.strip());
    }
    return chain;
  }

  /** A literal IP address in canonical form, from "1.2.3.4", "1.2.3.4:80", "[::1]:80" or a quoted RFC 7239 node. */
  static Optional<String> canonical(String node) {
    String text = node.strip();
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) text = text.substring(1, text.length() - 1);
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) return Optional.empty();
      text = text.substring(1, close);
    } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
      text = text.substring(0, text.indexOf(':')); // IPv4 with a port
    }
    return TrustedProxies.literal(text).flatMap(bytes -> {
      try {
        return Optional.of(InetAddress.getByAddress(bytes).getHostAddress());
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    });
  }
}
