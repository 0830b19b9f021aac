package org.circle.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.circle.support.RunningServer;
import org.circle.support.TestDatabases;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("The sponsor's database role")
class SponsorRoleTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();

  /** What the sponsor's role may read: the released store and the two views of aggregates, and nothing else. */
  private static final List<String> RELEASED_STORE = List.of("released_theme", "theme_reply", "sponsor_community", "sponsor_session");

  @Test
  @DisplayName("is refused on every table of room content and names, and reads only the released store")
  void refusedOnRoomContent() {
    Pool sponsor = circle.server().app().sponsorPool();
    // Every table and view Circle has, so a table added later is covered without editing this test.
    List<String> roomTables = new java.util.ArrayList<>();
    circle.server().app().pool().query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
        .execute().toCompletionStage().toCompletableFuture().join()
        .forEach(r -> roomTables.add(r.getString(0)));
    roomTables.removeAll(RELEASED_STORE);
    assertTrue(roomTables.containsAll(List.of("board_event", "journal_entry", "account", "consent_round_answer", "session_hand",
        "experiment", "theme_card", "session_attendance", "pulse", "pulse_answer", "community_session")),
        "the catalogue lists the room's tables: " + roomTables);
    for (String table : roomTables) {
      Throwable refused = assertThrows(CompletionException.class,
          () -> sponsor.query("SELECT * FROM " + table + " LIMIT 1").execute().toCompletionStage().toCompletableFuture().join(),
          table + " must be out of the sponsor role's reach");
      assertTrue(refused.getCause() instanceof PgException pg && "42501".equals(pg.getSqlState()), table + ": " + refused.getCause());
    }
    for (String table : RELEASED_STORE) {
      sponsor.query("SELECT * FROM " + table + " LIMIT 1").execute().toCompletionStage().toCompletableFuture().join();
    }
    Throwable function = assertThrows(CompletionException.class, () -> sponsor.query(
        "SELECT * FROM theme_contributors(gen_random_uuid())").execute().toCompletionStage().toCompletableFuture().join());
    assertTrue(function.getCause() instanceof PgException pg && "42501".equals(pg.getSqlState()),
        "functions run with the caller's rights: " + function.getCause());
  }

  @Test
  @DisplayName("given by an operator as a superuser, stops the server at start-up saying why")
  void superuserRefused() {
    var db = TestDatabases.fresh();
    RuntimeException e = assertThrows(RuntimeException.class, () -> TestServer.start(db,
        Map.of("CIRCLE_SPONSOR_DATABASE_URL", TestDatabases.url(db))).close());
    assertTrue(e.getMessage().contains("superuser"), e.getMessage());
  }

  @Test
  @DisplayName("given by an operator as a plain login role, is granted only the released store")
  void operatorRole() {
    var db = TestDatabases.fresh();
    String role = "sponsor_by_operator_" + db.database();
    TestDatabases.execute(db, "CREATE ROLE " + role + " LOGIN");
    String url = "postgresql://" + role + "@" + db.host() + ":" + db.port() + "/" + db.database();
    try (TestServer server = TestServer.start(db, Map.of("CIRCLE_SPONSOR_DATABASE_URL", url))) {
      Pool sponsor = server.app().sponsorPool();
      assertEquals(0, sponsor.query("SELECT * FROM released_theme").execute().toCompletionStage().toCompletableFuture().join().size());
      assertThrows(CompletionException.class,
          () -> sponsor.query("SELECT * FROM board_event").execute().toCompletionStage().toCompletableFuture().join());
    }
  }
}
