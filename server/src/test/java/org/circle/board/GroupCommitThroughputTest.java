package org.circle.board;

import org.circle.protocol.Colour;
import org.circle.protocol.Operation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.circle.community.Role;
import org.circle.config.DatabaseSettings;
import org.circle.db.Database;
import org.circle.db.Migrations;
import org.circle.support.People;
import org.circle.support.TestAccounts;
import org.circle.support.TestDatabases;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The durable path alone (rooms, group commit, PostgreSQL with fsync on), without sockets:
 * 100 boards, each sent a burst of operations through the room shards, as the server runs them.
 */
class GroupCommitThroughputTest {
  static final int BOARDS = 100;
  static final int OPS_PER_BOARD = 100;

  /** A member that only counts what it is sent. */
  static final class CountingMember implements RoomMember {
    final String id = UUID.randomUUID().toString();
    final UUID account;
    final CountDownLatch acks;
    final AtomicInteger others = new AtomicInteger();
    final CountDownLatch welcomed = new CountDownLatch(1);

    CountingMember(UUID account, CountDownLatch acks) {
      this.account = account;
      this.acks = acks;
    }

    @Override public String connectionId() { return id; }
    @Override public UUID accountId() { return account; }
    @Override public String name() { return "Member"; }
    @Override public Role role() { return Role.PARTICIPANT; }
    @Override public void welcome(String frame) { welcomed.countDown(); }
    @Override public void close(short code, String reason) { }

    @Override
    public void send(String frame) {
      if (frame.contains("\"type\":\"ack\"")) acks.countDown();
      else if (!frame.contains("\"type\":\"presence\"")) others.incrementAndGet();
    }
  }

  @Test
  @DisplayName("10,000 operations over 100 boards are made durable and acknowledged in order, in batches")
  void hundredBoards() throws Exception {
    DatabaseSettings db = TestDatabases.fresh();
    Migrations.apply(db, Migrations.DEFAULT_LOCATION);
    People people = new People(db);
    UUID community = people.community("sessions");
    TestAccounts.Person ada = TestAccounts.person(db, "Ada");
    people.member(community, ada, "participant");
    List<UUID> boards = new ArrayList<>();
    for (int b = 0; b < BOARDS; b++) boards.add(people.board(community, false, 5));
    Vertx vertx = Vertx.vertx();
    Pool pool = Database.pool(vertx, db, 16);
    try {
      int shards = 2;
      BoardRooms.deploy(vertx, shards, new BoardLog(pool)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      CountDownLatch acks = new CountDownLatch(BOARDS * OPS_PER_BOARD);
      List<CountingMember> members = new ArrayList<>();
      for (UUID board : boards) {
        CountingMember m = new CountingMember(ada.id(), acks);
        members.add(m);
        vertx.eventBus().send(BoardRooms.address(board, shards), new RoomCommand.Join(board, m, "c-" + board, null), LocalCodec.DELIVERY);
      }
      for (CountingMember m : members) assertTrue(m.welcomed.await(10, TimeUnit.SECONDS));
      Actor actor = new Actor(ada.id(), "Ada", Role.PARTICIPANT, true);
      for (int i = 0; i < OPS_PER_BOARD; i++) {
        for (int b = 0; b < BOARDS; b++) {
          UUID board = boards.get(b);
          Operation op = i % 4 == 0 ? new Operation.CreateCard("c" + i, "card " + i, Colour.YELLOW, null, "V")
              : new Operation.EditText("c" + (i - i % 4), "edit " + i);
          vertx.eventBus().send(BoardRooms.address(board, shards),
              new RoomCommand.Apply(board, members.get(b), actor, "c-" + board, "op-" + i, op), LocalCodec.DELIVERY);
        }
      }
      // A bound only on how long a failure takes to show; how fast this goes is the load tool's business.
      assertTrue(acks.await(5, TimeUnit.MINUTES), "all acknowledged");
      long stored = people.count("SELECT count(*) FROM board_event");
      assertEquals((long) BOARDS * OPS_PER_BOARD, stored, "every acknowledged operation is stored once");
      for (UUID board : boards) {
        assertEquals(OPS_PER_BOARD, people.count("SELECT count(*) FROM board_event WHERE board_id = ? AND seq = substr(op_id, 4)::int + 1", board),
            "each board's operations are stored in the order they were sent, seq 1 to " + OPS_PER_BOARD + " without gaps");
      }
      long transactions = people.count("SELECT count(*) FROM (SELECT DISTINCT board_id, created_at FROM board_event) t");
      assertTrue(transactions < stored, "operations waiting together are committed together: " + transactions + " transactions for " + stored);
    } finally {
      pool.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
