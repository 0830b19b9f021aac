package org.circle.groundrules;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
        safeguarding, raise_concern, cadence, agenda_template, proposed_by, reason, round)
      VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12, $13, $14)
      """;
  /** Amending the text ends any round in progress: a new round must be run on the new text. */
  private static final String UPDATE_TEXT = """
      UPDATE ground_rules_version SET rules = $3::jsonb, card_names = $4, release_threshold = $5, safeguarding = $6,
        raise_concern = $7, cadence = $8, agenda_template = $9, status = 'draft'
      WHERE community_id = $1 AND version = $2
      """;
  private static final String START_ROUND = """
      UPDATE ground_rules_version SET status = 'consulting', round = round + 1
      WHERE community_id = $1 AND version = $2 AND status = 'draft' RETURNING round
      """;
  private static final String ANSWER = """
      INSERT INTO consent_answer (community_id, version, round, account_id, answer, note) VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (community_id, version, round, account_id)
      DO UPDATE SET answer = EXCLUDED.answer, note = EXCLUDED.note, answered_at = now()
      """;
  private static final String ROUND_ANSWERS = """
      SELECT c.account_id, a.display_name, c.answer, c.note FROM consent_answer c JOIN account a ON a.id = c.account_id
      WHERE c.community_id = $1 AND c.version = $2 AND c.round = $3 ORDER BY a.display_name
      """;
  /** Everyone in the room must consent: participants and facilitators (sponsors are not in the room). */
  private static final String REQUIRED = """
      SELECT account_id FROM membership WHERE community_id = $1 AND role IN ('participant', 'facilitator')
      """;
  private static final String SUPERSEDE = "UPDATE ground_rules_version SET status = 'superseded' WHERE community_id = $1 AND status = 'ratified'";
  private static final String RATIFY = """
      UPDATE ground_rules_version SET status = 'ratified', ratified_at = now() WHERE community_id = $1 AND version = $2
      """;
  private static final String RECORD_CONSENTS = """
      INSERT INTO ground_rules_consent (community_id, version, account_id)
      SELECT c.community_id, c.version, c.account_id FROM consent_answer c
      JOIN membership m ON m.community_id = c.community_id AND m.account_id = c.account_id
      WHERE c.community_id = $1 AND c.version = $2 AND c.round = $3 AND c.answer <> 'object'
      ON CONFLICT DO NOTHING
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

  public record Outcome(Version version, boolean ratified) {}

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
  /** The open proposal as a member sees it: during a round, who has answered (not what) and my own answer. */
  static final Schema.Obj PROPOSAL = VERSION
      .optional("answered", Schema.list(Schema.anyText()).describe("names of those who have answered this round"))
      .optional("myAnswer", Answer.SCHEMA.orNull())
      .optional("myNote", Schema.anyText().orNull())
      .optional("blocked", Schema.bool().describe("true while someone objects"))
      .named("GroundRulesProposal");
  /** What {@link #state} answers. */
  public static final Schema.Obj STATE = Schema.object()
      .required("inForce", VERSION.orNull().describe("the ratified ground rules, if any"))
      .required("myConsent", Schema.bool().describe("whether I have consented to the rules in force (true when none are)"))
      .required("membersInRoom", Schema.whole(0, Long.MAX_VALUE))
      .required("proposal", PROPOSAL.orNull().describe("the open draft or consent round, if any"))
      .named("GroundRulesState");
  /** What {@link #versionWithAnswers} answers: once its round has closed, everyone's answers too. */
  public static final Schema.Obj VERSION_WITH_ANSWERS = VERSION
      .optional("answers", Schema.list(Schema.object()
          .required("name", Schema.anyText())
          .required("answer", Answer.SCHEMA)
          .required("note", Schema.anyText().orNull())))
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
        return tx.preparedQuery(UPDATE_TEXT).execute(textTuple(community, version, rules))
            .compose(x -> tx.preparedQuery(ONE).execute(Tuple.of(community, version))).map(rows -> first(rows).orElseThrow());
      }
      return inForce(tx, community).compose(force -> insert(tx, community, rules, "draft",
          force.isPresent() ? "amendment" : "initial", editor, null, 0));
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
          return insert(tx, community, rules, "consulting", "amendment", proposer, reason, 1);
        }));
  }

  public Future<Version> startRound(UUID community) {
    return pool.withTransaction(tx -> lock(tx, community).compose(v -> open(tx, community)).compose(open -> {
      if (open.isEmpty()) return Future.failedFuture(Refusal.conflict("There is no draft to ask consent for. Write the draft first."));
      if (!open.get().status().equals("draft")) return Future.failedFuture(Refusal.conflict("A consent round is already running."));
      return tx.preparedQuery(START_ROUND).execute(Tuple.of(community, open.get().version()))
          .compose(x -> tx.preparedQuery(ONE).execute(Tuple.of(community, open.get().version())))
          .map(rows -> first(rows).orElseThrow());
    }));
  }

  /** Records an answer; ratifies when every member in the room has consented and nobody objects. */
  public Future<Outcome> answer(UUID community, UUID account, Answer answer, String note) {
    return pool.withTransaction(tx -> lock(tx, community).compose(v -> open(tx, community)).compose(open -> {
      if (open.isEmpty() || !open.get().status().equals("consulting")) {
        return Future.failedFuture(Refusal.conflict("No consent round is running."));
      }
      Version proposal = open.get();
      return tx.preparedQuery(ANSWER)
          .execute(Tuple.of(community, proposal.version(), proposal.round(), account, answer.wireName(), note))
          .compose(x -> ratifyIfConsented(tx, proposal));
    }));
  }

  private Future<Outcome> ratifyIfConsented(SqlClient tx, Version proposal) {
    UUID community = proposal.community();
    return Future.all(tx.preparedQuery(REQUIRED).execute(Tuple.of(community)),
            tx.preparedQuery(ROUND_ANSWERS).execute(Tuple.of(community, proposal.version(), proposal.round())))
        .compose(all -> {
          Set<UUID> required = new HashSet<>();
          all.<RowSet<Row>>resultAt(0).forEach(r -> required.add(r.getUUID(0)));
          Set<UUID> consented = new HashSet<>();
          boolean objection = false;
          for (Row r : all.<RowSet<Row>>resultAt(1)) {
            if (Answer.parse(r.getString(2)).orElseThrow().consents()) consented.add(r.getUUID(0));
            else if (required.contains(r.getUUID(0))) objection = true;
          }
          if (objection || !consented.containsAll(required)) return Future.succeededFuture(new Outcome(proposal, false));
          return tx.preparedQuery(SUPERSEDE).execute(Tuple.of(community))
              .compose(x -> tx.preparedQuery(RATIFY).execute(Tuple.of(community, proposal.version())))
              .compose(x -> tx.preparedQuery(RECORD_CONSENTS).execute(Tuple.of(community, proposal.version(), proposal.round())))
              .map(x -> new Outcome(proposal, true));
        });
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

  /** What a member sees: the rules in force, the open proposal and who has answered (not what). */
  public Future<JsonObject> state(UUID community, UUID me) {
    return Future.all(inForce(pool, community), open(pool, community), hasConsented(community, me),
            pool.preparedQuery(REQUIRED).execute(Tuple.of(community)))
        .compose(all -> {
          Optional<Version> force = all.resultAt(0);
          Optional<Version> open = all.resultAt(1);
          JsonObject out = new JsonObject()
              .put("inForce", force.map(Version::toJson).orElse(null))
              .put("myConsent", all.<Boolean>resultAt(2))
              .put("membersInRoom", all.<RowSet<Row>>resultAt(3).size());
          if (open.isEmpty()) return Future.succeededFuture(out.put("proposal", null));
          Version p = open.get();
          return pool.preparedQuery(ROUND_ANSWERS).execute(Tuple.of(community, p.version(), p.round())).map(rows -> {
            JsonArray answered = new JsonArray();
            String mine = null;
            String myNote = null;
            boolean objection = false;
            for (Row r : rows) {
              answered.add(r.getString(1));
              if (r.getUUID(0).equals(me)) {
                mine = r.getString(2);
                myNote = r.getString(3);
              }
              objection |= "object".equals(r.getString(2));
            }
            JsonObject proposal = p.toJson();
            if (p.status().equals("consulting")) {
              proposal.put("answered", answered).put("myAnswer", mine).put("myNote", myNote).put("blocked", objection);
            }
            return out.put("proposal", proposal);
          });
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

  public Future<JsonObject> versionWithAnswers(UUID community, int version) {
    return version(community, version).compose(v -> {
      JsonObject json = v.toJson();
      if (v.status().equals("draft") || v.status().equals("consulting")) return Future.succeededFuture(json);
      return pool.preparedQuery(ROUND_ANSWERS).execute(Tuple.of(community, version, v.round())).map(rows -> {
        JsonArray answers = new JsonArray();
        rows.forEach(r -> answers.add(new JsonObject().put("name", r.getString(1)).put("answer", r.getString(2))
            .put("note", r.getString(3))));
        return json.put("answers", answers);
      });
    });
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
          .addString(rules.agendaTemplate()).addUUID(by).addString(reason).addInteger(round);
      return tx.preparedQuery(INSERT).execute(values)
          .compose(x -> tx.preparedQuery(ONE).execute(Tuple.of(community, version)))
          .map(r -> first(r).orElseThrow());
    });
  }

  private static Tuple textTuple(UUID community, int version, GroundRules rules) {
    return Tuple.tuple().addUUID(community).addInteger(version).addString(new JsonArray(rules.rules()).encode())
        .addString(rules.cardNames()).addInteger(rules.releaseThreshold()).addString(rules.safeguarding())
        .addString(rules.raiseConcern()).addString(rules.cadence()).addString(rules.agendaTemplate());
  }
}
