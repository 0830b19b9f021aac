package org.circle.consent;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The rule of a theme's consent round, as of every round in a community: everyone in the room
 * (participants and facilitators; sponsors are not in the room) must consent, and one objection
 * from any of them blocks. Consent is not a vote. A concern or an objection needs its reason.
 */
public final class ConsentRule {
  private static final String IN_THE_ROOM = """
      SELECT account_id FROM membership WHERE community_id = $1 AND role IN ('participant', 'facilitator')
      """;

  private ConsentRule() {}

  public static Future<Set<UUID>> inTheRoom(SqlClient client, UUID community) {
    return client.preparedQuery(IN_THE_ROOM).execute(Tuple.of(community)).map(rows -> {
      Set<UUID> members = new HashSet<>();
      rows.forEach(r -> members.add(r.getUUID(0)));
      return members;
    });
  }

  /** True when an objection from someone in the room stands. */
  public static boolean blocked(Set<UUID> required, Map<UUID, Answer> answers) {
    return answers.entrySet().stream().anyMatch(a -> required.contains(a.getKey()) && !a.getValue().consents());
  }

  /** True when everyone in the room consents and nobody in it objects. */
  public static boolean consented(Set<UUID> required, Map<UUID, Answer> answers) {
    return !blocked(required, answers) && required.stream().allMatch(r -> answers.containsKey(r) && answers.get(r).consents());
  }

}
