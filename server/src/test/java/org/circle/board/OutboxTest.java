package org.circle.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.circle.community.Role;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The shard's outbox alone: who is called, on which thread, in which order. */
class OutboxTest {

  /** A member bound to a context that records each frame with the thread it arrived on. */
  static final class ThreadedMember implements RoomMember {
    final Context context;
    final List<String> frames = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    volatile String ownThread;

    ThreadedMember(Context context) {
      this.context = context;
    }

    @Override public String connectionId() { return "c-" + System.identityHashCode(this); }
    @Override public UUID accountId() { return UUID.randomUUID(); }
    @Override public String name() { return "Member"; }
    @Override public Role role() { return Role.PARTICIPANT; }
    @Override public Context context() { return context; }
    @Override public void welcome(String frame) { send(frame); }
    @Override public void close(short code, String reason) { send("closed " + code); }

    @Override
    public void send(String frame) {
      frames.add(frame);
      threads.add(Thread.currentThread().getName());
    }
  }

  @Test
  @DisplayName("Frames a shard sends in one turn reach each member in order, on the member's own event loop")
  void framesArriveInOrderOnTheMembersLoop() throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(3));
    try {
      Context shard = vertx.getOrCreateContext();
      ThreadedMember far = new ThreadedMember(vertx.getOrCreateContext());
      ThreadedMember other = new ThreadedMember(vertx.getOrCreateContext());
      for (ThreadedMember m : List.of(far, other)) {
        CompletableFuture<String> thread = new CompletableFuture<>();
        m.context.runOnContext(v -> thread.complete(Thread.currentThread().getName()));
        m.ownThread = thread.get(5, TimeUnit.SECONDS);
      }
      Outbox outbox = new Outbox();
      shard.runOnContext(v -> {
        outbox.welcome(far, "welcome");
        for (int i = 0; i < 1_000; i++) {
          outbox.send(far, "far " + i);
          outbox.send(other, "other " + i);
        }
        outbox.close(far, (short) 4001, "resync");
      });
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(1)).pollInterval(java.time.Duration.ofMillis(10))
          .until(() -> far.frames.size() >= 1_002 && other.frames.size() >= 1_000);

      assertEquals("welcome", far.frames.get(0));
      assertEquals(IntStream.range(0, 1_000).mapToObj(i -> "far " + i).toList(), far.frames.subList(1, 1_001));
      assertEquals("closed 4001", far.frames.get(1_001));
      assertEquals(IntStream.range(0, 1_000).mapToObj(i -> "other " + i).toList(), other.frames);
      assertTrue(far.threads.stream().allMatch(far.ownThread::equals), "every call on the member's own event loop");
      assertTrue(other.threads.stream().allMatch(other.ownThread::equals));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
