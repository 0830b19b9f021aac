package org.circle.community;

import org.circle.input.Schema;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.circle.account.Tokens;

/** Single-use, expiring invitations into a community with a role. Only the token's hash is stored. */
public final class Invitations {
  static final Duration LIFETIME = Duration.ofDays(7);

  private static final String INSERT = """
      INSERT INTO invitation (community_id, role, email, token_hash, created_by, expires_at, note)
      VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6), $7)
      RETURNING id, expires_at
      """;
  private static final String PENDING = """
      SELECT id, role, email, created_at, expires_at, note FROM invitation
      WHERE community_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
      ORDER BY created_at, id
      """;
  private static final String REVOKE = """
      UPDATE invitation SET revoked_at = now()
      WHERE id = $1 AND community_id = $2 AND accepted_at IS NULL AND revoked_at IS NULL
      """;
  private static final String PREVIEW = """
      SELECT c.name, i.role, i.email,
             CASE WHEN i.accepted_at IS NOT NULL THEN 'used'
                  WHEN i.revoked_at IS NOT NULL THEN 'revoked'
                  WHEN i.expires_at <= now() THEN 'expired' ELSE 'valid' END
      FROM invitation i JOIN community c ON c.id = i.community_id WHERE i.token_hash = $1
      """;
  /** Marks the invitation used in the transaction that adds the member: it works exactly once. */
  private static final String CLAIM = """
      UPDATE invitation SET accepted_at = now(), accepted_by = $2
      WHERE token_hash = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
      RETURNING community_id, role
      """;

  public record Created(UUID id, String token, OffsetDateTime expiresAt) {}

  public record Claimed(UUID communityId, Role role) {}

  /** A pending invitation, as {@link #pending} lists it (never its token). */
  public static final Schema.Obj PENDING_SCHEMA = Schema.object()
      .required("id", Schema.uuid())
      .required("role", Role.SCHEMA)
      .required("email", Schema.anyText().orNull())
      .required("createdAt", Schema.dateTime())
      .required("expiresAt", Schema.dateTime())
      .required("note", Schema.anyText().orNull().describe("the facilitator's note of whom it is for"))
      .named("PendingInvitation");
  /** What {@link #preview} tells the holder of a token. */
  public static final Schema.Obj PREVIEW_SCHEMA = Schema.object()
      .required("communityName", Schema.anyText())
      .required("role", Role.SCHEMA)
      .required("email", Schema.anyText().orNull())
      .required("status", Schema.oneOf("valid", "used", "revoked", "expired"))
      .named("InvitationPreview");

  private final Pool pool;

  public Invitations(Pool pool) {
    this.pool = pool;
  }

  /** A new invitation; {@code note} is the facilitator's reminder of whom it is for (facilitators see it). */
  public Future<Created> create(UUID communityId, Role role, String email, String note, UUID createdBy) {
    String token = Tokens.newToken();
    return pool.preparedQuery(INSERT)
        .execute(Tuple.of(communityId, role.wireName(), email, Buffer.buffer(Tokens.hash(token)), createdBy,
            (double) LIFETIME.toSeconds(), note))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new Created(r.getUUID(0), token, r.getOffsetDateTime(1));
        });
  }

  public Future<JsonArray> pending(UUID communityId) {
    return pool.preparedQuery(PENDING).execute(Tuple.of(communityId)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(new JsonObject().put("id", r.getUUID(0).toString()).put("role", r.getString(1))
          .put("email", r.getString(2)).put("createdAt", r.getOffsetDateTime(3).toString())
          .put("expiresAt", r.getOffsetDateTime(4).toString()).put("note", r.getString(5))));
      return out;
    });
  }

  public Future<Boolean> revoke(UUID communityId, UUID invitationId) {
    return pool.preparedQuery(REVOKE).execute(Tuple.of(invitationId, communityId)).map(rows -> rows.rowCount() > 0);
  }

  public Future<Optional<JsonObject>> preview(String token) {
    return pool.preparedQuery(PREVIEW).execute(Tuple.of(Buffer.buffer(Tokens.hash(token)))).map(rows -> {
      if (rows.size() == 0) return Optional.empty();
      Row r = rows.iterator().next();
      return Optional.of(new JsonObject().put("communityName", r.getString(0)).put("role", r.getString(1))
          .put("email", r.getString(2)).put("status", r.getString(3)));
    });
  }

  public Future<Optional<Claimed>> claim(SqlClient tx, String token, UUID accountId) {
    return tx.preparedQuery(CLAIM).execute(Tuple.of(Buffer.buffer(Tokens.hash(token)), accountId)).map(rows -> {
      if (rows.size() == 0) return Optional.empty();
      Row r = rows.iterator().next();
      return Optional.of(new Claimed(r.getUUID(0), Role.parse(r.getString(1)).orElseThrow()));
    });
  }
}
