package org.circle.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.UUID;
import org.circle.community.Role;
import org.circle.protocol.Colour;
import org.circle.protocol.Operation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What one node sends another about a board arrives as it was sent, whatever language its words are in. */
class RoomWireTest {
  private static final UUID BOARD = UUID.randomUUID();
  private static final RemoteMember MEMBER = new RemoteMember("join-1", "node-a", "circle.board.frames.node-a.0",
      "conn-1", UUID.randomUUID(), "Zoë Ó Dálaigh", Role.FACILITATOR);

  @Test
  @DisplayName("A card written in any script, with emoji, crosses to the board's owner unchanged, with who wrote it and their join")
  void operationCrossesUnchanged() {
    String text = "Ich hatte Zweifel — شك 不确定 🙂👍🏽 \"quoted\" \\ back\nslash";
    Actor actor = new Actor(MEMBER.accountId(), MEMBER.name(), Role.FACILITATOR, true);
    RoomCommand.Apply sent = new RoomCommand.Apply(BOARD, MEMBER, actor, "client-1", "op-7",
        new Operation.CreateCard("card-1", text, Colour.BLUE, null, "V"));

    RoomCommand.Apply got = assertInstanceOf(RoomCommand.Apply.class, crossed(sent));

    assertEquals(sent.op(), got.op());
    assertEquals(actor, got.actor());
    assertEquals(List.of("client-1", "op-7", BOARD), List.of(got.clientId(), got.opId(), got.boardId()));
    RemoteMember member = assertInstanceOf(RemoteMember.class, got.member());
    assertEquals(List.of("join-1", "node-a", "circle.board.frames.node-a.0", "conn-1", MEMBER.accountId(), "Zoë Ó Dálaigh", Role.FACILITATOR),
        List.of(member.joinId(), member.node(), member.replyTo(), member.connectionId(), member.accountId(), member.name(), member.role()));
  }

  @Test
  @DisplayName("Joins, leaves, presence, cursors, withdrawals and reloads cross with every field")
  void everyCommandCrosses() {
    UUID account = UUID.randomUUID();
    RoomCommand.Join join = (RoomCommand.Join) crossed(new RoomCommand.Join(BOARD, MEMBER, "client-2", 41L));
    assertEquals(List.of("client-2", 41L, "join-1"), List.of(join.clientId(), join.since(), ((RemoteMember) join.member()).joinId()));
    assertEquals("join-1", ((RemoteMember) ((RoomCommand.Leave) crossed(new RoomCommand.Leave(BOARD, MEMBER))).member()).joinId());
    assertEquals(new RoomCommand.Presence(BOARD, "conn-1", "card-9"), crossed(new RoomCommand.Presence(BOARD, "conn-1", "card-9")));
    assertEquals(new RoomCommand.Cursor(BOARD, "conn-1", 0.25, 0.75), crossed(new RoomCommand.Cursor(BOARD, "conn-1", 0.25, 0.75)));
    assertEquals(new RoomCommand.Withdraw(BOARD, account, true), crossed(new RoomCommand.Withdraw(BOARD, account, true)));
    assertEquals(new RoomCommand.Scrub(BOARD, account), crossed(new RoomCommand.Scrub(BOARD, account)));
    assertEquals(new RoomCommand.Reload(BOARD), crossed(new RoomCommand.Reload(BOARD)));
  }

  @Test
  @DisplayName("A member's open connection never crosses: only its cluster handle does")
  void connectionsStayOnTheirNode() {
    RoomMember local = new FakeMember(UUID.randomUUID(), "Local", Role.PARTICIPANT);
    assertThrows(IllegalStateException.class, () -> crossed(new RoomCommand.Leave(BOARD, local)));
  }

  /** Encoded after other bytes, as the clustered event bus places a body within its message. */
  private static RoomCommand crossed(RoomCommand command) {
    RoomWire wire = new RoomWire();
    Buffer buffer = Buffer.buffer().appendString("header");
    wire.encodeToWire(buffer, command);
    return wire.decodeFromWire("header".length(), buffer);
  }
}
