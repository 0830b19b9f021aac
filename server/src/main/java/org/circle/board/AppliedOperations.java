package org.circle.board;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.circle.protocol.Operation;

/**
 * A room's memory of what was applied: the last events of the board (what a resuming client
 * missed) and, for every client here now, which of its operation ids are applied at which
 * sequence number, so a re-sent operation is acknowledged again instead of applied twice.
 */
final class AppliedOperations {
  record ClientKey(UUID account, String client) {}

  record OpKey(ClientKey client, String opId) {
    static OpKey of(BoardEvent e) {
      return new OpKey(new ClientKey(e.authorId(), e.clientId()), e.opId());
    }
  }

  private final int retained;
  private final ArrayDeque<BoardEvent> recent = new ArrayDeque<>();
  /** The operation ids of the retained events, whoever is here: covers a client whose join raced a commit. */
  private final Map<OpKey, Long> recentOps = new HashMap<>();
  /**
   * Applied operations of the clients here now, as the log had them when each joined. Operations
   * committed since are in {@link #recentOps}: a client re-sends only after it rejoins, and a
   * rejoin reloads this. (Adding every commit here grew it by every operation of every connected
   * client for as long as they stayed.)
   */
  private final Map<ClientKey, Map<String, Long>> done = new HashMap<>();
  private final Map<String, ClientKey> clientOf = new HashMap<>();

  AppliedOperations(int retained, List<BoardEvent> loaded) {
    this.retained = retained;
    loaded.forEach(this::remember);
  }

  void remember(BoardEvent e) {
    recent.addLast(e);
    recentOps.put(OpKey.of(e), e.seq());
    while (recent.size() > retained) recentOps.remove(OpKey.of(recent.removeFirst()));
  }

  /** The sequence number an operation was applied at, or null if it is not known to be applied. */
  Long seqOf(OpKey key) {
    Long seq = done.getOrDefault(key.client(), Map.of()).get(key.opId());
    return seq != null ? seq : recentOps.get(key);
  }

  void joined(String connectionId, ClientKey client, Map<String, Long> applied) {
    Map<String, Long> known = done.computeIfAbsent(client, k -> new HashMap<>());
    applied.forEach(known::putIfAbsent);
    clientOf.put(connectionId, client);
  }

  void left(String connectionId) {
    ClientKey client = clientOf.remove(connectionId);
    // Forget a client's operation ids once its last connection leaves; a rejoin reloads them.
    if (client != null && !clientOf.containsValue(client)) done.remove(client);
  }

  /** The retained events after {@code since}, or null when some of them are no longer retained. */
  List<BoardEvent> after(long since, long committedSeq) {
    long oldest = recent.isEmpty() ? committedSeq + 1 : recent.peekFirst().seq();
    if (since > committedSeq || since < oldest - 1) return null;
    List<BoardEvent> missed = new ArrayList<>();
    for (BoardEvent e : recent) if (e.seq() > since) missed.add(e);
    return missed;
  }

  /** Replaces a withdrawn person's words and name in the retained events, as the log now has them. */
  void scrub(UUID accountId, String text, String name) {
    List<BoardEvent> kept = new ArrayList<>(recent);
    recent.clear();
    for (BoardEvent e : kept) {
      recent.addLast(e.authorId().equals(accountId)
          ? new BoardEvent(e.seq(), withoutWords(e.op(), text), e.authorId(), name, e.clientId(), e.opId())
          : e);
    }
  }

  static Operation withoutWords(Operation op, String text) {
    if (op instanceof Operation.CreateCard c) return new Operation.CreateCard(c.card(), text, c.colour(), c.group(), c.position());
    if (op instanceof Operation.EditText e) return new Operation.EditText(e.card(), text);
    if (op instanceof Operation.AddComment a) return new Operation.AddComment(a.comment(), a.card(), text);
    if (op instanceof Operation.CreateGroup g) return new Operation.CreateGroup(g.group(), text, g.position());
    if (op instanceof Operation.RenameGroup r) return new Operation.RenameGroup(r.group(), text);
    return op;
  }
}
