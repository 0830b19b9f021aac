package org.circle.board;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands what a shard's rooms send to the connections, confined to the shard's context. Each
 * connection must be called on its own context ({@link RoomMember#context()}); instead of one
 * event-bus message per frame, everything the shard sends in one turn goes out as one task per
 * context. On a big board that cut the server's fan-out work to a fraction: one event-bus
 * delivery per recipient was 62% of its CPU samples (docs/benchmarks.md). Connections of one event
 * loop share one context (their endpoint's), so that is one task per event loop.
 *
 * <p>Each connection receives its frames in the order the rooms sent them: a member is always
 * called from this shard's thread and always through its context's queue (or, without a context,
 * directly), and tasks on one context run in the order submitted. Only public Vert.x APIs.
 */
public final class Outbox {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);
  private final Map<Context, List<Runnable>> pending = new IdentityHashMap<>();
  private boolean scheduled;

  public void send(RoomMember to, String frame) {
    deliver(to, () -> to.send(frame));
  }

  public void welcome(RoomMember to, String frame) {
    deliver(to, () -> to.welcome(frame));
  }

  public void close(RoomMember to, short code, String reason) {
    deliver(to, () -> to.close(code, reason));
  }

  private void deliver(RoomMember to, Runnable action) {
    Context target = to.context();
    if (target == null) {
      run(action);
      return;
    }
    pending.computeIfAbsent(target, k -> new ArrayList<>()).add(action);
    if (scheduled) return;
    scheduled = true;
    // Runs after the rest of this turn's work, so the whole turn goes out together.
    Context here = Vertx.currentContext();
    if (here != null) here.runOnContext(v -> flush());
    else flush();
  }

  /** One connection's failure must not cost the others on its event loop their frames. */
  private static void run(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      log.warn("A frame could not be handed to its connection", e);
    }
  }

  private void flush() {
    scheduled = false;
    pending.forEach((context, actions) -> context.runOnContext(v -> actions.forEach(Outbox::run)));
    pending.clear();
  }
}
