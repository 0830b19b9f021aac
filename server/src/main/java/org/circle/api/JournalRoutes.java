package org.circle.api;

import io.vertx.core.Future;
import java.util.Set;
import org.circle.http.Api;
import org.circle.http.Call;
import org.circle.http.Policy;
import org.circle.http.Reply;
import org.circle.journal.Journal;

/**
 * A member's private journal. Each route acts on the caller's own entries only: an entry of
 * someone else answers exactly as a missing one (404), for a facilitator too. Sharing an excerpt
 * to a board is done by the author's own browser, as an ordinary card on the board's socket.
 */
public final class JournalRoutes {
  private final Journal journal;

  public JournalRoutes(Journal journal) {
    this.journal = journal;
  }

  public void register(Api api) {
    String base = "/communities/:communityId/journal";
    api.get(base, Policy.IN_THE_ROOM, call -> journal.mine(call.communityId(), call.principal().accountId()).map(Reply::ok));
    api.post(base, Policy.IN_THE_ROOM, call -> journal.write(call.communityId(), call.principal().accountId(), text(call))
        .map(Reply::created));
    api.get(base + "/:entryId", Policy.IN_THE_ROOM, call -> journal.read(call.communityId(), entry(call), call.principal().accountId())
        .map(Reply::ok));
    api.put(base + "/:entryId", Policy.IN_THE_ROOM, call -> journal.edit(call.communityId(), entry(call),
        call.principal().accountId(), text(call)).map(Reply::ok));
    api.delete(base + "/:entryId", Policy.IN_THE_ROOM, this::erase);
  }

  private Future<Reply> erase(Call call) {
    return journal.erase(call.communityId(), entry(call), call.principal().accountId()).map(v -> Reply.noContent());
  }

  private static java.util.UUID entry(Call call) {
    try {
      return java.util.UUID.fromString(call.param("entryId"));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw Journal.notFound();
    }
  }

  private static String text(Call call) {
    return call.body(Set.of("text")).string("text", 1, Journal.MAX_TEXT);
  }
}
