package org.circle.session;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.circle.input.Schema;

/**
 * What one member receives of a session: the {@code session} message of docs/protocol.md. The
 * per-person parts are {@code you}, and the dot vote, which shows a person only their own dots
 * while it is open and everyone's totals once it has closed. It carries ids of cards, never what
 * they say: a card's text reaches a person only through the board's own per-recipient view.
 */
public final class SessionView {
  private SessionView() {}

  static final Schema.Obj PERSON = Schema.object().required("id", Schema.uuid()).required("name", Schema.anyText()).named("SessionPerson");
  static final Schema.Obj SEGMENT = Schema.object().required("id", Schema.uuid()).required("template", Schema.anyText())
      .required("title", Schema.anyText()).required("prompt", Schema.anyText()).required("minutes", Schema.whole(1, 240))
      .required("board", Schema.uuid().describe("the segment's own board")).named("Segment");
  static final Schema.Obj TIMER = Schema.object()
      .required("state", Schema.oneOf("idle", "running", "paused"))
      .required("remainingMs", Schema.whole(0, Timer.MAX_MS))
      .optional("durationMs", Schema.whole(0, Timer.MAX_MS))
      .optional("endsAt", Schema.whole().describe("running: when it ends, on the server's clock (ms since the epoch)"))
      .named("SessionTimer");
  static final Schema.Obj CARD_DOTS = Schema.object().required("card", Schema.anyText()).required("dots", Schema.whole(1, 100_000))
      .named("CardDots");
  public static final Schema.Obj VOTE = Schema.object().required("id", Schema.uuid()).required("segment", Schema.uuid())
      .required("board", Schema.uuid().orNull()).required("budget", Schema.whole(1, SessionStore.MAX_DOT_BUDGET))
      .required("open", Schema.bool())
      .required("myDots", Schema.list(CARD_DOTS).describe("the recipient's own dots, nobody else's"))
      .required("used", Schema.whole(0, SessionStore.MAX_DOT_BUDGET))
      .optional("totals", Schema.list(CARD_DOTS).describe("everyone's dots per card, once the vote has closed"))
      .named("DotVote");
  static final Schema.Obj SPOTLIGHT = Schema.object().required("board", Schema.uuid()).required("card", Schema.anyText()).named("Spotlight");
  static final Schema.Obj YOU = Schema.object().required("id", Schema.uuid()).required("role", Schema.oneOf("participant", "facilitator"))
      .required("leading", Schema.bool()).required("handRaised", Schema.bool()).named("SessionYou");
  /** The session as one member sees it; docs/protocol.md, "Sessions". */
  public static final Schema.Obj SCHEMA = Schema.object()
      .required("id", Schema.uuid()).required("community", Schema.uuid()).required("title", Schema.anyText())
      .required("startsAt", Schema.dateTime()).required("durationMinutes", Schema.whole(NewSession.MIN_MINUTES, NewSession.MAX_MINUTES))
      .required("callLink", Schema.uri().orNull()).required("state", Schema.oneOf("planned", "live", "ended"))
      .required("version", Schema.whole(1, Long.MAX_VALUE)).required("serverTime", Schema.whole())
      .required("lead", PERSON.orNull()).required("agenda", Schema.list(SEGMENT)).required("current", Schema.uuid().orNull())
      .required("timer", TIMER).required("hands", Schema.list(PERSON)).required("speaker", PERSON.orNull())
      .required("spotlight", SPOTLIGHT.orNull()).required("vote", VOTE.orNull())
      .required("experiments", Schema.list(Experiments.SCHEMA).describe("open experiments due back by this session, until their outcome is recorded"))
      .required("you", YOU)
      .named("FacilitatedSession");

  /** The latest dot vote of a session, as one person may see it; {@code totals} only once closed. */
  record Vote(UUID id, UUID segment, int budget, boolean open, RowSet<Row> myDots, Optional<RowSet<Row>> totals) {}

  static JsonObject render(SessionInfo s, String leadName, String speakerName, List<Segment> agenda, RowSet<Row> hands,
                           Optional<Vote> vote, JsonArray experiments, SessionStore.Actor me, long now) {
    JsonArray segments = new JsonArray();
    agenda.forEach(g -> segments.add(g.toJson()));
    Optional<Segment> current = s.currentSegment().flatMap(c -> agenda.stream().filter(g -> g.id().equals(c)).findFirst());
    JsonArray queue = new JsonArray();
    boolean handRaised = false;
    for (Row h : hands) {
      queue.add(person(h.getUUID(0), h.getString(1)));
      handRaised |= h.getUUID(0).equals(me.accountId());
    }
    boolean leading = s.lead().filter(me.accountId()::equals).isPresent();
    JsonObject json = new JsonObject()
        .put("id", s.id().toString()).put("community", s.community().toString()).put("title", s.title())
        .put("startsAt", s.startsAt().toInstant().toString()).put("durationMinutes", s.durationMinutes())
        .put("callLink", s.callLink().orElse(null)).put("state", s.stage().wireName()).put("version", s.version())
        .put("serverTime", now)
        .put("lead", s.lead().map(id -> person(id, leadName)).orElse(null))
        .put("agenda", segments)
        .put("current", current.map(g -> g.id().toString()).orElse(null))
        .put("timer", s.timer().toJson(now))
        .put("hands", queue)
        .put("speaker", s.speaker().map(id -> person(id, speakerName)).orElse(null))
        .put("spotlight", s.spotlight().flatMap(card -> current.map(g -> new JsonObject().put("board", g.boardId().toString())
            .put("card", card))).orElse(null))
        .put("vote", vote.map(v -> vote(v, agenda)).orElse(null))
        .put("experiments", experiments)
        .put("you", new JsonObject().put("id", me.accountId().toString()).put("role", me.role().wireName())
            .put("leading", leading).put("handRaised", handRaised));
    return json;
  }

  private static JsonObject vote(Vote v, List<Segment> agenda) {
    JsonArray mine = new JsonArray();
    int used = 0;
    for (Row r : v.myDots()) {
      mine.add(new JsonObject().put("card", r.getString(0)).put("dots", r.getInteger(1)));
      used += r.getInteger(1);
    }
    JsonObject json = new JsonObject().put("id", v.id().toString()).put("segment", v.segment().toString())
        .put("board", agenda.stream().filter(g -> g.id().equals(v.segment())).findFirst().map(g -> g.boardId().toString()).orElse(null))
        .put("budget", v.budget()).put("open", v.open()).put("myDots", mine).put("used", used);
    v.totals().ifPresent(rows -> {
      JsonArray totals = new JsonArray();
      for (Row r : rows) totals.add(new JsonObject().put("card", r.getString(0)).put("dots", r.getInteger(1)));
      json.put("totals", totals);
    });
    return json;
  }

  private static JsonObject person(UUID id, String name) {
    return new JsonObject().put("id", id.toString()).put("name", name);
  }
}
