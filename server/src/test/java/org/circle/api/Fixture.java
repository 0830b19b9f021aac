package org.circle.api;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.circle.account.Tokens;
import org.circle.community.Role;
import org.circle.config.DatabaseSettings;
import org.circle.support.TestAccounts;
import org.circle.support.TestAccounts.Person;

/**
 * One community with a person in every role, an outsider from another community, an
 * administrator, and live secrets (an invitation, a set-up link) for the routes that need them.
 */
final class Fixture {
  final UUID community;
  final Map<String, Person> identities = new LinkedHashMap<>();
  final Person removable;
  final Person spare;
  final String invitationToken = Tokens.newToken();
  final String accountLinkToken = Tokens.newToken();
  final UUID invitationId = UUID.randomUUID();

  Fixture(DatabaseSettings db) {
    // One connection for the whole fixture: the sweep builds one per state-changing call and identity.
    try (Connection c = TestAccounts.connect(db)) {
      community = TestAccounts.community(c, "Duty social workers");
      UUID other = TestAccounts.community(c, "Another community");
      Person outsider = TestAccounts.person(c, "Olive Outsider", false, false);
      TestAccounts.join(c, other, outsider, Role.PARTICIPANT);
      Person participant = TestAccounts.person(c, "Pat Participant", false, false);
      TestAccounts.join(c, community, participant, Role.PARTICIPANT);
      Person facilitator = TestAccounts.person(c, "Fran Facilitator", false, true);
      TestAccounts.join(c, community, facilitator, Role.FACILITATOR);
      Person coFacilitator = TestAccounts.person(c, "Cam Cofacilitator", false, true);
      TestAccounts.join(c, community, coFacilitator, Role.FACILITATOR);
      Person sponsor = TestAccounts.person(c, "Sam Sponsor", false, false);
      TestAccounts.join(c, community, sponsor, Role.SPONSOR);
      removable = TestAccounts.person(c, "Rory Removable", false, false);
      TestAccounts.join(c, community, removable, Role.PARTICIPANT);
      Person admin = TestAccounts.person(c, "Ada Admin", true, false);
      spare = TestAccounts.person(c, "Spare Person", false, false);
      identities.put("anonymous", null);
      identities.put("outsider", outsider);
      identities.put("participant", participant);
      identities.put("facilitator", facilitator);
      identities.put("sponsor", sponsor);
      identities.put("admin", admin);
      insertSecrets(c, facilitator);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void insertSecrets(Connection c, Person facilitator) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("""
        INSERT INTO invitation (id, community_id, role, token_hash, created_by, expires_at)
        VALUES (?, ?, 'participant', ?, ?, now() + interval '1 day')""")) {
      s.setObject(1, invitationId);
      s.setObject(2, community);
      s.setBytes(3, Tokens.hash(invitationToken));
      s.setObject(4, facilitator.id());
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement("""
        INSERT INTO account_link (purpose, email, display_name, token_hash, expires_at)
        VALUES ('facilitator', ?, 'Newly Added', ?, now() + interval '1 day')""")) {
      s.setString(1, TestAccounts.uniqueEmail("linked"));
      s.setBytes(2, Tokens.hash(accountLinkToken));
      s.executeUpdate();
    }
  }

  /** A documented path with its parameters filled in from this fixture. */
  String resolve(String openApiPath) {
    String token = openApiPath.startsWith("/api/account-links/") ? accountLinkToken : invitationToken;
    return openApiPath
        .replace("{communityId}", community.toString())
        .replace("{accountId}", removable.id().toString())
        .replace("{invitationId}", invitationId.toString())
        .replace("{version}", "1")
        .replace("{token}", token)
        // Any other id (a proposal, theme, session, experiment ...): one nobody has, so a route added later is swept too.
        .replaceAll("\\{[a-zA-Z]+Id\\}", UUID.randomUUID().toString());
  }

  /** An operation's documented example body, with live secrets and fresh addresses in place of the examples'. */
  JsonObject body(String operationId, JsonObject example) {
    JsonObject body = example.copy();
    for (String field : body.fieldNames()) {
      if (field.equals("password") || field.equals("currentPassword")) body.put(field, TestAccounts.PASSWORD);
      // Signing in needs an account that exists; everything else that takes an address wants a new one.
      if (field.equals("email")) body.put(field, operationId.equals("signIn") ? spare.email() : TestAccounts.uniqueEmail("new"));
    }
    return body;
  }
}
