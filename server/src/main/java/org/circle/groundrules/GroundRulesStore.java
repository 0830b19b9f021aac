package org.circle.groundrules;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.circle.consent.ConsentRounds;
import org.circle.consent.Given;
import org.circle.consent.Outcome;
import org.circle.consent.Subject;
import org.circle.error.Refusal;
import org.circle.input.Schema;

/**
 * Ground-rules versions and consent rounds. Each change runs in a transaction that first locks
 * the community's row, so two answers arriving together cannot both (or neither) ratify.
 */
public final class GroundRulesStore {
  private static final String LOCK = "SELECT id FROM community WHERE id = $1 FOR UPDATE";
  private static final String IN_FORCE = """
      SELECT * FROM ground_rules_version WHERE community_id = $1 AND status = 'ratified'
      """;
  private static final String OPEN = """
      SELECT * FROM ground_rules_version WHERE community_id = $1 AND status IN ('draft', 'consulting')
      """;
  private static final String ONE = "SELECT * FROM ground_rules_version WHERE community_id = $1 AND version = $2";
  private static final String ALL = """
      SELECT version, status, kind, created_at, ratified_at FROM ground_rules_version
      WHERE community_id = $1 ORDER BY version
      """;
  private static final String NEXT_VERSION = "SELECT coalesce(max(version), 0) + 1 FROM ground_rules_version WHERE community_id = $1";
  private static final String INSERT = """
      INSERT INTO ground_rules_version (community_id, version, status, kind, rules, card_names, release_threshold,
        safeguarding, raise_concern, cadence, agenda_template, proposed_by, reason, round, retention)
      VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
      """;
  /** Amending the text ends any round in progress: a new round must be run on the new text. */
  private static final String UPDATE_TEXT = """
      UPDATE ground_rules_version SET rules = $3::jsonb, card_names = $4, release_threshold = $5, safeguarding = $6,
        raise_concern = $7, cadence = $8, agenda_template = $9, retention = $10, status = 'draft'
      WHERE community_id = $1 AND version = $2
      """;
  private static final String START_ROUND = """
      UPDATE ground_rules_version SET status = 'consulting', round = $3
      WHERE community_id = $1 AND version = $2 AND status = 'draft'
      """;
  private static final String MEMBERS_IN_ROOM = """
      SELECT count(*) FROM membership WHERE community_id = $1 AND role IN ('participant', 'facilitator')
      """;
  private static final String SUPERSEDE = "UPDATE ground_rules_version SET status = 'superseded' WHERE community_id = $1 AND status = 'ratified'";
  private static final String RATIFY = """
      UPDATE ground_rules_version SET status = 'ratified', ratified_at = now() WHERE community_id = $1 AND version = $2
      """;
  private static final String CONSENT = """
      INSERT INTO ground_rules_consent (community_id, version, account_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING
      """;
  private static final String HAS_CONSENTED = """
      SELECT NOT EXISTS (SELECT 1 FROM ground_rules_version WHERE community_id = $1 AND status = 'ratified')
          OR EXISTS (SELECT 1 FROM ground_rules_consent c JOIN ground_rules_version v
                     ON v.community_id = c.community_id AND v.version = c.version
                     WHERE c.community_id = $1 AND c.account_id = $2 AND v.status = 'ratified')
      """;

  public record Version(UUID community, int version, String status, String kind, int round, GroundRules rules, String reason) {
    static Version from(Row r) {
      return new Version(r.getUUID("community_id"), r.getInteger("version"), r.getString("status"), r.getString("kind"),
          r.getInteger("round"), GroundRules.from(r), r.getString("reason"));
    }

    public JsonObject toJson() {
      return new JsonObject().put("version", version).put("status", status).put("kind", kind).put("round", round)
          .put("reason", reason).mergeIn(rules.toJson());
    }
  }

  public record Answered(Version version, boolean ratified) {}

  private static final Schema.Text STATUS = Schema.oneOf("draft", "consulting", "ratified", "superseded");
  private static final Schema.Text KIND = Schema.oneOf("initial", "amendment");
  /** One version of the ground rules, as {@link Version#toJson} writes it. */
  public static final Schema.Obj VERSION = Schema.object()
      .required("version", Schema.whole(1, Integer.MAX_VALUE))
      .required("status", STATUS)
      .required("kind", KIND)
      .required("round", Schema.whole(0, Integer.MAX_VALUE).describe("how many consent rounds this version has had"))
      .required("reason", Schema.anyText().orNull().describe("why an amendment was proposed"))
      .plus(GroundRules.SCHEMA)
      .named("GroundRulesVersion");
  /** The open proposal as a member sees it: during its round, every answer with its reason, and my own. */
  static final Schema.Obj PROPOSAL = ConsentRounds.withRoundView(VERSION).named("GroundRulesProposal");
  /** What {@link #state} answers. */
  public static final Schema.Obj STATE = Schema.object()
      .required("inForce", VERSION.orNull().describe("the ratified ground rules, if any"))
      .required("myConsent", Schema.bool().describe("whether I have consented to the rules in force (true when none are)"))
      .required("membersInRoom", Schema.whole(0, Long.MAX_VALUE))
      .required("proposal", PROPOSAL.orNull().describe("the open draft or consent round, if any"))
      .named("GroundRulesState");
  /** What {@link #versionWithAnswers} answers: every round run on it, and the answers of its last closed round. */
  public static final Schema.Obj VERSION_WITH_ANSWERS = VERSION
      .required("rounds", Schema.list(ConsentRounds.RECORDED_ROUND))
      .optional("answers", Schema.list(ConsentRounds.ANSWER))
      .named("GroundRulesVersionWithAnswers");
  /** One line of {@link #versions}. */
  public static final Schema.Obj SUMMARY = Schema.object()
      .required("version", Schema.whole(1, Integer.MAX_VALUE))
      .required("status", STATUS)
      .required("kind", KIND)
      .required("createdAt", Schema.dateTime())
      .required("ratifiedAt", Schema.dateTime().orNull())
      .named("GroundRulesVersionSummary");

  private final Pool pool;
  private final ConsentRounds rounds = new ConsentRounds();

  public GroundRulesStore(Pool pool) {
    this.pool = pool;
  }

  private static Optional<Version> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(Version.from(rows.iterator().next()));
  }

  public Future<Optional<Version>> inForce(SqlClient client, UUID community) {
    return client.preparedQuery(IN_FORCE).execute(Tuple.of(community)).map(GroundRulesStore::first);
  }

  public Future<Optional<Version>> open(SqlClient client, UUID community) {
    return client.preparedQuery(OPEN).execute(Tuple.of(community)).map(GroundRulesStore::first);
  }

  /** The facilitator writes the draft; editing a proposal in a round ends that round. */
  public Future<Version> saveDraft(UUID community, GroundRules rules, UUID editor) {
    return pool.withTransaction(tx -> lock(tx, community).compose(v -> open(tx, community)).compose(open -> {
      if (open.isPresent()) {
        int version = open.get().version();
        return rounds.close(tx, community, Subject.GROUND_RULES, Outcome.AMENDED)
            .compose(x -> tx.preparedQuery(UPDATE_TEXT).execute(textTuple(community, version, rules)))
            .compose(x -> tx.preparedQuery(ONE).execute(Tuple.of(community, version))).map(rows -> first(rows).orElseThrow());
      }
      return inForce(tx, community).compose(force -> insert(tx, community, rules, "draft",
          force.isPresent() ? "amendment" : "initial", editor, null, 0));
    }));
  }

  /**
   * A rule proposed from elsewhere (an idea in a session's review) joins the open draft, or starts
   * an amendment draft from the rules in force. A running consent round is not disturbed: the
   * rule waits until it ends.
   */
  public Future<Version> draftWithRule(UUID community, String rule, UUID editor) {
    return pool.withTransaction(tx -> lock(tx, community).compose(v -> Future.all(inForce(tx, community), open(tx, community)))
        .compose(both -> {
          Optional<Version> force = both.resultAt(0);
          Optional<Version> open = both.resultAt(1);
          if (open.isPresent() && !open.get().status().equals("draft")) {
            return Future.failedFuture(Refusal.conflict("A consent round on the ground rules is running (version "
                + open.get().version() + "). Propose the rule once it has ended."));
          }
          Optional<Version> base = open.or(() -> force);
          if (base.isEmpty()) return Future.failedFuture(Refusal.conflict("There are no ground rules to amend yet."));
          GroundRules current = base.get().rules();
          if (current.rules().size() >= GroundRules.MAX_RULES) {
            return Future.failedFuture(Refusal.conflict("The ground rules already have " + GroundRules.MAX_RULES + " rules."));
          }
          List<String> rules = new ArrayList<>(current.rules());
          rules.add(rule);
          GroundRules amended = new GroundRules(rules, current.cardNames(), current.releaseThreshold(), current.safeguarding(),
              current.raiseConcern(), current.cadence(), current.agendaTemplate(), current.retention());
          if (open.isPresent()) {
            int version = open.get().version();
            return tx.preparedQuery(UPDATE_TEXT).execute(textTuple(community, version, amended))
                .compose(x -> tx.preparedQuery(ONE).execute(Tuple.of(community, version))).map(rows -> first(rows).orElseThrow());
          }
          return insert(tx, community, amended, "draft", "amendment", editor, null, 0);
        }));
  }

  /** Any member in the room may propose an amendment; it goes straight to a consent round. */
  public Future<Version> proposeAmendment(UUID community, GroundRules rules, String reason, UUID proposer) {
    return pool.withTransaction(tx -> lock(tx, community).compose(v -> Future.all(inForce(tx, community), open(tx, community)))
        .compose(both -> {
          Optional<Version> force = both.resultAt(0);
          Optional<Version> open = both.resultAt(1);
          if (force.isEmpty()) return Future.failedFuture(Refusal.conflict("There are no ratified ground rules to amend yet."));
          if (open.isPresent()) {
            return Future.failedFuture(Refusal.conflict("A proposal is already open (version " + open.get().version()
                + "). Take part in that consent round first."));
          }
          return insert(tx, community, rules, "consulting", "amendment", proposer, reason, 1)
              .compose(v -> rounds.open(tx, community, Subject.GROUND_RULES, v.version()).map(r -> v));
        }));
  }

  public Future<Version> startRound(UUID community) {
    return pool.withTransaction(tx -> lock(tx, community).compose(v -> open(tx, community)).compose(open -> {
      if (open.isEmpty()) return Future.failedFuture(Refusal.conflict("There is no draft to ask consent for. Write the draft first."));
      if (!open.get().status().equals("draft")) return Future.failedFuture(Refusal.conflict("A consent round is already running."));
      int version = open.get().version();
      return rounds.open(tx, community, Subject.GROUND_RULES, version)
          .compose(round -> tx.preparedQuery(START_ROUND).execute(Tuple.of(community, version, round.number())))
          .compose(x -> tx.preparedQuery(ONE).execute(Tuple.of(community, version)))
          .map(rows -> first(rows).orElseThrow());
    }));
  }

  /** Records an answer; ratifies when every member in the room has consented and nobody objects. */
  public Future<Answered> answer(UUID community, UUID account, Given given) {
    return pool.withTransaction(tx -> lock(tx, community).compose(v -> Future.all(open(tx, community),
            rounds.current(tx, community, Subject.GROUND_RULES)))
        .compose(both -> {
          Optional<Version> open = both.resultAt(0);
          Optional<ConsentRounds.Round> round = both.resultAt(1);
          if (open.isEmpty() || !open.get().status().equals("consulting") || round.isEmpty()) {
            return Future.failedFuture(Refusal.conflict("No consent round is running on the ground rules."));
          }
          Version proposal = open.get();
          return rounds.answer(tx, round.get(), account, given).compose(tally -> {
            if (!tally.passed()) return Future.succeededFuture(new Answered(proposal, false));
            return tx.preparedQuery(SUPERSEDE).execute(Tuple.of(community))
                .compose(x -> tx.preparedQuery(RATIFY).execute(Tuple.of(community, proposal.version())))
                .compose(x -> rounds.consentedIn(tx, round.get()))
                .compose(consented -> consented.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(CONSENT)
                    .executeBatch(consented.stream().map(a -> Tuple.of(community, proposal.version(), a)).toList()).mapEmpty())
                .compose(x -> rounds.close(tx, community, Subject.GROUND_RULES, Outcome.CONSENTED))
                .map(x -> new Answered(proposal, true));
          });
        }));
  }

  /** A member who joined after ratification consents to the rules in force. */
  public Future<Void> accept(UUID community, UUID account, int version) {
    return inForce(pool, community).compose(force -> {
      if (force.isEmpty() || force.get().version() != version) {
        return Future.failedFuture(Refusal.conflict("Version " + version + " is not the ground rules in force. Read the current version and consent to that."));
      }
      return pool.preparedQuery(CONSENT).execute(Tuple.of(community, version, account)).mapEmpty();
    });
  }

  /** True when no rules are in force yet, or this member has consented to the ones that are. */
  public Future<Boolean> hasConsented(UUID community, UUID account) {
    return pool.preparedQuery(HAS_CONSENTED).execute(Tuple.of(community, account)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  /**
   * What a member sees: the rules in force, the open proposal and, during its consent round,
   * every answer with its reason (names too, unless the rules in force make cards anonymous).
   */
  public Future<JsonObject> state(UUID community, UUID me) {
    return Future.all(inForce(pool, community), open(pool, community), hasConsented(community, me),
            pool.preparedQuery(MEMBERS_IN_ROOM).execute(Tuple.of(community)), rounds.current(pool, community, Subject.GROUND_RULES))
        .compose(all -> {
          Optional<Version> force = all.resultAt(0);
          Optional<Version> open = all.resultAt(1);
          Optional<ConsentRounds.Round> round = all.resultAt(4);
          JsonObject out = new JsonObject()
              .put("inForce", force.map(Version::toJson).orElse(null))
              .put("myConsent", all.<Boolean>resultAt(2))
              .put("membersInRoom", all.<RowSet<Row>>resultAt(3).iterator().next().getLong(0).intValue());
          if (open.isEmpty()) return Future.succeededFuture(out.put("proposal", null));
          JsonObject proposal = open.get().toJson();
          if (!open.get().status().equals("consulting") || round.isEmpty()) return Future.succeededFuture(out.put("proposal", proposal));
          return rounds.view(pool, round.get(), me).map(view -> out.put("proposal", proposal.mergeIn(view)));
        });
  }

  public Future<JsonArray> versions(UUID community) {
    return pool.preparedQuery(ALL).execute(Tuple.of(community)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(new JsonObject().put("version", r.getInteger(0)).put("status", r.getString(1))
          .put("kind", r.getString(2)).put("createdAt", r.getOffsetDateTime(3).toString())
          .put("ratifiedAt", r.getOffsetDateTime(4) == null ? null : r.getOffsetDateTime(4).toString())));
      return out;
    });
  }

  /** A version; once a round has closed in ratification, its answers and notes can be read too. */
  public Future<Version> version(UUID community, int version) {
    return pool.preparedQuery(ONE).execute(Tuple.of(community, version))
        .map(rows -> first(rows).orElseThrow(() -> Refusal.notFound("That ground-rules version")));
  }

  /** A version with every consent round run on it: answers, reasons and how each round ended. */
  public Future<JsonObject> versionWithAnswers(UUID community, int version, UUID me) {
    return version(community, version).compose(v -> rounds.record(pool, community, Optional.of(Subject.GROUND_RULES),
        Optional.of(version), me, true).map(record -> {
          JsonObject json = v.toJson().put("rounds", record);
          // The answers of its last closed round, as before.
          for (int i = record.size() - 1; i >= 0; i--) {
            if (record.getJsonObject(i).getString("outcome") != null) return json.put("answers", record.getJsonObject(i).getJsonArray("answers"));
          }
          return json;
        }));
  }

  private static Future<Void> lock(SqlClient tx, UUID community) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(community)).compose(rows ->
        rows.size() == 0 ? Future.failedFuture(Refusal.notFound("That community")) : Future.succeededFuture());
  }

  private Future<Version> insert(SqlClient tx, UUID community, GroundRules rules, String status, String kind, UUID by,
                                 String reason, int round) {
    return tx.preparedQuery(NEXT_VERSION).execute(Tuple.of(community)).compose(rows -> {
      int version = rows.iterator().next().getInteger(0);
      Tuple values = Tuple.tuple().addUUID(community).addInteger(version).addString(status).addString(kind)
          .addString(new JsonArray(rules.rules()).encode()).addString(rules.cardNames()).addInteger(rules.releaseThreshold())
          .addString(rules.safeguarding()).addString(rules.raiseConcern()).addString(rules.cadence())
          .addString(rules.agendaTemplate()).addUUID(by).addString(reason).addInteger(round)
          .addString(rules.retention().wireName());
      return tx.preparedQuery(INSERT).execute(values)
          .compose(x -> tx.preparedQuery(ONE).execute(Tuple.of(community, version)))
          .map(r -> first(r).orElseThrow());
    });
  }

  private static Tuple textTuple(UUID community, int version, GroundRules rules) {
    return Tuple.tuple().addUUID(community).addInteger(version).addString(new JsonArray(rules.rules()).encode())
        .addString(rules.cardNames()).addInteger(rules.releaseThreshold()).addString(rules.safeguarding())
        .addString(rules.raiseConcern()).addString(rules.cadence()).addString(rules.agendaTemplate())
        .addString(rules.retention().wireName());
  }
}
