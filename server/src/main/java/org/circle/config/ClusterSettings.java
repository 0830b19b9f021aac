package org.circle.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cluster mode: several server processes on one PostgreSQL serve as one. Each node runs a
 * Hazelcast member for the clustered Vert.x event bus, on {@code host:port}, and joins the others
 * over TCP/IP at {@code members} (host:port each; multicast is not used). The event bus itself
 * listens on {@code host} at a port the system picks, which the members tell each other.
 */
public record ClusterSettings(String host, int port, List<String> members) {
  public static final int DEFAULT_PORT = 5701;

  public ClusterSettings {
    members = List.copyOf(members);
  }

  /**
   * Empty unless CIRCLE_CLUSTER is true. Cluster mode needs an external PostgreSQL: every node
   * must see the same boards and the same locks, and the embedded database belongs to one node.
   */
  static Optional<ClusterSettings> fromEnvironment(Map<String, String> env, boolean externalDatabase) {
    String flag = env.getOrDefault("CIRCLE_CLUSTER", "").trim();
    if (flag.isEmpty() || flag.equalsIgnoreCase("false")) return Optional.empty();
    if (!flag.equalsIgnoreCase("true")) {
      throw new ConfigException("CIRCLE_CLUSTER must be true or false (found '" + flag + "').");
    }
    if (!externalDatabase) {
      throw new ConfigException("CIRCLE_CLUSTER=true needs DATABASE_URL: the nodes of a cluster share one PostgreSQL, "
          + "and the embedded database belongs to a single node. Set DATABASE_URL to postgresql://user:password@host:5432/database, "
          + "or leave CIRCLE_CLUSTER unset to run one node.");
    }
    String host = env.getOrDefault("CIRCLE_CLUSTER_HOST", "127.0.0.1").trim();
    if (host.isEmpty()) throw new ConfigException("CIRCLE_CLUSTER_HOST must name this node's address for the other nodes, such as 10.0.0.5.");
    int port = Config.parsePort("CIRCLE_CLUSTER_PORT", env.getOrDefault("CIRCLE_CLUSTER_PORT", String.valueOf(DEFAULT_PORT)));
    if (port == 0) throw new ConfigException("CIRCLE_CLUSTER_PORT must be a fixed port the other nodes can name, not 0.");
    List<String> members = new ArrayList<>();
    for (String entry : env.getOrDefault("CIRCLE_CLUSTER_MEMBERS", "").split(",")) {
      String member = entry.trim();
      if (member.isEmpty()) continue;
      int colon = member.lastIndexOf(':');
      if (colon <= 0 || colon == member.length() - 1) {
        throw new ConfigException("CIRCLE_CLUSTER_MEMBERS must list the nodes as host:port, separated by commas, such as "
            + "10.0.0.5:5701,10.0.0.6:5701 (found '" + member + "').");
      }
      Config.parsePort("CIRCLE_CLUSTER_MEMBERS", member.substring(colon + 1));
      members.add(member);
    }
    if (members.isEmpty()) members.add(host + ":" + port);
    return Optional.of(new ClusterSettings(host, port, members));
  }
}
