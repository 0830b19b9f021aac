package org.circle.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.circle.config.DatabaseSettings;

/** Creates the communities (in a given phase), memberships and boards a board test needs, straight in the database. */
public final class People {
  private final DatabaseSettings db;

  public People(DatabaseSettings db) {
    this.db = db;
  }

  /** A person with a live session; connect with {@link TestAccounts.Person#cookie()}. */
  public TestAccounts.Person account(String name) {
    return TestAccounts.person(db, name);
  }

  public UUID community(String phase) {
    return uuid("INSERT INTO community (name, phase) VALUES ('Test community', ?) RETURNING id", phase);
  }

  public void member(UUID community, TestAccounts.Person person, String role) {
    update("INSERT INTO membership (community_id, account_id, role) VALUES (?, ?, ?)", community, person.id(), role);
  }

  public UUID board(UUID community, boolean anonymous, int voteBudget) {
    try (Connection c = connect();
         PreparedStatement s = c.prepareStatement(
             "INSERT INTO board (community_id, title, anonymous, vote_budget) VALUES (?, 'Ideas and experiments', ?, ?) RETURNING id")) {
      s.setObject(1, community);
      s.setBoolean(2, anonymous);
      s.setInt(3, voteBudget);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return (UUID) rs.getObject(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public void update(String sql, Object... params) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public long count(String sql, Object... params) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private UUID uuid(String sql, Object... params) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return (UUID) rs.getObject(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }
}
