package org.circle.mandate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.circle.account.Principal;
import org.circle.consent.ConsentRounds;
import org.circle.consent.Given;
import org.circle.consent.Outcome;
import org.circle.consent.Subject;
import org.circle.error.Refusal;
import org.circle.input.Schema;

/**
 * Mandate versions. Before co-design a draft is edited in place and the sponsor's sign-off puts
 * it in force. Once co-design has begun the mandate belongs to the group too: a change is a
 * proposal that the sponsor signs, the facilitator agrees to, and everyone in the room consents
 * to (the same consent as ground rules) before it comes into force. Until then the version in
 * force stays in force.
 */
public final class Mandates {
  private static final String LOCK = "SELECT id FROM community WHERE id = $1 FOR UPDATE";
  private static final String SELECT = """
      SELECT v.*, e.display_name AS edited_name, em.role AS edited_role FROM mandate_version v
      LEFT JOIN account e ON e.id = v.edited_by
      LEFT JOIN membership em ON em.community_id = v.community_id AND em.account_id = v.edited_by
      """;
  private static final String LATEST = SELECT + " WHERE v.community_id = $1 ORDER BY v.version DESC LIMIT 1";
  private static final String ONE = SELECT + " WHERE v.community_id = $1 AND v.version = $2";
  private static final String IN_FORCE = SELECT + """
       WHERE v.community_id = $1 AND v.signed_off_at IS NOT NULL AND v.withdrawn_at IS NULL
         AND (NOT v.needs_consent OR v.consented_at IS NOT NULL)
       ORDER BY v.version DESC LIMIT 1
      """;
  private static final String ALL = SELECT + " WHERE v.community_id = $1 ORDER BY v.version";
  private static final String INSERT = """
      INSERT INTO mandate_version (community_id, version, purpose, question, constituency, expectations,
        time_commitment, learning_flow, safe_to_fail, not_performance, edited_by, needs_consent)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
      """;
  /** Changing a text that is not in force yet clears what was given for the old text. */
  private static final String UPDATE = """
      UPDATE mandate_version SET purpose = $3, question = $4, constituency = $5, expectations = $6,
        time_commitment = $7, learning_flow = $8, safe_to_fail = $9, not_performance = $10,
        edited_by = $11, needs_consent = $12, edited_at = now(),
        signed_off_by = NULL, signed_off_name = NULL, signed_off_at = NULL,
        agreed_by = NULL, agreed_name = NULL, agreed_at = NULL
      WHERE community_id = $1 AND version = $2
      """;
  private static final String SIGN = """
      UPDATE mandate_version SET signed_off_by = $3, signed_off_name = $4, signed_off_at = now()
      WHERE community_id = $1 AND version = $2 AND signed_off_at IS NULL
      """;
  private static final String AGREE = """
      UPDATE mandate_version SET agreed_by = $3, agreed_name = $4, agreed_at = now()
      WHERE community_id = $1 AND version = $2 AND agreed_at IS NULL
      """;
  private static final String CONSENTED = "UPDATE mandate_version SET consented_at = now() WHERE community_id = $1 AND version = $2";
  private static final String WITHDRAW = "UPDATE mandate_version SET withdrawn_at = now() WHERE community_id = $1 AND version = $2";

  /** Where a version stands. */
  public enum Status {
    /** Being written; nobody has signed it. */
    DRAFT,
    /** Signed by the sponsor; a change after co-design began still needs the facilitator. */
    SIGNED,
    /** The facilitator agreed; the members are asked for consent. */
    CONSULTING,
    /** In force now, or was before a later version replaced it. */
    AGREED,
    /** Dropped without coming into force. */
    WITHDRAWN;

    public String wireName() {
      return name().toLowerCase();
    }
  }

  /** One stored version and where it stands. */
  public record Version(int number, Mandate text, boolean needsConsent, String editedBy, OffsetDateTime editedAt,
                        String signedOffBy, OffsetDateTime signedOffAt, String agreedBy, OffsetDateTime agreedAt,
                        OffsetDateTime consentedAt, OffsetDateTime withdrawnAt) {
    static Version from(Row r) {
      return new Version(r.getInteger("version"), Mandate.from(r), r.getBoolean("needs_consent"), r.getString("edited_name"),
          r.getOffsetDateTime("edited_at"), r.getString("signed_off_name"), r.getOffsetDateTime("signed_off_at"),
          r.getString("agreed_name"), r.getOffsetDateTime("agreed_at"), r.getOffsetDateTime("consented_at"),
          r.getOffsetDateTime("withdrawn_at"));
    }

    /**
     * As {@code reader} may see it. Names of people in the room stay in the room: a sponsor reads
     * who edited a version only when a sponsor did, and who agreed to a change only as "the facilitator".
     */
    static Version from(Row r, Reader reader) {
      Version v = from(r);
      if (reader.inTheRoom()) return v;
      String editor = v.editedBy == null || "sponsor".equals(r.getString("edited_role")) ? v.editedBy : "a member of the community";
      String agreed = v.agreedBy == null ? null : "the facilitator";
      return new Version(v.number, v.text, v.needsConsent, editor, v.editedAt, v.signedOffBy, v.signedOffAt, agreed, v.agreedAt,
          v.consentedAt, v.withdrawnAt);
    }

    public Status status() {
      if (withdrawnAt != null) return Status.WITHDRAWN;
      if (signedOffAt == null) return Status.DRAFT;
      if (!needsConsent || consentedAt != null) return Status.AGREED;
      return agreedAt == null ? Status.SIGNED : Status.CONSULTING;
    }

    /** A change proposed after co-design began that has not come into force (nor been dropped). */
    public boolean pendingProposal() {
      return needsConsent && (status() == Status.DRAFT || status() == Status.SIGNED || status() == Status.CONSULTING);
    }

    public JsonObject toJson() {
      return text.toJson().put("version", number).put("status", status().wireName()).put("needsConsent", needsConsent)
          .put("editedBy", editedBy).put("editedAt", iso(editedAt))
          .put("signedOffBy", signedOffBy).put("signedOffAt", iso(signedOffAt))
          .put("agreedBy", agreedBy).put("agreedAt", iso(agreedAt))
          .put("consentedAt", iso(consentedAt)).put("withdrawnAt", iso(withdrawnAt));
    }

    /** Without the text: for lists of versions. */
    public JsonObject summary() {
      JsonObject json = toJson();
      Mandate.FIELDS.forEach(json::remove);
      return json;
    }
  }

  /** Who reads the mandate: members in the room see a consent round's answers; a sponsor only counts. */
  public record Reader(UUID accountId, boolean inTheRoom) {
    /** Inside the store, where names are needed as they are. */
    static final Reader ROOM = new Reader(null, true);
  }

  public record Answered(int version, boolean inForce) {}

  private static final Schema.Text STATUS = Schema.oneOf("draft", "signed", "consulting", "agreed", "withdrawn");
  /** Where a version stands, without its text. */
  public static final Schema.Obj SUMMARY = Schema.object()
      .required("version", Schema.whole(1, Integer.MAX_VALUE))
      .required("status", STATUS.describe("draft, signed (a change waiting for the facilitator), consulting (asking the"
          + " members), agreed (in force, or was), withdrawn"))
      .required("needsConsent", Schema.bool().describe("a change made after co-design began: it needs the members' consent"))
      .required("editedBy", Schema.anyText().orNull().describe("who edited it; a sponsor reads \"a member of the community\" unless a sponsor did"))
      .required("editedAt", Schema.dateTime())
      .required("signedOffBy", Schema.anyText().orNull().describe("the sponsor's name; null until signed off"))
      .required("signedOffAt", Schema.dateTime().orNull())
      .required("agreedBy", Schema.anyText().orNull().describe("the facilitator who agreed to a change; a sponsor reads \"the facilitator\""))
      .required("agreedAt", Schema.dateTime().orNull())
      .required("consentedAt", Schema.dateTime().orNull().describe("when the members' consent put a change in force"))
      .required("withdrawnAt", Schema.dateTime().orNull())
      .named("MandateVersionSummary");
  /** One version of the mandate with its text and where it stands. */
  public static final Schema.Obj VERSION = SUMMARY.plus(Mandate.SCHEMA).named("MandateVersion");
  /** A proposed change: the version, the version in force it would replace, and its consent round. */
  static final Schema.Obj PROPOSAL = ConsentRounds.withRoundView(VERSION
      .required("from", Schema.whole(1, Integer.MAX_VALUE).orNull().describe("the version in force it would replace")))
      .named("MandateProposal");
  /** What {@link #current} answers. */
  public static final Schema.Obj CURRENT = Schema.object()
      .required("inForce", Schema.whole(1, Integer.MAX_VALUE).orNull().describe("the number of the version in force"))
      .required("inForceVersion", VERSION.orNull().describe("the version in force"))
      .required("latest", VERSION.orNull().describe("the newest version, whatever its state"))
      .required("proposal", PROPOSAL.orNull().describe("a change proposed after co-design began, not in force yet"))
      .named("MandateState");

  private final Pool pool;
  private final ConsentRounds rounds = new ConsentRounds();

  public Mandates(Pool pool) {
    this.pool = pool;
  }

  private static String iso(OffsetDateTime t) {
    return t == null ? null : t.toString();
  }

  private static Optional<Version> first(io.vertx.sqlclient.RowSet<Row> rows, Reader reader) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(Version.from(rows.iterator().next(), reader));
  }

  private Future<Optional<Version>> latest(SqlClient client, UUID community) {
    return latest(client, community, Reader.ROOM);
  }

  private Future<Optional<Version>> latest(SqlClient client, UUID community, Reader reader) {
    return client.preparedQuery(LATEST).execute(Tuple.of(community)).map(rows -> first(rows, reader));
  }

  private Future<Optional<Version>> inForceVersion(SqlClient client, UUID community) {
    return inForceVersion(client, community, Reader.ROOM);
  }

  private Future<Optional<Version>> inForceVersion(SqlClient client, UUID community, Reader reader) {
    return client.preparedQuery(IN_FORCE).execute(Tuple.of(community)).map(rows -> first(rows, reader));
  }

  /**
   * Saves the text. A version not yet in force is edited in place (whoever had signed or agreed
   * to it must do so again, and a consent round on it ends); otherwise a new version starts. With
   * {@code needsConsent} (co-design has begun) the new text is a proposal.
   */
  public Future<Integer> save(UUID community, Mandate m, UUID editor, boolean needsConsent) {
    return pool.withTransaction(tx -> lock(tx, community).compose(v -> latest(tx, community)).compose(latest -> {
      boolean editInPlace = latest.isPresent()
          && (latest.get().status() == Status.DRAFT || latest.get().status() == Status.SIGNED || latest.get().status() == Status.CONSULTING);
      if (latest.isPresent() && latest.get().text().equals(m) && latest.get().status() != Status.WITHDRAWN) {
        return Future.succeededFuture(latest.get().number());
      }
      int version = latest.map(l -> l.number() + (editInPlace ? 0 : 1)).orElse(1);
      Tuple values = Tuple.of(community, version, m.purpose(), m.question(), m.constituency(), m.expectations(),
          m.timeCommitment(), m.learningFlow()).addString(m.safeToFail()).addString(m.notPerformance()).addUUID(editor)
          .addBoolean(needsConsent);
      Future<Void> endRound = editInPlace ? rounds.close(tx, community, Subject.MANDATE, Outcome.AMENDED) : Future.succeededFuture();
      return endRound.compose(x -> tx.preparedQuery(editInPlace ? UPDATE : INSERT).execute(values)).map(x -> version);
    }));
  }

  /** The sponsor signs the latest version. Before co-design that puts it in force. */
  public Future<Void> signOff(UUID community, int version, Principal sponsor) {
    return pool.withTransaction(tx -> lock(tx, community).compose(v -> latestMustBe(tx, community, version)).compose(latest -> {
      if (latest.status() == Status.WITHDRAWN) return refuse("Version " + version + " was withdrawn.");
      if (latest.signedOffAt() != null) return refuse("Version " + version + " is already signed off.");
      return tx.preparedQuery(SIGN).execute(Tuple.of(community, version, sponsor.accountId(), sponsor.displayName())).mapEmpty();
    }));
  }

  /**
   * The facilitator agrees to a change the sponsor has signed, which asks everyone in the room
   * for consent. Completes with the round's number.
   */
  public Future<Integer> agree(UUID community, int version, Principal facilitator) {
    return pool.withTransaction(tx -> lock(tx, community).compose(v -> latestMustBe(tx, community, version)).compose(latest -> {
      if (!latest.pendingProposal()) return refuse("Version " + version + " is not a proposed change waiting for agreement.");
      if (latest.signedOffAt() == null) return refuse("The sponsor signs the change first; then you can agree to it.");
      if (latest.agreedAt() != null) return refuse("You have already agreed; the members are being asked for consent.");
      return tx.preparedQuery(AGREE).execute(Tuple.of(community, version, facilitator.accountId(), facilitator.displayName()))
          .compose(x -> rounds.open(tx, community, Subject.MANDATE, version)).map(ConsentRounds.Round::number);
    }));
  }

  /** A member's answer on a proposed change; it comes into force when everyone in the room consents. */
  public Future<Answered> answer(UUID community, UUID account, Given given) {
    return pool.withTransaction(tx -> lock(tx, community).compose(v -> Future.all(latest(tx, community),
        rounds.current(tx, community, Subject.MANDATE))).compose(both -> {
          Optional<Version> latest = both.resultAt(0);
          Optional<ConsentRounds.Round> round = both.resultAt(1);
          if (latest.isEmpty() || round.isEmpty() || latest.get().status() != Status.CONSULTING
              || round.get().version() != latest.get().number()) {
            return Future.failedFuture(Refusal.conflict("No consent round is running on a change to the mandate."));
          }
          int version = latest.get().number();
          return rounds.answer(tx, round.get(), account, given).compose(tally -> {
            if (!tally.passed()) return Future.succeededFuture(new Answered(version, false));
            return tx.preparedQuery(CONSENTED).execute(Tuple.of(community, version))
                .compose(x -> rounds.close(tx, community, Subject.MANDATE, Outcome.CONSENTED))
                .map(x -> new Answered(version, true));
          });
        }));
  }

  /** The sponsor or the facilitator drops a proposed change; the version in force stays. */
  public Future<Void> withdraw(UUID community, int version) {
    return pool.withTransaction(tx -> lock(tx, community).compose(v -> latestMustBe(tx, community, version)).compose(latest -> {
      if (!latest.pendingProposal()) return refuse("Only a proposed change that is not in force can be withdrawn.");
      return rounds.close(tx, community, Subject.MANDATE, Outcome.WITHDRAWN)
          .compose(x -> tx.preparedQuery(WITHDRAW).execute(Tuple.of(community, version))).mapEmpty();
    }));
  }

  private Future<Version> latestMustBe(SqlClient tx, UUID community, int version) {
    return latest(tx, community).compose(latest -> {
      if (latest.isEmpty()) return refuse("There is no mandate yet.");
      if (latest.get().number() != version) {
        return refuse("Version " + version + " is not the latest; read version " + latest.get().number() + " first.");
      }
      return Future.succeededFuture(latest.get());
    });
  }

  /** The number of the version in force, if any. */
  public Future<Optional<Integer>> inForce(SqlClient client, UUID community) {
    return inForceVersion(client, community).map(v -> v.map(Version::number));
  }

  /** True when the newest version carries a sign-off (nothing changed since). */
  public Future<Boolean> latestSigned(SqlClient client, UUID community) {
    return latest(client, community).map(v -> v.isPresent() && v.get().signedOffAt() != null);
  }

  /**
   * The mandate as a member reads it: the version in force, the latest version, and a proposed
   * change with where it stands. Members in the room also see its consent round's answers.
   */
  public Future<JsonObject> current(UUID community, Reader reader) {
    return Future.all(latest(pool, community, reader), inForceVersion(pool, community, reader),
            rounds.current(pool, community, Subject.MANDATE))
        .compose(all -> {
          Optional<Version> latest = all.resultAt(0);
          Optional<Version> force = all.resultAt(1);
          Optional<ConsentRounds.Round> round = all.resultAt(2);
          JsonObject out = new JsonObject().put("inForce", force.map(Version::number).orElse(null))
              .put("inForceVersion", force.map(Version::toJson).orElse(null))
              .put("latest", latest.map(Version::toJson).orElse(null));
          Optional<Version> proposal = latest.filter(Version::pendingProposal);
          if (proposal.isEmpty()) return Future.succeededFuture(out.put("proposal", null));
          JsonObject p = proposal.get().toJson().put("from", force.map(Version::number).orElse(null));
          out.put("proposal", p);
          if (round.isEmpty() || round.get().version() != proposal.get().number()) return Future.succeededFuture(out);
          if (!reader.inTheRoom()) {
            // Names and reasons stay in the room: a sponsor sees how far the round has got.
            return rounds.view(pool, round.get(), reader.accountId()).map(view -> {
              p.put("round", view.getInteger("round")).put("answeredCount", view.getInteger("answeredCount"))
                  .put("membersInRoom", view.getInteger("membersInRoom")).put("blocked", view.getBoolean("blocked"));
              return out;
            });
          }
          return rounds.view(pool, round.get(), reader.accountId()).map(view -> {
            p.mergeIn(view);
            return out;
          });
        });
  }

  public Future<JsonObject> version(UUID community, int version, Reader reader) {
    return pool.preparedQuery(ONE).execute(Tuple.of(community, version)).map(rows -> {
      if (rows.size() == 0) throw Refusal.notFound("That mandate version");
      return Version.from(rows.iterator().next(), reader).toJson();
    });
  }

  public Future<JsonArray> versions(UUID community, Reader reader) {
    return pool.preparedQuery(ALL).execute(Tuple.of(community)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(Version.from(r, reader).summary()));
      return out;
    });
  }

  private static Future<Void> lock(SqlClient tx, UUID community) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(community)).compose(rows ->
        rows.size() == 0 ? Future.failedFuture(Refusal.notFound("That community")) : Future.succeededFuture());
  }

  private static <T> Future<T> refuse(String reason) {
    return Future.failedFuture(Refusal.conflict(reason));
  }
}
