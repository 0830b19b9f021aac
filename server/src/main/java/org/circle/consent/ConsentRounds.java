package org.circle.consent;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.circle.input.Schema;

/**
 * Where consent is counted. Consent is not a vote: everyone in the room (participants and
 * facilitators; sponsors are not in the room) must consent, agreeing or agreeing with a concern,
 * and one objection blocks. During a round everyone in the room reads the answers and their
 * reasons, so the text can be changed to meet them; every round, with its answers and how it
 * ended, is kept as the record of how the group agreed its rules.
 *
 * <p>Callers run these in a transaction that has locked the community's row, so two answers
 * arriving together cannot both (or neither) close the round.
 */
public final class ConsentRounds {
  private static final String REQUIRED = """
      SELECT account_id FROM membership WHERE community_id = $1 AND role IN ('participant', 'facilitator')
      """;
  /** Names stay out of a round opened while the ground rules in force make cards anonymous. */
  private static final String OPEN = """
      INSERT INTO consent_round (community_id, subject, version, round, anonymous)
      SELECT $1, $2, $3, coalesce(max(round), 0) + 1,
             EXISTS (SELECT 1 FROM ground_rules_version g
                     WHERE g.community_id = $1 AND g.status = 'ratified' AND g.card_names = 'anonymous')
      FROM consent_round WHERE community_id = $1 AND subject = $2 AND version = $3
      RETURNING *
      """;
  private static final String CURRENT = """
      SELECT * FROM consent_round WHERE community_id = $1 AND subject = $2 AND closed_at IS NULL
      """;
  private static final String ANSWER_SQL = """
      INSERT INTO consent_round_answer (round_id, account_id, answer, note) VALUES ($1, $2, $3, $4)
      ON CONFLICT (round_id, account_id) DO UPDATE SET answer = EXCLUDED.answer, note = EXCLUDED.note, answered_at = now()
      """;
  /** A deleted account's reasons are withdrawn with everything else it wrote. */
  private static final String ANSWERS = """
      SELECT c.round_id, c.account_id, a.display_name, c.answer,
             CASE WHEN a.deleted_at IS NULL THEN c.note END AS note, c.answered_at
      FROM consent_round_answer c JOIN account a ON a.id = c.account_id
      WHERE c.round_id = ANY($1) ORDER BY c.answered_at, a.display_name
      """;
  private static final String CLOSE = """
      UPDATE consent_round SET closed_at = now(), outcome = $3,
        members = (SELECT count(*) FROM membership WHERE community_id = $1 AND role IN ('participant', 'facilitator'))
      WHERE community_id = $1 AND subject = $2 AND closed_at IS NULL
      """;
  private static final String RECORD = """
      SELECT * FROM consent_round WHERE community_id = $1 AND ($2::text IS NULL OR subject = $2)
        AND ($3::int IS NULL OR version = $3)
      ORDER BY opened_at, subject, version, round
      """;
  private static final String CONSENTED = """
      SELECT c.account_id FROM consent_round_answer c JOIN membership m ON m.account_id = c.account_id
      WHERE c.round_id = $1 AND m.community_id = $2 AND c.answer <> 'object'
      """;

  /** One answer as read back: the name unless the round is anonymous; {@code mine} marks the reader's own. */
  public static final Schema.Obj ANSWER = Schema.object()
      .required("name", Schema.anyText().orNull().describe("null in an anonymous round"))
      .required("answer", Answer.SCHEMA)
      .required("note", Schema.anyText().orNull().describe("the concern or the reason"))
      .optional("mine", Schema.bool())
      .named("ConsentRoundAnswer");
  private static final Schema.Obj COUNTS = Schema.object()
      .required("agree", Schema.whole(0, Long.MAX_VALUE))
      .required("concern", Schema.whole(0, Long.MAX_VALUE))
      .required("object", Schema.whole(0, Long.MAX_VALUE))
      .named("ConsentCounts");
  /** One round in {@link #record}. */
  public static final Schema.Obj RECORDED_ROUND = Schema.object()
      .required("subject", Schema.oneOf(Subject.GROUND_RULES.wireName(), Subject.MANDATE.wireName()))
      .required("version", Schema.whole(1, Integer.MAX_VALUE))
      .required("round", Schema.whole(1, Integer.MAX_VALUE))
      .required("anonymous", Schema.bool())
      .required("openedAt", Schema.dateTime())
      .required("closedAt", Schema.dateTime().orNull())
      .required("outcome", Schema.oneOf("consented", "amended", "withdrawn").orNull().describe("null while the round is open"))
      .required("members", Schema.whole(0, Long.MAX_VALUE).orNull().describe("how many were in the room when it closed"))
      .required("counts", COUNTS)
      .optional("answers", Schema.list(ANSWER).describe("members in the room only; a sponsor reads the counts"))
      .named("ConsentRoundRecord");

  /**
   * {@code base} with what a member in the room sees of its open round ({@link #view}): every
   * answer with its reason, how many have answered, whether an objection blocks, their own answer.
   */
  public static Schema.Obj withRoundView(Schema.Obj base) {
    Schema.Obj out = base;
    if (out.field("round").isEmpty()) out = out.optional("round", Schema.whole(0, Integer.MAX_VALUE));
    return out.optional("anonymous", Schema.bool())
        .optional("membersInRoom", Schema.whole(0, Long.MAX_VALUE))
        .optional("answers", Schema.list(ANSWER))
        .optional("answeredCount", Schema.whole(0, Long.MAX_VALUE))
        .optional("answered", Schema.list(Schema.anyText()).describe("names of those who have answered; empty in an anonymous round"))
        .optional("blocked", Schema.bool().describe("true while someone objects"))
        .optional("myAnswer", Answer.SCHEMA.orNull())
        .optional("myNote", Schema.anyText().orNull());
  }

  /** One round on one version of a proposal. */
  public record Round(UUID id, UUID community, Subject subject, int version, int number, boolean anonymous,
                      OffsetDateTime openedAt, Optional<OffsetDateTime> closedAt, Optional<String> outcome,
                      Optional<Integer> members) {
    static Round from(Row r) {
      return new Round(r.getUUID("id"), r.getUUID("community_id"), Subject.parse(r.getString("subject")),
          r.getInteger("version"), r.getInteger("round"), r.getBoolean("anonymous"), r.getOffsetDateTime("opened_at"),
          Optional.ofNullable(r.getOffsetDateTime("closed_at")), Optional.ofNullable(r.getString("outcome")),
          Optional.ofNullable(r.getInteger("members")));
    }
  }

  /** Who must consent, who has, and whether anyone objects. */
  public record Tally(Set<UUID> required, Set<UUID> consented, boolean objection) {
    public boolean passed() {
      return !objection && consented.containsAll(required);
    }
  }

  /** One answer as read back. */
  record Recorded(UUID account, String name, String answer, String note, OffsetDateTime at) {}

  /** Opens the next round on this version and returns it. */
  public Future<Round> open(SqlClient tx, UUID community, Subject subject, int version) {
    return tx.preparedQuery(OPEN).execute(Tuple.of(community, subject.wireName(), version))
        .map(rows -> Round.from(rows.iterator().next()));
  }

  /** The round now open on this subject, if any. */
  public Future<Optional<Round>> current(SqlClient client, UUID community, Subject subject) {
    return client.preparedQuery(CURRENT).execute(Tuple.of(community, subject.wireName()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Round.from(rows.iterator().next())));
  }

  /** Records (or changes) a member's answer and counts the round again. */
  public Future<Tally> answer(SqlClient tx, Round round, UUID account, Given given) {
    return tx.preparedQuery(ANSWER_SQL).execute(Tuple.of(round.id(), account, given.answer().wireName(), given.note()))
        .compose(x -> tally(tx, round));
  }

  public Future<Tally> tally(SqlClient tx, Round round) {
    return Future.all(tx.preparedQuery(REQUIRED).execute(Tuple.of(round.community())), answersOf(tx, List.of(round.id())))
        .map(all -> {
          Set<UUID> required = new HashSet<>();
          all.<RowSet<Row>>resultAt(0).forEach(r -> required.add(r.getUUID(0)));
          Set<UUID> consented = new HashSet<>();
          boolean objection = false;
          for (Recorded g : all.<Map<UUID, List<Recorded>>>resultAt(1).getOrDefault(round.id(), List.of())) {
            if (Answer.parse(g.answer()).orElseThrow().consents()) consented.add(g.account());
            else if (required.contains(g.account())) objection = true;
          }
          return new Tally(required, consented, objection);
        });
  }

  /** The members whose answer in this round gave consent. */
  public Future<List<UUID>> consentedIn(SqlClient tx, Round round) {
    return tx.preparedQuery(CONSENTED).execute(Tuple.of(round.id(), round.community())).map(rows -> {
      List<UUID> out = new ArrayList<>();
      rows.forEach(r -> out.add(r.getUUID(0)));
      return out;
    });
  }

  /** Closes the open round on this subject, if there is one. */
  public Future<Void> close(SqlClient tx, UUID community, Subject subject, Outcome outcome) {
    return tx.preparedQuery(CLOSE).execute(Tuple.of(community, subject.wireName(), outcome.wireName())).mapEmpty();
  }

  /**
   * The open round as a member in the room sees it: every answer with its reason (and the name,
   * unless the round is anonymous), their own answer, and whether an objection blocks.
   */
  public Future<JsonObject> view(SqlClient client, Round round, UUID me) {
    return Future.all(answersOf(client, List.of(round.id())), client.preparedQuery(REQUIRED).execute(Tuple.of(round.community())))
        .map(all -> {
      List<Recorded> answers = all.<Map<UUID, List<Recorded>>>resultAt(0).getOrDefault(round.id(), List.of());
      JsonObject out = new JsonObject().put("round", round.number()).put("anonymous", round.anonymous())
          .put("membersInRoom", all.<RowSet<Row>>resultAt(1).size())
          .put("answers", answersJson(round, answers, me, true))
          .put("answeredCount", answers.size())
          .put("blocked", answers.stream().anyMatch(g -> "object".equals(g.answer())));
      // Who has answered, by name, unless the round is anonymous.
      JsonArray answered = new JsonArray();
      if (!round.anonymous()) answers.stream().map(Recorded::name).sorted().forEach(answered::add);
      out.put("answered", answered);
      answers.stream().filter(g -> g.account().equals(me)).findFirst().ifPresentOrElse(
          g -> out.put("myAnswer", g.answer()).put("myNote", g.note()),
          () -> out.putNull("myAnswer").putNull("myNote"));
      return out;
    });
  }

  /**
   * Every round on this subject (or all subjects), oldest first, with answers and outcome: the
   * record of how the rules were agreed. With {@code content} false (a sponsor reading the
   * record of a mandate change) only the counts are given: names and reasons stay in the room.
   */
  public Future<JsonArray> record(SqlClient client, UUID community, Optional<Subject> subject, Optional<Integer> version,
                                  UUID me, boolean content) {
    return client.preparedQuery(RECORD)
        .execute(Tuple.of(community, subject.map(Subject::wireName).orElse(null), version.orElse(null)))
        .compose(rows -> {
          List<Round> rounds = new ArrayList<>();
          rows.forEach(r -> rounds.add(Round.from(r)));
          return answersOf(client, rounds.stream().map(Round::id).toList()).map(byRound -> {
            JsonArray out = new JsonArray();
            for (Round round : rounds) {
              List<Recorded> answers = byRound.getOrDefault(round.id(), List.of());
              JsonObject counts = new JsonObject().put("agree", 0).put("concern", 0).put("object", 0);
              answers.forEach(g -> counts.put(g.answer(), counts.getInteger(g.answer()) + 1));
              JsonObject json = new JsonObject().put("subject", round.subject().wireName()).put("version", round.version())
                  .put("round", round.number()).put("anonymous", round.anonymous())
                  .put("openedAt", round.openedAt().toString())
                  .put("closedAt", round.closedAt().map(OffsetDateTime::toString).orElse(null))
                  .put("outcome", round.outcome().orElse(null)).put("members", round.members().orElse(null))
                  .put("counts", counts);
              if (content) json.put("answers", answersJson(round, answers, me, false));
              out.add(json);
            }
            return out;
          });
        });
  }

  private static JsonArray answersJson(Round round, List<Recorded> answers, UUID me, boolean markMine) {
    List<Recorded> ordered = new ArrayList<>(answers);
    // In an anonymous round the order of answers could tell who gave them: sort by what was said.
    if (round.anonymous()) {
      ordered.sort((a, b) -> a.answer().equals(b.answer())
          ? String.valueOf(a.note()).compareTo(String.valueOf(b.note())) : a.answer().compareTo(b.answer()));
    }
    JsonArray out = new JsonArray();
    for (Recorded g : ordered) {
      JsonObject json = new JsonObject().put("name", round.anonymous() ? null : g.name())
          .put("answer", g.answer()).put("note", g.note());
      if (markMine && g.account().equals(me)) json.put("mine", true);
      out.add(json);
    }
    return out;
  }

  private static Future<Map<UUID, List<Recorded>>> answersOf(SqlClient client, List<UUID> rounds) {
    if (rounds.isEmpty()) return Future.succeededFuture(Map.of());
    return client.preparedQuery(ANSWERS).execute(Tuple.tuple().addArrayOfUUID(rounds.toArray(UUID[]::new))).map(rows -> {
      Map<UUID, List<Recorded>> out = new LinkedHashMap<>();
      for (Row r : rows) {
        out.computeIfAbsent(r.getUUID(0), k -> new ArrayList<>())
            .add(new Recorded(r.getUUID(1), r.getString(2), r.getString(3), r.getString(4), r.getOffsetDateTime(5)));
      }
      return out;
    });
  }
}
