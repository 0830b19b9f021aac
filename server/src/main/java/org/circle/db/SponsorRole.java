package org.circle.db;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.circle.config.ConfigException;
import org.circle.config.DatabaseSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database role the sponsor's routes use, through a pool of their own: it may read the
 * released-themes store and write replies and access records, and nothing else. A mistake in a
 * sponsor route then cannot reach cards, comments, board events, journals or member names.
 *
 * <p>By default Circle creates the role itself ({@code circle_sponsor_<database>}), which needs a
 * database user that may create roles (the embedded PostgreSQL's superuser does). An operator whose
 * user may not creates a login role and names it in {@code CIRCLE_SPONSOR_DATABASE_URL}; Circle
 * then only grants it what it needs. Either way the role is checked at start-up: a role that can
 * read anything else, or that is a superuser, stops the server. Blocking (JDBC): runs before the
 * verticles are deployed.
 */
public final class SponsorRole {
  /**
   * All the role may read. The two views compute, with their owner's rights, only what a sponsor may
   * know of the community and of its sessions (aggregates under the minimum of 3).
   */
  public static final List<String> READABLE = List.of("released_theme", "theme_reply", "sponsor_community", "sponsor_session");
  private static final List<String> GRANTS = List.of(
      "GRANT SELECT ON released_theme, theme_reply, sponsor_community, sponsor_session TO %s",
      "GRANT INSERT, UPDATE ON theme_reply TO %s",
      "GRANT INSERT ON theme_access TO %s",
      "GRANT USAGE ON SEQUENCE theme_access_id_seq TO %s");
  private static final String PASSWORD_SETTING = "sponsor_role_password";
  /** The advisory lock (a single bigint key, like no other of Circle's) held while the role is made ready. */
  private static final long PREPARE_LOCK = 0x63697263_6c657370L;
  private static final Logger log = LoggerFactory.getLogger(SponsorRole.class);

  private SponsorRole() {}

  /** Makes the role ready and returns how to connect as it. */
  public static DatabaseSettings prepare(DatabaseSettings owner, Optional<DatabaseSettings> given) {
    DatabaseSettings sponsor;
    try (Connection c = connect(owner)) {
      // Nodes of a cluster start together: one at a time here, since PostgreSQL refuses two
      // concurrent changes of one role or grant ("tuple concurrently updated"). Freed with the connection.
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_lock(" + PREPARE_LOCK + ")");
      }
      if (given.isPresent()) {
        sponsor = given.get();
      } else {
        String role = roleName(owner.database());
        String password = storedPassword(c);
        createOrUpdate(c, role, password, owner);
        sponsor = new DatabaseSettings(owner.host(), owner.port(), owner.database(), role, password);
      }
      grant(c, quote(sponsor.user()), owner.database());
    } catch (SQLException e) {
      throw new ConfigException("Could not set up the sponsor's database role: " + e.getMessage());
    }
    verify(sponsor);
    log.info("Sponsor routes use the database role {}, which reads only {}", sponsor.user(), READABLE);
    return sponsor;
  }

  /** One role per database, so two Circle databases in one PostgreSQL cluster never share a password. */
  static String roleName(String database) {
    String safe = database.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    String name = "circle_sponsor_" + safe;
    return name.length() <= 63 ? name : name.substring(0, 54) + "_" + Integer.toHexString(database.hashCode());
  }

  /** The first node to start stores a random password; every node uses the same one. */
  private static String storedPassword(Connection c) throws SQLException {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO instance_setting (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
      s.setString(1, PASSWORD_SETTING);
      s.setString(2, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement("SELECT value FROM instance_setting WHERE name = ?")) {
      s.setString(1, PASSWORD_SETTING);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static void createOrUpdate(Connection c, String role, String password, DatabaseSettings owner) throws SQLException {
    String attributes = " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS PASSWORD '" + password + "'";
    try (Statement s = c.createStatement()) {
      boolean exists;
      try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
        exists = rs.next();
      }
      if (!exists) {
        try {
          s.execute("CREATE ROLE " + quote(role) + attributes);
        } catch (SQLException e) {
          // Another node created it meanwhile: fine, it is altered below.
          if (!"42710".equals(e.getSQLState())) throw e;
        }
      }
      s.execute("ALTER ROLE " + quote(role) + attributes);
    } catch (SQLException e) {
      if ("42501".equals(e.getSQLState())) {
        throw new ConfigException("The database user " + owner.user() + " may not create the sponsor's read-only role "
            + role + ". Either allow it (ALTER ROLE " + owner.user() + " CREATEROLE) or create a login role yourself and set "
            + "CIRCLE_SPONSOR_DATABASE_URL to it; see README.md, 'The sponsor's database role'.");
      }
      throw e;
    }
  }

  /** Takes back anything the role was given on this database's tables, then grants exactly what it needs. */
  private static void grant(Connection c, String role, String database) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM " + role);
      s.execute("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM " + role);
      try {
        s.execute("GRANT CONNECT ON DATABASE " + quote(database) + " TO " + role);
      } catch (SQLException e) {
        // Not the database's owner: PUBLIC usually may connect; the check below says if not.
        if (!"42501".equals(e.getSQLState())) throw e;
      }
      s.execute("GRANT USAGE ON SCHEMA public TO " + role);
      for (String grant : GRANTS) s.execute(String.format(grant, role));
    }
  }

  /** Connects as the role and refuses to start if it may read anything but the released store. */
  static void verify(DatabaseSettings sponsor) {
    try (Connection c = connect(sponsor); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")) {
        if (rs.next() && rs.getBoolean(1)) {
          throw new ConfigException("The sponsor's database role " + sponsor.user()
              + " is a superuser or bypasses row security; give it a plain login role.");
        }
      }
      List<String> readable = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("""
          SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
            AND has_table_privilege(current_user, c.oid, 'SELECT')
          """)) {
        while (rs.next()) {
          if (!READABLE.contains(rs.getString(1))) readable.add(rs.getString(1));
        }
      }
      if (!readable.isEmpty()) {
        throw new ConfigException("The sponsor's database role " + sponsor.user() + " can read " + String.join(", ", readable)
            + ", which sponsors must never reach. Revoke it (REVOKE ALL ON <table> FROM " + sponsor.user() + ") and start again.");
      }
    } catch (SQLException e) {
      throw new ConfigException("Cannot connect as the sponsor's database role " + sponsor.describe() + ": " + e.getMessage()
          + ". Check CIRCLE_SPONSOR_DATABASE_URL, or that PostgreSQL lets this role sign in (pg_hba.conf).");
    }
  }

  private static Connection connect(DatabaseSettings db) throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
