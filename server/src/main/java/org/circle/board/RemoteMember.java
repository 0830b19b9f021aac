package org.circle.board;

import java.util.UUID;
import org.circle.community.Role;

/**
 * A member whose connection is on another node of a cluster: what crosses the event bus of a
 * join (who it is, and where its frames go), and on the owner's side the room's handle on it.
 * Its frames travel back over the clustered event bus to its node's shard ({@code replyTo}),
 * batched ({@link RemoteFrames}), which hands them to the connection through its own {@link Outbox}. One join, one
 * {@code joinId}: the owner keeps one instance per join, so the room sees the same member for
 * the join's later operations and its leave.
 */
public final class RemoteMember implements RoomMember {
  /** How the owner's shard sends to the member's node, and whether that node is still alive. */
  interface Link {
    void send(String address, char kind, String joinId, String frame);

    boolean alive(String node);
  }

  static final char FRAME = 'f';
  static final char WELCOME = 'w';
  static final char CLOSE = 'c';

  private final String joinId;
  private final String node;
  private final String replyTo;
  private final String connectionId;
  private final UUID accountId;
  private final String name;
  private final Role role;
  private Link link;
  private volatile boolean left;

  RemoteMember(String joinId, String node, String replyTo, String connectionId, UUID accountId, String name, Role role) {
    this.joinId = joinId;
    this.node = node;
    this.replyTo = replyTo;
    this.connectionId = connectionId;
    this.accountId = accountId;
    this.name = name;
    this.role = role;
  }

  /** This join's handle on its owner's side, sending through {@code link}. */
  RemoteMember attached(Link link) {
    RemoteMember m = new RemoteMember(joinId, node, replyTo, connectionId, accountId, name, role);
    m.link = link;
    return m;
  }

  String joinId() { return joinId; }
  String node() { return node; }
  String replyTo() { return replyTo; }

  /** The member's node said it left, or the room no longer keeps it. */
  void left() {
    left = true;
  }

  @Override public String connectionId() { return connectionId; }
  @Override public UUID accountId() { return accountId; }
  @Override public String name() { return name; }
  @Override public Role role() { return role; }

  @Override
  public boolean connected() {
    return !left && link != null && link.alive(node);
  }

  @Override
  public void send(String frame) {
    deliver(FRAME, frame);
  }

  @Override
  public void welcome(String frame) {
    deliver(WELCOME, frame);
  }

  @Override
  public void close(short code, String reason) {
    deliver(CLOSE, code + " " + reason);
  }

  private void deliver(char kind, String payload) {
    if (link != null && !left) link.send(replyTo, kind, joinId, payload);
  }
}
