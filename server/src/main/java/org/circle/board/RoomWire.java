package org.circle.board;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.circle.community.Role;
import org.circle.protocol.InvalidOperation;
import org.circle.protocol.JsonText;
import org.circle.protocol.Operation;
import org.circle.protocol.Operations;

/**
 * The wire form of a {@link RoomCommand} between the nodes of a cluster: JSON, with each member a
 * {@link RemoteMember} (its join, its node and where its frames go), and each operation in the
 * protocol's own form, decoded again with the protocol's checks on arrival. Written and read with
 * the streaming codec of the board's hot path ({@link JsonText}). Within one node
 * commands still pass by reference ({@link LocalCodec}).
 */
public final class RoomWire implements MessageCodec<RoomCommand, RoomCommand> {
  public static final String NAME = "circle-room-wire";

  /** Registers the codec once per Vert.x instance. */
  public static synchronized void register(Vertx vertx) {
    try {
      vertx.eventBus().registerCodec(new RoomWire());
    } catch (IllegalStateException alreadyRegistered) {
      // another shard registered it first
    }
  }

  static DeliveryOptions delivery(long timeoutMs) {
    return new DeliveryOptions().setCodecName(NAME).setSendTimeout(timeoutMs);
  }

  @Override
  public void encodeToWire(Buffer buffer, RoomCommand command) {
    Buffer json = JsonText.toBuffer(encode(command));
    buffer.appendInt(json.length()).appendBuffer(json);
  }

  @Override
  public RoomCommand decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return decode(JsonText.parseObject(buffer.getBuffer(pos + 4, pos + 4 + length)));
  }

  @Override
  public RoomCommand transform(RoomCommand command) {
    return command;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }

  static JsonObject encode(RoomCommand command) {
    JsonObject json = new JsonObject().put("board", command.boardId().toString());
    if (command instanceof RoomCommand.Join j) {
      json.put("t", "join").put("member", member(j.member())).put("client", j.clientId()).put("since", j.since());
    } else if (command instanceof RoomCommand.Leave l) {
      json.put("t", "leave").put("member", member(l.member()));
    } else if (command instanceof RoomCommand.Apply a) {
      json.put("t", "apply").put("member", member(a.member())).put("client", a.clientId()).put("opId", a.opId())
          .put("actor", new JsonObject().put("id", a.actor().accountId().toString()).put("name", a.actor().name())
              .put("role", a.actor().role().wireName()).put("writable", a.actor().phaseWritable()))
          .put("op", a.op().body().put("kind", a.op().kind()));
    } else if (command instanceof RoomCommand.Presence p) {
      json.put("t", "presence").put("connection", p.connectionId()).put("editing", p.editing());
    } else if (command instanceof RoomCommand.Cursor c) {
      json.put("t", "cursor").put("connection", c.connectionId()).put("x", c.x()).put("y", c.y());
    } else if (command instanceof RoomCommand.Withdraw w) {
      json.put("t", "withdraw").put("account", w.accountId().toString()).put("accountGone", w.accountGone());
    } else if (command instanceof RoomCommand.Scrub s) {
      json.put("t", "scrub").put("account", s.accountId().toString());
    } else if (command instanceof RoomCommand.Reload) {
      json.put("t", "reload");
    }
    return json;
  }

  static RoomCommand decode(JsonObject json) {
    UUID board = UUID.fromString(json.getString("board"));
    return switch (json.getString("t")) {
      case "join" -> new RoomCommand.Join(board, member(json.getJsonObject("member")), json.getString("client"), json.getLong("since"));
      case "leave" -> new RoomCommand.Leave(board, member(json.getJsonObject("member")));
      case "apply" -> {
        JsonObject actor = json.getJsonObject("actor");
        try {
          yield new RoomCommand.Apply(board, member(json.getJsonObject("member")),
              new Actor(UUID.fromString(actor.getString("id")), actor.getString("name"), role(actor.getString("role")),
                  actor.getBoolean("writable")),
              json.getString("client"), json.getString("opId"), Operations.decode(json.getJsonObject("op")));
        } catch (InvalidOperation e) {
          // The sending node decoded it with the same checks: only a node of another version gets here.
          throw new IllegalArgumentException("an operation from another node does not decode: " + e.getMessage(), e);
        }
      }
      case "presence" -> new RoomCommand.Presence(board, json.getString("connection"), json.getString("editing"));
      case "cursor" -> new RoomCommand.Cursor(board, json.getString("connection"), json.getDouble("x"), json.getDouble("y"));
      case "withdraw" -> new RoomCommand.Withdraw(board, UUID.fromString(json.getString("account")), json.getBoolean("accountGone"));
      case "scrub" -> new RoomCommand.Scrub(board, UUID.fromString(json.getString("account")));
      case "reload" -> new RoomCommand.Reload(board);
      default -> throw new IllegalArgumentException("unknown room command " + json.getString("t"));
    };
  }

  private static JsonObject member(RoomMember member) {
    if (!(member instanceof RemoteMember m)) {
      throw new IllegalStateException("only a member's cluster handle crosses nodes, never the connection itself");
    }
    return new JsonObject().put("join", m.joinId()).put("node", m.node()).put("replyTo", m.replyTo())
        .put("connection", m.connectionId()).put("account", m.accountId().toString()).put("name", m.name())
        .put("role", m.role().wireName());
  }

  private static RemoteMember member(JsonObject json) {
    return new RemoteMember(json.getString("join"), json.getString("node"), json.getString("replyTo"),
        json.getString("connection"), UUID.fromString(json.getString("account")), json.getString("name"), role(json.getString("role")));
  }

  private static Role role(String wireName) {
    return Role.parse(wireName).orElseThrow(() -> new IllegalArgumentException("unknown role " + wireName));
  }
}
