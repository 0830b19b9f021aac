package org.circle.board;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.circle.community.Role;

/** A room member with no network: it records what the room sends it. */
final class FakeMember implements RoomMember {
  final String id = UUID.randomUUID().toString();
  final UUID account;
  final String name;
  final Role role;
  final List<JsonObject> received = new CopyOnWriteArrayList<>();
  volatile Short closedWith;
  /** False once this member's socket is gone. */
  volatile boolean connected = true;

  FakeMember(UUID account, String name, Role role) {
    this.account = account;
    this.name = name;
    this.role = role;
  }

  @Override public String connectionId() { return id; }
  @Override public UUID accountId() { return account; }
  @Override public String name() { return name; }
  @Override public Role role() { return role; }
  @Override public boolean connected() { return connected; }

  @Override
  public void send(String frame) {
    received.add(new JsonObject(frame));
  }

  @Override
  public void welcome(String frame) {
    send(frame);
  }

  @Override
  public void close(short code, String reason) {
    closedWith = code;
  }

  List<JsonObject> ofType(String type) {
    return received.stream().filter(m -> type.equals(m.getString("type"))).toList();
  }
}
