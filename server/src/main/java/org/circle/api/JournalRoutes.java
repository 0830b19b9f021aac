package org.circle.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.circle.http.Operation;
import org.circle.input.Schema;
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
  static final Operation.Tag TAG = new Operation.Tag("journal", "A private journal per member, readable by its author alone.");
  private static final Operation.Parameter ENTRY = Operation.Parameter.path("entryId", Schema.uuid(), "One of my journal entries");
  private static final Schema.Obj TEXT = Schema.object().required("text", Schema.text(1, Journal.MAX_TEXT)).named("JournalText");
  private final Journal journal;

  public JournalRoutes(Journal journal) {
    this.journal = journal;
  }

  public void register(Api api) {
    String base = "/communities/:communityId/journal";
    api.get(base).id("listMyJournal").tag(TAG).summary("My private journal in this community (only ever the caller's own entries)")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY)
        .answers(200, "My entries, newest first", Schema.list(Journal.ENTRY))
        .handle(call -> journal.mine(call.communityId(), call.principal().accountId()).map(Reply::ok));
    api.post(base).id("writeJournalEntry").tag(TAG).summary("Write a journal entry, readable by its author alone")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY)
        .body(TEXT, new JsonObject().put("text", "What I noticed today"))
        .answers(201, "The entry", Journal.ENTRY)
        .handle(call -> journal.write(call.communityId(), call.principal().accountId(), call.body().string("text")).map(Reply::created));
    api.get(base + "/:entryId").id("readJournalEntry").tag(TAG).summary("Read one of my journal entries; anyone else's answers as missing")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY).param(ENTRY)
        .answers(200, "The entry", Journal.ENTRY)
        .handle(call -> journal.read(call.communityId(), entry(call), call.principal().accountId()).map(Reply::ok));
    api.put(base + "/:entryId").id("editJournalEntry").tag(TAG).summary("Edit one of my journal entries")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY).param(ENTRY)
        .body(TEXT, new JsonObject().put("text", "What I noticed today, on reflection"))
        .answers(200, "The entry", Journal.ENTRY)
        .handle(call -> journal.edit(call.communityId(), entry(call), call.principal().accountId(), call.body().string("text"))
            .map(Reply::ok));
    api.delete(base + "/:entryId").id("eraseJournalEntry").tag(TAG).summary("Erase one of my journal entries")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY).param(ENTRY)
        .answersEmpty(204, "Erased")
        .handle(this::erase);
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
}
