package org.circle.app;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import org.circle.board.RoomCluster;
import org.circle.config.ClusterSettings;

/**
 * The cluster manager of a node in cluster mode: Hazelcast, joined over TCP/IP to the members
 * named in CIRCLE_CLUSTER_MEMBERS (no multicast), with failure detection tuned so a node that dies
 * is noticed within about five seconds and its boards move to a surviving node.
 */
final class ClusterNode {
  /** A heartbeat every second; a member silent for four is taken for dead. */
  private static final String HEARTBEAT_SECONDS = "1";
  private static final String MAX_SILENCE_SECONDS = "4";

  private ClusterNode() {}

  static ClusterManager manager(ClusterSettings settings) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName("circle");
    config.setProperty("hazelcast.heartbeat.interval.seconds", HEARTBEAT_SECONDS);
    config.setProperty("hazelcast.max.no.heartbeat.seconds", MAX_SILENCE_SECONDS);
    // Nodes started together find each other at once rather than after Hazelcast's default wait.
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.max.wait.seconds.before.join", "2");
    // Two nodes that formed separate clusters at a simultaneous start merge within seconds.
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    // Hazelcast's own metrics (collected every few seconds, a few per cent of a node's CPU in the
    // load tool's profiles) are read by nothing here: the node's figures are on /metrics.
    config.getMetricsConfig().setEnabled(false);
    NetworkConfig network = config.getNetworkConfig();
    // Hazelcast binds to an interface named by its address: a host name (a container's) is looked up first.
    String address = address(settings.host());
    network.setPort(settings.port()).setPortAutoIncrement(false);
    network.setPublicAddress(address + ":" + settings.port());
    network.getInterfaces().setEnabled(true).setInterfaces(List.of(address));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(settings.members()).setConnectionTimeoutSeconds(2);
    return new HazelcastClusterManager(config);
  }

  private static String address(String host) {
    try {
      return java.net.InetAddress.getByName(host).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      throw new org.circle.config.ConfigException("CIRCLE_CLUSTER_HOST '" + host + "' is not an address of this machine, nor a name that resolves to one.");
    }
  }

  /** Where the Hazelcast cluster manager keeps a member's Vert.x node id, which is not its Hazelcast id. */
  private static final String VERTX_NODE_ID = "__vertx.nodeId";

  /**
   * Tells the board rooms which nodes are alive, from the cluster's own membership. Vert.x keeps
   * the one node listener of its cluster manager for itself: this listens to Hazelcast directly.
   */
  static void follow(ClusterManager manager, RoomCluster rooms) {
    HazelcastInstance hazelcast = ((HazelcastClusterManager) manager).getHazelcastInstance();
    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override public void memberAdded(MembershipEvent event) { nodeOf(event.getMember()).ifPresent(rooms::joined); }
      @Override public void memberRemoved(MembershipEvent event) { nodeOf(event.getMember()).ifPresent(rooms::left); }
    });
    // Members that came meanwhile.
    hazelcast.getCluster().getMembers().forEach(m -> nodeOf(m).ifPresent(rooms::joined));
  }

  private static java.util.Optional<String> nodeOf(Member member) {
    return java.util.Optional.ofNullable(member.getAttribute(VERTX_NODE_ID));
  }

  /** The Vert.x node ids of the cluster's members now. */
  static List<String> members(ClusterManager manager) {
    return manager.getNodes();
  }
}
