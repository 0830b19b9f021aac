package org.circle.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.circle.support.ApiClient;
import org.circle.support.SmtpSink;
import org.circle.support.TestAccounts;
import org.circle.support.TestDatabases;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InvitationEmailTest {

  @Test
  @DisplayName("With SMTP configured, an invitation with an email address is also sent by email, with its link")
  void invitationIsEmailed() throws Exception {
    try (SmtpSink smtp = new SmtpSink();
         TestServer server = TestServer.start(TestDatabases.fresh(), Map.of(
             "CIRCLE_SMTP_HOST", "127.0.0.1", "CIRCLE_SMTP_PORT", String.valueOf(smtp.port()),
             "CIRCLE_SMTP_FROM", "circle@example.org", "CIRCLE_SMTP_STARTTLS", "disabled"))) {
      TestAccounts.Person fran = TestAccounts.person(server.db(), "Fran", false, true);
      String community = ApiClient.as(server, fran).post("/api/communities", new JsonObject().put("name", "Nurses")).json().getString("id");
      ApiClient.Response invited = ApiClient.as(server, fran).post("/api/communities/" + community + "/invitations",
          new JsonObject().put("role", "participant").put("email", "nia@example.org"));
      assertEquals(201, invited.status(), invited.body());
      assertTrue(invited.json().getBoolean("emailed"), invited.body());
      assertEquals(1, smtp.messages().size());
      String mail = smtp.messages().get(0);
      assertTrue(mail.contains("nia@example.org"), mail);
      assertTrue(mail.contains("Nurses"), mail);
      String url = invited.json().getString("url");
      assertTrue(mail.replace("=\n", "").contains(url.substring(url.lastIndexOf('/') + 1)), "the mail carries the link");
    }
  }
}
