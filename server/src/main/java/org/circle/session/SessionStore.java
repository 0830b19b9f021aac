package org.circle.session;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.circle.board.BoardDirectory;
import org.circle.community.Role;
import org.circle.error.Refusal;
import org.circle.groundrules.GroundRulesStore;
import org.circle.input.Schema;
import org.circle.lifecycle.Phase;
import org.circle.lifecycle.Phases;

/**
 * Sessions, their agendas and their live facilitation state, all in PostgreSQL. Every change to a
 * session takes its row lock first and writes the next {@code version}, so changes apply one after
 * the other whoever makes them, and a restart finds the session exactly as it was.
 */
public final class SessionStore {
  public static final int MAX_SEGMENTS = 30;
  public static final int MAX_DOT_BUDGET = 20;
  /** The template of the segment that brings experiments back. */
  static final String BRING_BACK = "bring-back";
  static final int BOARD_VOTE_BUDGET = 5;

  static final String LIST = """
      SELECT id, title, starts_at, duration_minutes, call_link, state, started_at, ended_at,
             (SELECT count(*) FROM session_segment g WHERE g.session_id = s.id AND g.removed_at IS NULL) AS segments
      FROM community_session s WHERE community_id = $1 ORDER BY starts_at, created_at
      """;
  static final String INSERT = """
      INSERT INTO community_session (community_id, title, starts_at, duration_minutes, call_link, created_by)
      VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
      """;
  static final String UPDATE_DETAILS = """
      UPDATE community_session SET title = $2, starts_at = $3, duration_minutes = $4, call_link = $5, version = version + 1
      WHERE id = $1 RETURNING version
      """;
  static final String LOCK = "SELECT " + SessionInfo.COLUMNS + " FROM community_session WHERE id = $1 AND community_id = $2 FOR UPDATE";
  static final String WRITE = """
      UPDATE community_session SET state = $2, lead_id = $3, current_segment = $4, timer_state = $5, timer_ends_at = $6,
        timer_remaining = $7, timer_duration = $8, speaker_id = $9, spotlight_card = $10, version = version + 1,
        started_at = CASE WHEN $2 = 'live' AND started_at IS NULL THEN now() ELSE started_at END,
        ended_at = CASE WHEN $2 = 'ended' AND ended_at IS NULL THEN now() ELSE ended_at END
      WHERE id = $1 RETURNING version
      """;
  static final String BUMP = "UPDATE community_session SET version = version + 1 WHERE id = $1 RETURNING version";
  static final String SEGMENTS = "SELECT " + Segment.COLUMNS
      + " FROM session_segment WHERE session_id = $1 AND removed_at IS NULL ORDER BY position, id";
  static final String INSERT_SEGMENT = """
      INSERT INTO session_segment (session_id, position, template, title, prompt, minutes, board_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
      """;
  static final String REMOVE_SEGMENT = "UPDATE session_segment SET removed_at = now() WHERE id = $1";
  static final String POSITION = "UPDATE session_segment SET position = $2 WHERE id = $1";
  static final String RAISE = "INSERT INTO session_hand (session_id, account_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";
  static final String LOWER = "DELETE FROM session_hand WHERE session_id = $1 AND account_id = $2";
  static final String NEXT_HAND = """
      DELETE FROM session_hand WHERE session_id = $1 AND account_id =
        (SELECT account_id FROM session_hand WHERE session_id = $1 ORDER BY raised_at, account_id LIMIT 1)
      RETURNING account_id
      """;
  static final String CLEAR_HANDS = "DELETE FROM session_hand WHERE session_id = $1";
  // Attendance: who joined is kept only while the session is live (so each person counts once);
  // it waits for a control in progress (FOR SHARE), so nobody is recorded after the session ended.
  static final String JOIN = """
      INSERT INTO session_attendance (session_id, account_id)
      SELECT id, $3 FROM community_session WHERE id = $1 AND community_id = $2 AND state = 'live' FOR SHARE
      ON CONFLICT DO NOTHING
      """;
  // When it ends, only how many took part stays; who did goes.
  static final String COUNT_ATTENDANCE = """
      UPDATE community_session SET took_part = (SELECT count(*) FROM session_attendance WHERE session_id = $1) WHERE id = $1
      """;
  static final String FORGET_ATTENDANCE = "DELETE FROM session_attendance WHERE session_id = $1";
  // A pulse still open when its session ends closes with it, and its results become visible.
  static final String CLOSE_PULSES = "UPDATE pulse SET closed_at = now() WHERE session_id = $1 AND closed_at IS NULL";
  static final String OPEN_VOTE = "INSERT INTO session_dot_vote (session_id, segment_id, budget, opened_by) VALUES ($1, $2, $3, $4)";
  static final String CLOSE_VOTE = "UPDATE session_dot_vote SET closed_at = now() WHERE session_id = $1 AND closed_at IS NULL RETURNING id";
  static final String LOCK_OPEN_VOTE = """
      SELECT v.id, v.budget FROM session_dot_vote v JOIN community_session s ON s.id = v.session_id
      WHERE v.session_id = $1 AND s.community_id = $2 AND v.closed_at IS NULL FOR UPDATE OF v
      """;
  static final String DOTS_ELSEWHERE = """
      SELECT coalesce(sum(dots), 0)::int FROM session_dot WHERE vote_id = $1 AND account_id = $2 AND card_id <> $3
      """;
  static final String SET_DOTS = """
      INSERT INTO session_dot (vote_id, account_id, card_id, dots) VALUES ($1, $2, $3, $4)
      ON CONFLICT (vote_id, account_id, card_id) DO UPDATE SET dots = EXCLUDED.dots
      """;
  static final String REMOVE_DOTS = "DELETE FROM session_dot WHERE vote_id = $1 AND account_id = $2 AND card_id = $3";

  // What a member sees, read in one snapshot of the database.
  static final String SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
  static final String VIEW_SESSION = """
      SELECT s.*, l.display_name AS lead_name, sp.display_name AS speaker_name
      FROM community_session s LEFT JOIN account l ON l.id = s.lead_id LEFT JOIN account sp ON sp.id = s.speaker_id
      WHERE s.id = $1 AND s.community_id = $2
      """;
  static final String VIEW_HANDS = """
      SELECT h.account_id, a.display_name FROM session_hand h JOIN account a ON a.id = h.account_id
      WHERE h.session_id = $1 ORDER BY h.raised_at, h.account_id
      """;
  static final String VIEW_VOTE = """
      SELECT id, segment_id, budget, closed_at FROM session_dot_vote WHERE session_id = $1
      ORDER BY (closed_at IS NULL) DESC, opened_at DESC LIMIT 1
      """;
  static final String MY_DOTS = "SELECT card_id, dots FROM session_dot WHERE vote_id = $1 AND account_id = $2 ORDER BY card_id";
  static final String TOTALS = "SELECT card_id, sum(dots)::int FROM session_dot WHERE vote_id = $1 GROUP BY card_id ORDER BY card_id";

  /** A session in the community's list. */
  public static final Schema.Obj SUMMARY = Schema.object().required("id", Schema.uuid()).required("title", Schema.anyText())
      .required("startsAt", Schema.dateTime()).required("durationMinutes", Schema.whole(NewSession.MIN_MINUTES, NewSession.MAX_MINUTES))
      .required("callLink", Schema.uri().orNull()).required("state", Schema.oneOf("planned", "live", "ended"))
      .required("segments", Schema.whole(0, MAX_SEGMENTS)).required("startedAt", Schema.dateTime().orNull())
      .required("endedAt", Schema.dateTime().orNull()).named("SessionSummary");

  /** Who asks: their account and their role in the session's community. */
  public record Actor(UUID accountId, Role role) {}

  /** Whether a control changed anything, and the session's version after it. */
  public record Outcome(boolean changed, long version) {}

  private final Pool pool;
  private final Phases phases;
  private final GroundRulesStore groundRules;
  private final LongSupplier clock;

  public SessionStore(Pool pool, Phases phases, GroundRulesStore groundRules, LongSupplier clock) {
    this.pool = pool;
    this.phases = phases;
    this.groundRules = groundRules;
    this.clock = clock;
  }

  public Future<Templates> templates() {
    return Templates.load(pool);
  }

  /** Every session of the community, oldest first; the page sorts them into upcoming, live and past. */
  public Future<JsonArray> list(UUID community) {
    return pool.preparedQuery(LIST).execute(Tuple.of(community)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject().put("id", r.getUUID("id").toString()).put("title", r.getString("title"))
            .put("startsAt", r.getOffsetDateTime("starts_at").toInstant().toString())
            .put("durationMinutes", r.getInteger("duration_minutes")).put("callLink", r.getString("call_link"))
            .put("state", r.getString("state")).put("segments", r.getLong("segments"))
            .put("startedAt", r.getOffsetDateTime("started_at") == null ? null : r.getOffsetDateTime("started_at").toInstant().toString())
            .put("endedAt", r.getOffsetDateTime("ended_at") == null ? null : r.getOffsetDateTime("ended_at").toInstant().toString()));
      }
      return out;
    });
  }

  /**
   * Schedules a session with its agenda: the templates the facilitator chose, or else the agenda the
   * ground rules in force name. Each segment gets its own board, anonymous when the rules say so.
   */
  public Future<UUID> create(UUID community, UUID by, NewSession session, Optional<List<String>> agendaKeys) {
    return phases.require(community, Set.of(Phase.SESSIONS)).compose(p -> pool.withTransaction(tx ->
        Future.all(Templates.load(tx), groundRules.inForce(tx, community)).compose(all -> {
          Templates templates = all.resultAt(0);
          Optional<GroundRulesStore.Version> rules = all.resultAt(1);
          List<SegmentTemplate> agenda = agendaKeys.map(keys -> keys.stream().map(k -> templates.byKey(k)
                  .orElseThrow(() -> Refusal.invalid("There is no segment template '" + k + "'."))).toList())
              .orElseGet(() -> templates.defaultAgenda(rules.map(v -> v.rules().agendaTemplate())));
          boolean anonymous = rules.map(v -> "anonymous".equals(v.rules().cardNames())).orElse(false);
          return Experiments.anyDue(tx, community, session.startsAt().toLocalDate()).compose(due -> {
            List<SegmentTemplate> withExperiments = withBringBack(agenda, templates, due);
            return tx.preparedQuery(INSERT).execute(Tuple.of(community, session.title(), session.startsAt(),
                  session.durationMinutes(), session.callLink().orElse(null), by))
              .map(rows -> rows.iterator().next().getUUID(0))
              .compose(id -> insertAgenda(tx, community, id, session.title(), by, withExperiments, anonymous));
          });
        })));
  }

  /** Experiments due back come back by themselves: after the first segment (the check-in), unless already there. */
  private static List<SegmentTemplate> withBringBack(List<SegmentTemplate> agenda, Templates templates, boolean due) {
    Optional<SegmentTemplate> bringBack = templates.byKey(BRING_BACK);
    if (!due || bringBack.isEmpty() || agenda.stream().anyMatch(t -> t.key().equals(BRING_BACK))) return agenda;
    List<SegmentTemplate> out = new ArrayList<>(agenda);
    out.add(Math.min(1, out.size()), bringBack.get());
    return out;
  }

  private Future<UUID> insertAgenda(SqlClient tx, UUID community, UUID id, String title, UUID by, List<SegmentTemplate> agenda,
                                    boolean anonymous) {
                Future<Void> chain = Future.succeededFuture();
                for (int i = 0; i < agenda.size(); i++) {
                  SegmentTemplate t = agenda.get(i);
                  int position = i;
                  chain = chain.compose(v -> insertSegment(tx, community, id, title, by, position, t,
                      t.name(), t.minutes(), anonymous).mapEmpty());
                }
                return chain.map(id);
  }

  private Future<UUID> insertSegment(SqlClient tx, UUID community, UUID session, String sessionTitle, UUID by, int position,
                                     SegmentTemplate template, String title, int minutes, boolean anonymous) {
    String boardTitle = sessionTitle + ": " + title;
    if (boardTitle.length() > NewSession.MAX_TITLE) boardTitle = boardTitle.substring(0, NewSession.MAX_TITLE - 1) + "…";
    return BoardDirectory.create(tx, community, by, new BoardDirectory.NewBoard(boardTitle, template.boardKind(), anonymous, BOARD_VOTE_BUDGET))
        .compose(board -> tx.preparedQuery(INSERT_SEGMENT).execute(Tuple.of(session, position, template.key(), title,
            template.prompt(), minutes, board.id())))
        .map(rows -> rows.iterator().next().getUUID(0));
  }

  /** Changes what was scheduled; not once the session has ended. */
  public Future<Long> update(UUID community, UUID sessionId, Actor actor, NewSession details) {
    return pool.withTransaction(tx -> lock(tx, community, sessionId).compose(s -> {
      requireEditable(s, actor);
      return tx.preparedQuery(UPDATE_DETAILS).execute(Tuple.of(sessionId, details.title(), details.startsAt(),
          details.durationMinutes(), details.callLink().orElse(null)));
    }).map(rows -> rows.iterator().next().getLong(0)));
  }

  /** Adds a segment from a template, after {@code after} (or at the end), with its own new board. */
  public Future<Long> addSegment(UUID community, UUID sessionId, Actor actor, String templateKey, Optional<String> title,
                                 Optional<Integer> minutes, Optional<UUID> after) {
    return pool.withTransaction(tx -> lock(tx, community, sessionId).compose(s -> {
      requireEditable(s, actor);
      return Future.all(Templates.load(tx), segments(tx, sessionId), groundRules.inForce(tx, community)).compose(all -> {
        Templates templates = all.resultAt(0);
        List<Segment> agenda = all.resultAt(1);
        Optional<GroundRulesStore.Version> rules = all.resultAt(2);
        SegmentTemplate template = templates.byKey(templateKey)
            .orElseThrow(() -> Refusal.invalid("There is no segment template '" + templateKey + "'."));
        if (agenda.size() >= MAX_SEGMENTS) throw Refusal.conflict("An agenda has at most " + MAX_SEGMENTS + " segments.");
        int index = after.map(a -> indexOf(agenda, a) + 1).orElse(agenda.size());
        boolean anonymous = rules.map(v -> "anonymous".equals(v.rules().cardNames())).orElse(false);
        return insertSegment(tx, community, sessionId, s.title(), actor.accountId(), agenda.size(), template,
            title.orElse(template.name()), minutes.orElse(template.minutes()), anonymous)
            .compose(id -> {
              List<UUID> order = new ArrayList<>(agenda.stream().map(Segment::id).toList());
              order.add(index, id);
              return renumber(tx, order);
            });
      });
    }).compose(v -> bump(tx, sessionId)));
  }

  /** Takes a segment off the agenda; its board stays. The current segment of a live session cannot go. */
  public Future<Long> removeSegment(UUID community, UUID sessionId, Actor actor, UUID segmentId) {
    return pool.withTransaction(tx -> lock(tx, community, sessionId).compose(s -> {
      requireEditable(s, actor);
      return segments(tx, sessionId).compose(agenda -> {
        indexOf(agenda, segmentId);
        if (s.stage() == Stage.LIVE && s.currentSegment().filter(segmentId::equals).isPresent()) {
          throw Refusal.conflict("This is the segment everyone is on. Move to another segment before removing it.");
        }
        return tx.preparedQuery(REMOVE_SEGMENT).execute(Tuple.of(segmentId)).mapEmpty();
      });
    }).compose(v -> bump(tx, sessionId)));
  }

  /** Puts the agenda in a new order: {@code order} names every segment once. */
  public Future<Long> reorder(UUID community, UUID sessionId, Actor actor, List<UUID> order) {
    return pool.withTransaction(tx -> lock(tx, community, sessionId).compose(s -> {
      requireEditable(s, actor);
      return segments(tx, sessionId).compose(agenda -> {
        if (order.size() != agenda.size() || !Set.copyOf(order).equals(Set.copyOf(agenda.stream().map(Segment::id).toList()))) {
          throw Refusal.invalid("Field 'segments' must list every segment of the agenda once, in the new order.");
        }
        return renumber(tx, order);
      });
    }).compose(v -> bump(tx, sessionId)));
  }

  private static Future<Void> renumber(SqlClient tx, List<UUID> order) {
    List<Tuple> batch = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) batch.add(Tuple.of(order.get(i), i));
    return tx.preparedQuery(POSITION).executeBatch(batch).mapEmpty();
  }

  /** The agenda may change before and during a session (then by whoever leads it), not after. */
  private static void requireEditable(SessionInfo s, Actor actor) {
    if (s.stage() == Stage.ENDED) throw Refusal.conflict("This session has ended; its agenda can no longer change.");
    if (s.stage() == Stage.LIVE) requireLead(s, actor);
  }

  private static void requireLead(SessionInfo s, Actor actor) {
    if (actor.role() != Role.FACILITATOR) throw Refusal.forbidden();
    if (s.lead().filter(actor.accountId()::equals).isEmpty()) {
      throw Refusal.conflict("Another facilitator is leading this session. Take over first to use the controls.");
    }
  }

  private static void requireLive(SessionInfo s) {
    if (s.stage() == Stage.PLANNED) throw Refusal.conflict("This session has not started yet.");
    if (s.stage() == Stage.ENDED) throw Refusal.conflict("This session has ended; its boards can still be read.");
  }

  /**
   * Applies one facilitation control. Only a facilitator of the community may; while a session is
   * live, only the one leading it (another facilitator takes over first). Refusals change nothing.
   */
  public Future<Outcome> control(UUID community, UUID sessionId, Actor actor, Control control) {
    if (actor.role() != Role.FACILITATOR) return Future.failedFuture(Refusal.forbidden());
    Future<Void> phase = control instanceof Control.Start
        ? phases.require(community, Set.of(Phase.SESSIONS)).mapEmpty() : Future.succeededFuture();
    return phase.compose(p -> pool.withTransaction(tx -> lock(tx, community, sessionId)
            .compose(before -> apply(tx, before, actor, control)
                .compose(next -> next.map(s -> write(tx, s).map(v -> new Outcome(true, v)))
                    .orElseGet(() -> Future.succeededFuture(new Outcome(false, before.version())))))))
        .recover(err -> Future.failedFuture(err instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? Refusal.conflict(control instanceof Control.Start
                ? "Another session of this community is live. End it before starting this one."
                : "A dot vote is already open. Close it before opening another.")
            : err));
  }

  /** The session after the control, or empty when it changes nothing (e.g. someone pressed next first). */
  private Future<Optional<SessionInfo>> apply(SqlClient tx, SessionInfo s, Actor actor, Control control) {
    long now = clock.getAsLong();
    if (control instanceof Control.Start) {
      if (s.stage() != Stage.PLANNED) throw Refusal.conflict(s.stage() == Stage.LIVE ? "This session is already live." : "This session has ended.");
      return bringBackIfDue(tx, s, actor).compose(v -> segments(tx, s.id())).map(agenda -> {
        if (agenda.isEmpty()) throw Refusal.conflict("Add at least one segment to the agenda before starting.");
        return Optional.of(s.withStage(Stage.LIVE).withLead(Optional.of(actor.accountId())).at(Optional.of(agenda.get(0).id())));
      });
    }
    requireLive(s);
    if (control instanceof Control.TakeOver) {
      return done(s.lead().filter(actor.accountId()::equals).isPresent() ? null : s.withLead(Optional.of(actor.accountId())));
    }
    requireLead(s, actor);
    if (control instanceof Control.End) {
      return tx.preparedQuery(CLOSE_VOTE).execute(Tuple.of(s.id()))
          .compose(v -> tx.preparedQuery(CLEAR_HANDS).execute(Tuple.of(s.id())))
          .compose(v -> tx.preparedQuery(CLOSE_PULSES).execute(Tuple.of(s.id())))
          .compose(v -> tx.preparedQuery(COUNT_ATTENDANCE).execute(Tuple.of(s.id())))
          .compose(v -> tx.preparedQuery(FORGET_ATTENDANCE).execute(Tuple.of(s.id())))
          .map(v -> Optional.of(s.withStage(Stage.ENDED).withTimer(Timer.IDLE).withSpeaker(Optional.empty()).withSpotlight(Optional.empty())));
    }
    if (control instanceof Control.Step step) {
      if (step.from().isPresent() && !step.from().equals(s.currentSegment())) return done(null);
      return segments(tx, s.id()).map(agenda -> {
        int at = s.currentSegment().map(c -> agenda.stream().map(Segment::id).toList().indexOf(c)).orElse(-1);
        int to = at + step.direction();
        if (to < 0) throw Refusal.conflict("This is already the first segment.");
        if (to >= agenda.size()) throw Refusal.conflict("This is already the last segment. End the session when you are ready.");
        return Optional.of(s.at(Optional.of(agenda.get(to).id())));
      });
    }
    if (control instanceof Control.Jump jump) {
      return segments(tx, s.id()).map(agenda -> {
        indexOf(agenda, jump.segment());
        return s.currentSegment().filter(jump.segment()::equals).isPresent() ? Optional.empty() : Optional.of(s.at(Optional.of(jump.segment())));
      });
    }
    if (control instanceof Control.TimerStart start) {
      return segments(tx, s.id()).map(agenda -> {
        long ms = start.seconds().map(sec -> sec * 1000L).orElseGet(() -> current(agenda, s)
            .map(seg -> seg.minutes() * 60_000L).orElseThrow(() -> Refusal.invalid("Say how many seconds the timer runs.")));
        return Optional.of(s.withTimer(s.timer().start(Math.min(ms, Timer.MAX_MS), now)));
      });
    }
    if (control instanceof Control.TimerPause) return done(s.withTimer(s.timer().pause(now)));
    if (control instanceof Control.TimerResume) return done(s.withTimer(s.timer().resume(now)));
    if (control instanceof Control.TimerAdd add) return done(s.withTimer(s.timer().add(add.seconds() * 1000L, now)));
    if (control instanceof Control.TimerReset) return done(s.timer().state() == Timer.State.IDLE ? null : s.withTimer(Timer.IDLE));
    if (control instanceof Control.NextHand) {
      return tx.preparedQuery(NEXT_HAND).execute(Tuple.of(s.id())).map(rows -> {
        if (rows.size() == 0) throw Refusal.conflict("Nobody has a hand up.");
        return Optional.of(s.withSpeaker(Optional.of(rows.iterator().next().getUUID(0))));
      });
    }
    if (control instanceof Control.LowerHand lower) {
      return tx.preparedQuery(LOWER).execute(Tuple.of(s.id(), lower.person()))
          .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(s));
    }
    if (control instanceof Control.Spotlight spot) {
      if (spot.card().isPresent() && s.currentSegment().isEmpty()) throw Refusal.conflict("There is no current segment to spotlight a card on.");
      return done(spot.card().equals(s.spotlight()) ? null : s.withSpotlight(spot.card()));
    }
    if (control instanceof Control.OpenVote open) {
      UUID segment = s.currentSegment().orElseThrow(() -> Refusal.conflict("There is no current segment to vote on."));
      return tx.preparedQuery(OPEN_VOTE).execute(Tuple.of(s.id(), segment, open.budget(), actor.accountId())).map(v -> Optional.of(s));
    }
    if (control instanceof Control.CloseVote) {
      return tx.preparedQuery(CLOSE_VOTE).execute(Tuple.of(s.id())).map(rows -> {
        if (rows.size() == 0) throw Refusal.conflict("No dot vote is open.");
        return Optional.of(s);
      });
    }
    throw new IllegalArgumentException("unhandled control " + control);
  }

  /** An experiment that came due after the session was scheduled joins its agenda when it starts. */
  private Future<Void> bringBackIfDue(SqlClient tx, SessionInfo s, Actor actor) {
    return Future.all(Experiments.anyDue(tx, s.community(), dayOf(s)), segments(tx, s.id()), Templates.load(tx),
        groundRules.inForce(tx, s.community())).compose(all -> {
          List<Segment> agenda = all.resultAt(1);
          Templates templates = all.resultAt(2);
          Optional<SegmentTemplate> bringBack = templates.byKey(BRING_BACK);
          if (!all.<Boolean>resultAt(0) || bringBack.isEmpty() || agenda.stream().anyMatch(g -> g.template().equals(BRING_BACK))) {
            return Future.succeededFuture();
          }
          boolean anonymous = all.<Optional<GroundRulesStore.Version>>resultAt(3).map(v -> "anonymous".equals(v.rules().cardNames())).orElse(false);
          return insertSegment(tx, s.community(), s.id(), s.title(), actor.accountId(), agenda.size(), bringBack.get(),
              bringBack.get().name(), bringBack.get().minutes(), anonymous).compose(id -> {
                List<UUID> order = new ArrayList<>(agenda.stream().map(Segment::id).toList());
                order.add(Math.min(1, order.size()), id);
                return renumber(tx, order);
              });
        });
  }

  /** The day a session brings experiments back for: its own day, or today if it runs later than planned. */
  private java.time.LocalDate dayOf(SessionInfo s) {
    java.time.OffsetDateTime now = java.time.Instant.ofEpochMilli(clock.getAsLong()).atOffset(s.startsAt().getOffset());
    return (now.isAfter(s.startsAt()) ? now : s.startsAt()).toLocalDate();
  }

  private static Future<Optional<SessionInfo>> done(SessionInfo next) {
    return Future.succeededFuture(Optional.ofNullable(next));
  }

  private static Optional<Segment> current(List<Segment> agenda, SessionInfo s) {
    return s.currentSegment().flatMap(c -> agenda.stream().filter(g -> g.id().equals(c)).findFirst());
  }

  /**
   * A member of the room opened the live session: they count once among those who took part. Only
   * the number is kept once it ends (the sponsor sees it from 3 people up); nothing happens for a
   * session that is not live.
   */
  public Future<Void> join(UUID community, UUID sessionId, UUID person) {
    return pool.preparedQuery(JOIN).execute(Tuple.of(sessionId, community, person)).mapEmpty();
  }

  /** A member raises or lowers their hand; the queue keeps the order hands went up. */
  public Future<Optional<Long>> hand(UUID community, UUID sessionId, Actor actor, boolean raised) {
    return pool.withTransaction(tx -> lock(tx, community, sessionId).compose(s -> {
      if (s.stage() != Stage.LIVE) throw Refusal.conflict("Hands are raised during a live session.");
      return tx.preparedQuery(raised ? RAISE : LOWER).execute(Tuple.of(sessionId, actor.accountId()))
          .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(Optional.<Long>empty())
              : bump(tx, sessionId).map(Optional::of));
    }));
  }

  /**
   * Puts {@code dots} of the member's dots on a card in the open dot vote (0 takes them back).
   * Nobody else learns of it until the vote closes: the session's version does not change.
   */
  public Future<JsonObject> dots(UUID community, UUID sessionId, Actor actor, String card, int dots) {
    return pool.withTransaction(tx -> tx.preparedQuery(LOCK_OPEN_VOTE).execute(Tuple.of(sessionId, community)).compose(rows -> {
      if (rows.size() == 0) throw Refusal.conflict("No dot vote is open.");
      Row vote = rows.iterator().next();
      UUID voteId = vote.getUUID(0);
      int budget = vote.getInteger(1);
      return tx.preparedQuery(DOTS_ELSEWHERE).execute(Tuple.of(voteId, actor.accountId(), card)).compose(used -> {
        int elsewhere = used.iterator().next().getInteger(0);
        if (elsewhere + dots > budget) {
          throw Refusal.conflict("You have " + (budget - elsewhere) + " of your " + budget + " dots left to place.");
        }
        return dots == 0
            ? tx.preparedQuery(REMOVE_DOTS).execute(Tuple.of(voteId, actor.accountId(), card))
            : tx.preparedQuery(SET_DOTS).execute(Tuple.of(voteId, actor.accountId(), card, dots));
      });
    })).compose(v -> view(community, sessionId, actor)).map(view -> view.getJsonObject("vote"));
  }

  /**
   * The session as one member may see it: the agenda, the live state, the hand-raise queue and the
   * dot vote (their own dots only while it is open; everyone's totals once it has closed). Session
   * state never carries what anyone wrote: cards travel only over their board (docs/protocol.md).
   */
  public Future<JsonObject> view(UUID community, UUID sessionId, Actor me) {
    return pool.withTransaction(tx -> tx.query(SNAPSHOT).execute()
        .compose(v -> tx.preparedQuery(VIEW_SESSION).execute(Tuple.of(sessionId, community)))
        .compose(rows -> {
          if (rows.size() == 0) throw Refusal.notFound("That session");
          Row row = rows.iterator().next();
          SessionInfo s = SessionInfo.from(row);
          return Future.all(segments(tx, sessionId), tx.preparedQuery(VIEW_HANDS).execute(Tuple.of(sessionId)),
                  voteView(tx, sessionId, me.accountId()),
                  s.stage() == Stage.ENDED ? Future.succeededFuture(new JsonArray()) : Experiments.due(tx, community, dayOf(s)))
              .map(all -> SessionView.render(s, row.getString("lead_name"), row.getString("speaker_name"),
                  all.<List<Segment>>resultAt(0), all.<RowSet<Row>>resultAt(1), all.<Optional<SessionView.Vote>>resultAt(2),
                  all.<JsonArray>resultAt(3), me, clock.getAsLong()));
        }));
  }

  private static Future<Optional<SessionView.Vote>> voteView(SqlClient tx, UUID sessionId, UUID me) {
    return tx.preparedQuery(VIEW_VOTE).execute(Tuple.of(sessionId)).compose(rows -> {
      if (rows.size() == 0) return Future.succeededFuture(Optional.empty());
      Row r = rows.iterator().next();
      UUID id = r.getUUID("id");
      boolean open = r.getValue("closed_at") == null;
      return Future.all(tx.preparedQuery(MY_DOTS).execute(Tuple.of(id, me)),
              open ? Future.succeededFuture(null) : tx.preparedQuery(TOTALS).execute(Tuple.of(id)))
          .map(all -> Optional.of(new SessionView.Vote(id, r.getUUID("segment_id"), r.getInteger("budget"), open,
              all.<RowSet<Row>>resultAt(0), Optional.ofNullable(all.<RowSet<Row>>resultAt(1)))));
    });
  }

  private static Future<SessionInfo> lock(SqlClient tx, UUID community, UUID sessionId) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(sessionId, community)).map(rows -> {
      if (rows.size() == 0) throw Refusal.notFound("That session");
      return SessionInfo.from(rows.iterator().next());
    });
  }

  static Future<List<Segment>> segments(SqlClient tx, UUID sessionId) {
    return tx.preparedQuery(SEGMENTS).execute(Tuple.of(sessionId)).map(rows -> {
      List<Segment> list = new ArrayList<>();
      for (Row r : rows) list.add(Segment.from(r));
      return list;
    });
  }

  private static int indexOf(List<Segment> agenda, UUID segment) {
    for (int i = 0; i < agenda.size(); i++) if (agenda.get(i).id().equals(segment)) return i;
    throw Refusal.notFound("That segment");
  }

  private static Future<Long> bump(SqlClient tx, UUID sessionId) {
    return tx.preparedQuery(BUMP).execute(Tuple.of(sessionId)).map(rows -> rows.iterator().next().getLong(0));
  }

  private static Future<Long> write(SqlClient tx, SessionInfo s) {
    Timer t = s.timer();
    Tuple values = Tuple.tuple().addUUID(s.id()).addString(s.stage().wireName()).addUUID(s.lead().orElse(null))
        .addUUID(s.currentSegment().orElse(null)).addString(t.state().wireName())
        .addLong(t.state() == Timer.State.RUNNING ? t.endsAt() : null)
        .addLong(t.state() == Timer.State.PAUSED ? t.remaining() : null)
        .addLong(t.state() == Timer.State.IDLE ? null : t.duration())
        .addUUID(s.speaker().orElse(null)).addString(s.spotlight().orElse(null));
    return tx.preparedQuery(WRITE).execute(values).map(rows -> rows.iterator().next().getLong(0));
  }
}
