package org.circle.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The addresses of the reverse proxies whose {@code X-Forwarded-For} and {@code Forwarded}
 * headers are believed (CIRCLE_TRUSTED_PROXIES): single addresses or CIDR ranges, IPv4 or IPv6.
 * From anyone else those headers are ignored, since any client can send them.
 */
public final class TrustedProxies {
  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  private record Range(byte[] network, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != network.length) return false;
      int full = prefix / 8;
      for (int i = 0; i < full; i++) if (address[i] != network[i]) return false;
      int rest = prefix % 8;
      if (rest == 0) return true;
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  private final List<Range> ranges;

  private TrustedProxies(List<Range> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  static TrustedProxies parse(String name, String value) {
    if (value == null || value.isBlank()) return NONE;
    List<Range> ranges = new ArrayList<>();
    for (String entry : value.split(",")) {
      String text = entry.strip();
      if (text.isEmpty()) continue;
      ranges.add(range(text).orElseThrow(() -> new ConfigException(name
          + " has an entry that is not an IP address or a range such as 10.0.0.0/8: '" + text + "'.")));
    }
    return new TrustedProxies(ranges);
  }

  private static Optional<Range> range(String text) {
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    // Only literal addresses: a host name would make each request depend on DNS.
    if (!address.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) return Optional.empty();
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    int prefix = bytes.length * 8;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (prefix < 0 || prefix > bytes.length * 8) return Optional.empty();
    }
    return Optional.of(new Range(bytes, prefix));
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  /** Whether a connection from this literal address comes from a trusted proxy. */
  public boolean trusts(String address) {
    if (ranges.isEmpty() || address == null) return false;
    Optional<byte[]> bytes = literal(address);
    return bytes.isPresent() && ranges.stream().anyMatch(r -> r.contains(bytes.get()));
  }

  /** The bytes of a literal IPv4 or IPv6 address (an IPv4-mapped IPv6 address as IPv4); never a DNS lookup. */
  public static Optional<byte[]> literal(String address) {
    String text = address.strip();
    if (text.startsWith("[") && text.endsWith("]")) text = text.substring(1, text.length() - 1);
    int zone = text.indexOf('%');
    if (zone >= 0) text = text.substring(0, zone);
    if (!text.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) return Optional.empty();
    try {
      return Optional.of(InetAddress.getByName(text).getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return ranges.stream().map(r -> {
      try {
        return InetAddress.getByAddress(r.network()).getHostAddress() + "/" + r.prefix();
      } catch (UnknownHostException e) {
        return new BigInteger(1, r.network()).toString(16);
      }
    }).toList().toString();
  }
}
