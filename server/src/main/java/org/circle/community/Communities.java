package org.circle.community;

import org.circle.input.Schema;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;
import org.circle.error.Refusal;

/** Learning communities and who belongs to them, with which role. */
public final class Communities implements Memberships {
  private static final String ROLE = "SELECT role FROM membership WHERE account_id = $1 AND community_id = $2";
  private static final String INSERT = "INSERT INTO community (name, created_by) VALUES ($1, $2) RETURNING id, phase";
  private static final String JOIN = "INSERT INTO membership (community_id, account_id, role) VALUES ($1, $2, $3)";
  private static final String MINE = """
      SELECT c.id, c.name, c.phase, m.role,
             (SELECT count(*) FROM membership x WHERE x.community_id = c.id) AS members
      FROM membership m JOIN community c ON c.id = m.community_id
      WHERE m.account_id = $1 ORDER BY c.name
      """;
  private static final String ONE = """
      SELECT c.id, c.name, c.phase, m.role,
             (SELECT count(*) FROM membership x WHERE x.community_id = c.id) AS members
      FROM membership m JOIN community c ON c.id = m.community_id
      WHERE m.account_id = $1 AND c.id = $2
      """;
  private static final String MEMBERS = """
      SELECT a.id, a.display_name, m.role, m.joined_at
      FROM membership m JOIN account a ON a.id = m.account_id
      WHERE m.community_id = $1 AND a.deleted_at IS NULL ORDER BY m.role, a.display_name
      """;
  private static final String REMOVE = "DELETE FROM membership WHERE community_id = $1 AND account_id = $2 RETURNING role";
  /** Who to tell when something needs everyone in the room: their names and email addresses. */
  private static final String IN_THE_ROOM = """
      SELECT c.name, a.email FROM membership m JOIN account a ON a.id = m.account_id JOIN community c ON c.id = m.community_id
      WHERE m.community_id = $1 AND m.role IN ('participant', 'facilitator') AND a.deleted_at IS NULL
      """;
  private static final String FACILITATORS_LEFT = "SELECT count(*) FROM membership WHERE community_id = $1 AND role = 'facilitator'";

  /** One member, as {@link #members} lists them. */
  public static final Schema.Obj MEMBER = Schema.object()
      .required("accountId", Schema.uuid())
      .required("displayName", Schema.anyText())
      .required("role", Role.SCHEMA)
      .required("joinedAt", Schema.dateTime())
      .named("Member");

  private final Pool pool;

  private static final String ONLY_SPONSOR = """
      SELECT coalesce(bool_and(role = 'sponsor'), false) FROM membership WHERE account_id = $1
      """;

  public Communities(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<Role>> roleIn(UUID accountId, UUID communityId) {
    return pool.preparedQuery(ROLE).execute(Tuple.of(accountId, communityId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Role.parse(rows.iterator().next().getString(0)));
  }

  @Override
  public Future<Boolean> onlySponsor(UUID accountId) {
    return pool.preparedQuery(ONLY_SPONSOR).execute(Tuple.of(accountId)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** The convener becomes the community's first facilitator. */
  public Future<JsonObject> create(String name, UUID convener) {
    return pool.withTransaction(tx -> tx.preparedQuery(INSERT).execute(Tuple.of(name, convener)).compose(rows -> {
      Row row = rows.iterator().next();
      UUID id = row.getUUID(0);
      return join(tx, id, convener, Role.FACILITATOR).map(v -> new JsonObject()
          .put("id", id.toString()).put("name", name).put("phase", row.getString(1))
          .put("role", Role.FACILITATOR.wireName()).put("memberCount", 1));
    }));
  }

  public Future<Void> join(SqlClient client, UUID communityId, UUID accountId, Role role) {
    return client.preparedQuery(JOIN).execute(Tuple.of(communityId, accountId, role.wireName()))
        .<Void>mapEmpty()
        .recover(err -> Future.failedFuture(err instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? Refusal.conflict("You are already a member of this community.")
            : err));
  }

  /** The community's name and the email addresses of everyone in the room. */
  public record Room(String communityName, java.util.List<String> emails) {}

  public Future<Room> room(UUID communityId) {
    return pool.preparedQuery(IN_THE_ROOM).execute(Tuple.of(communityId)).map(rows -> {
      java.util.List<String> emails = new java.util.ArrayList<>();
      String name = null;
      for (Row r : rows) {
        name = r.getString(0);
        emails.add(r.getString(1));
      }
      return new Room(name, emails);
    });
  }

  public Future<JsonArray> mine(UUID accountId) {
    return pool.preparedQuery(MINE).execute(Tuple.of(accountId)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(summary(r)));
      return out;
    });
  }

  public Future<JsonObject> one(UUID accountId, UUID communityId) {
    return pool.preparedQuery(ONE).execute(Tuple.of(accountId, communityId)).map(rows -> {
      if (rows.size() == 0) throw Refusal.notFound("That community");
      return summary(rows.iterator().next());
    });
  }

  private static JsonObject summary(Row r) {
    return new JsonObject().put("id", r.getUUID(0).toString()).put("name", r.getString(1))
        .put("phase", r.getString(2)).put("role", r.getString(3)).put("memberCount", r.getLong(4));
  }

  public Future<JsonArray> members(UUID communityId) {
    return pool.preparedQuery(MEMBERS).execute(Tuple.of(communityId)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(new JsonObject().put("accountId", r.getUUID(0).toString())
          .put("displayName", r.getString(1)).put("role", r.getString(2))
          .put("joinedAt", r.getOffsetDateTime(3).toString())));
      return out;
    });
  }

  /** Removes a member; a community is never left without a facilitator. */
  public Future<Void> remove(UUID communityId, UUID accountId) {
    return pool.withTransaction(tx -> tx.preparedQuery(REMOVE).execute(Tuple.of(communityId, accountId))
        .compose(rows -> {
          if (rows.size() == 0) return Future.failedFuture(Refusal.notFound("That member"));
          if (!"facilitator".equals(rows.iterator().next().getString(0))) return Future.succeededFuture();
          return tx.preparedQuery(FACILITATORS_LEFT).execute(Tuple.of(communityId)).compose(left ->
              left.iterator().next().getLong(0) > 0 ? Future.succeededFuture()
                  : Future.failedFuture(Refusal.conflict(
                      "A community needs at least one facilitator. Invite another facilitator first.")));
        }));
  }
}
