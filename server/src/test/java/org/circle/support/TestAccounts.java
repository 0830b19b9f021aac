package org.circle.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.circle.account.PasswordHasher;
import org.circle.account.Tokens;
import org.circle.community.Role;
import org.circle.config.DatabaseSettings;

/**
 * Test fixtures written straight into the real database: accounts (all with {@link #PASSWORD}),
 * signed-in sessions, communities and memberships. Sessions are made the way the server makes
 * them (random token, only its hash stored), without paying for a password hash each time.
 */
public final class TestAccounts {
  public static final String PASSWORD = "correct horse battery staple";
  private static final String PASSWORD_HASH = PasswordHasher.hashNow(PASSWORD);
  private static final AtomicInteger counter = new AtomicInteger();

  private TestAccounts() {}

  /** A signed-in person: send {@link #cookie()} and, on state-changing requests, {@link #csrfToken()}. */
  public record Person(UUID id, String email, String displayName, String sessionToken, String csrfToken) {
    public String cookie() {
      return "circle_session=" + sessionToken;
    }
  }

  public static String uniqueEmail(String prefix) {
    return prefix + "-" + counter.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }

  public static Person person(DatabaseSettings db, String name) {
    return person(db, name, false, false);
  }

  public static Person person(DatabaseSettings db, String name, boolean admin, boolean facilitator) {
    try (Connection c = connect(db)) {
      return person(c, name, admin, facilitator);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The same on a connection the caller holds: a fixture of many people opens one, not one each. */
  public static Person person(Connection c, String name, boolean admin, boolean facilitator) {
    String email = uniqueEmail(name.toLowerCase().replaceAll("[^a-z]", ""));
    try {
      UUID id;
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO account (email, display_name, password_hash, is_admin, is_facilitator) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
        insert.setString(1, email);
        insert.setString(2, name);
        insert.setString(3, PASSWORD_HASH);
        insert.setBoolean(4, admin);
        insert.setBoolean(5, facilitator);
        try (ResultSet rs = insert.executeQuery()) {
          rs.next();
          id = (UUID) rs.getObject(1);
        }
      }
      String token = Tokens.newToken();
      String csrf = Tokens.newToken();
      try (PreparedStatement session = c.prepareStatement(
          "INSERT INTO auth_session (token_hash, account_id, csrf_token, expires_at) VALUES (?, ?, ?, now() + ?::interval)")) {
        session.setBytes(1, Tokens.hash(token));
        session.setObject(2, id);
        session.setString(3, csrf);
        session.setString(4, Duration.ofDays(1).toSeconds() + " seconds");
        session.executeUpdate();
      }
      return new Person(id, email, name, token, csrf);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static UUID community(DatabaseSettings db, String name) {
    try (Connection c = connect(db)) {
      return community(c, name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static UUID community(Connection c, String name) {
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO community (name) VALUES (?) RETURNING id")) {
      insert.setString(1, name);
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return (UUID) rs.getObject(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void join(DatabaseSettings db, UUID community, Person person, Role role) {
    try (Connection c = connect(db)) {
      join(c, community, person, role);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void join(Connection c, UUID community, Person person, Role role) {
    try (PreparedStatement insert = c.prepareStatement(
             "INSERT INTO membership (community_id, account_id, role) VALUES (?, ?, ?)")) {
      insert.setObject(1, community);
      insert.setObject(2, person.id());
      insert.setString(3, role.wireName());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Connection connect(DatabaseSettings db) throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }

}
