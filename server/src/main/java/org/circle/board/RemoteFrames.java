package org.circle.board;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The owner's frames for members on other nodes, batched: everything a shard sends to one
 * forwarding shard during one turn of its event loop travels as one clustered event-bus message,
 * sent when the turn ends, as the {@link Outbox} batches local frames per event loop. A broadcast
 * reaches a node once however many of its people are in the room: a frame sent to several members
 * in a row, the same text each time, is written once with all their join ids.
 *
 * <p>The message is a run of records, each {@code <kind><join id>[,<join id>...]\n<length>\n<frame>},
 * in the order sent, so each member's frames keep their order. Confined to the shard's context.
 */
final class RemoteFrames {
  /** Where a batch goes: the forwarding shard's frames address. */
  interface Sender {
    void send(String address, String batch);
  }

  /** One frame of a batch, for the member of one join. */
  interface Reader {
    void frame(char kind, String joinId, String payload);
  }

  /** One record: a frame and the joins it goes to. */
  private static final class Record {
    final char kind;
    final StringBuilder joinIds;
    final String payload;

    Record(char kind, String joinId, String payload) {
      this.kind = kind;
      this.joinIds = new StringBuilder(joinId);
      this.payload = payload;
    }
  }

  private final Context context;
  private final Sender sender;
  /** The records waiting for the end of this turn, by the address they go to. */
  private final Map<String, List<Record>> pending = new HashMap<>();

  RemoteFrames(Context context, Sender sender) {
    this.context = context;
    this.sender = sender;
  }

  void send(String address, char kind, String joinId, String payload) {
    if (pending.isEmpty()) context.runOnContext(v -> flush());
    List<Record> records = pending.computeIfAbsent(address, a -> new ArrayList<>());
    Record last = records.isEmpty() ? null : records.get(records.size() - 1);
    if (last != null && last.kind == kind && last.payload.equals(payload)) {
      last.joinIds.append(',').append(joinId);
    } else {
      records.add(new Record(kind, joinId, payload));
    }
  }

  private void flush() {
    List<Map.Entry<String, List<Record>>> ready = new ArrayList<>(pending.entrySet());
    pending.clear();
    for (Map.Entry<String, List<Record>> e : ready) {
      StringBuilder batch = new StringBuilder();
      for (Record r : e.getValue()) {
        batch.append(r.kind).append(r.joinIds).append('\n').append(r.payload.length()).append('\n').append(r.payload);
      }
      sender.send(e.getKey(), batch.toString());
    }
  }

  /** Hands each frame of a batch to {@code each}, in order; a malformed batch ends where it stops making sense. */
  static void read(String batch, Reader each) {
    int at = 0;
    while (at < batch.length()) {
      int idsEnd = batch.indexOf('\n', at);
      int lengthEnd = idsEnd < 0 ? -1 : batch.indexOf('\n', idsEnd + 1);
      if (idsEnd <= at + 1 || lengthEnd < 0) return;
      int length;
      try {
        length = Integer.parseInt(batch, idsEnd + 1, lengthEnd, 10);
      } catch (NumberFormatException e) {
        return;
      }
      int end = lengthEnd + 1 + length;
      if (length < 0 || end > batch.length()) return;
      char kind = batch.charAt(at);
      String payload = batch.substring(lengthEnd + 1, end);
      for (String joinId : batch.substring(at + 1, idsEnd).split(",")) each.frame(kind, joinId, payload);
      at = end;
    }
  }
}
