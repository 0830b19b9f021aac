package org.circle.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The owner's frames for members on other nodes: one message per node and turn, each member's frames in order. */
class RemoteFramesTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  /** What each address was sent, message by message. */
  private final Map<String, List<String>> sent = new ConcurrentHashMap<>();

  /** Runs {@code turn} as one task on a context, then waits until the batches it made have gone. */
  private void inOneTurn(java.util.function.Consumer<RemoteFrames> turn) throws Exception {
    Context context = vertx.getOrCreateContext();
    RemoteFrames frames = new RemoteFrames(context, (address, batch) -> sent.computeIfAbsent(address, a -> new CopyOnWriteArrayList<>()).add(batch));
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      turn.accept(frames);
      // Runs after the flush the first frame scheduled.
      context.runOnContext(w -> done.complete(null));
    });
    done.get(10, TimeUnit.SECONDS);
  }

  private static List<String> read(String batch) {
    List<String> out = new ArrayList<>();
    RemoteFrames.read(batch, (kind, joinId, payload) -> out.add(kind + " " + joinId + " " + payload));
    return out;
  }

  @Test
  @DisplayName("A broadcast to three people on another node crosses once, and each of them gets it")
  void aBroadcastCrossesOnce() throws Exception {
    String event = "{\"type\":\"event\",\"seq\":7,\"text\":\"line one\\nline two, with a comma\"}";
    inOneTurn(frames -> {
      for (String join : List.of("j1", "j2", "j3")) frames.send("node-b", RemoteMember.FRAME, join, event);
    });
    assertEquals(1, sent.get("node-b").size(), "one message for the node");
    String batch = sent.get("node-b").get(0);
    assertEquals(batch.indexOf(event), batch.lastIndexOf(event), "the frame's text crosses once");
    assertEquals(List.of("f j1 " + event, "f j2 " + event, "f j3 " + event), read(batch));
  }

  @Test
  @DisplayName("Frames for two nodes go in one message each, and each person's frames keep their order")
  void eachMembersFramesKeepTheirOrder() throws Exception {
    inOneTurn(frames -> {
      frames.send("node-b", RemoteMember.WELCOME, "j1", "welcome 1");
      frames.send("node-c", RemoteMember.FRAME, "j9", "x");
      frames.send("node-b", RemoteMember.FRAME, "j2", "ack 2");
      frames.send("node-b", RemoteMember.FRAME, "j1", "x");
      frames.send("node-b", RemoteMember.FRAME, "j2", "x");
      frames.send("node-b", RemoteMember.CLOSE, "j1", "4001 resync");
    });
    assertEquals(1, sent.get("node-b").size());
    assertEquals(1, sent.get("node-c").size());
    assertEquals(List.of("w j1 welcome 1", "f j2 ack 2", "f j1 x", "f j2 x", "c j1 4001 resync"), read(sent.get("node-b").get(0)));
    assertEquals(List.of("f j9 x"), read(sent.get("node-c").get(0)));
  }

  @Test
  @DisplayName("Frames sent in a later turn travel in a later message")
  void aLaterTurnIsALaterMessage() throws Exception {
    inOneTurn(frames -> frames.send("node-b", RemoteMember.FRAME, "j1", "first"));
    inOneTurn(frames -> frames.send("node-b", RemoteMember.FRAME, "j1", "second"));
    assertEquals(List.of("f j1 first"), read(sent.get("node-b").get(0)));
    assertEquals(List.of("f j1 second"), read(sent.get("node-b").get(1)));
  }

  @Test
  @DisplayName("A damaged batch yields the frames before the damage and nothing made up")
  void aDamagedBatchStopsWhereItBreaks() {
    assertEquals(List.of("f j1 ok"), read("fj1\n2\nokfj2\n99\nshort"));
    assertEquals(List.of(), read("fj1\nnot a number\nx"));
    assertEquals(List.of(), read("garbage"));
  }
}
