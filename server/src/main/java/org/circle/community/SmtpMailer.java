package org.circle.community;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import org.circle.config.SmtpSettings;

/** Invitation and notice emails through the configured SMTP server. */
public final class SmtpMailer implements Mailer {
  private final MailClient client;
  private final String from;

  public SmtpMailer(Vertx vertx, SmtpSettings smtp) {
    MailConfig config = new MailConfig()
        .setHostname(smtp.host())
        .setPort(smtp.port())
        .setStarttls(StartTLSOptions.valueOf(smtp.startTls().toUpperCase()));
    if (smtp.username() != null && !smtp.username().isBlank()) {
      config.setUsername(smtp.username()).setPassword(smtp.password());
    }
    this.client = MailClient.createShared(vertx, config, "circle-mail");
    this.from = smtp.from();
  }

  @Override
  public Future<Boolean> sendInvitation(String to, String communityName, Role role, String url) {
    MailMessage message = new MailMessage()
        .setFrom(from)
        .setTo(to)
        .setSubject("You are invited to join " + communityName + " on Circle")
        .setText("Hello,\n\nYou have been invited to join the learning community \"" + communityName + "\" on Circle as a "
            + role.wireName() + ".\n\nOpen this link to accept (it works once and expires in 7 days):\n" + url
            + "\n\nIf you were not expecting this, you can ignore this email.\n");
    return client.sendMail(message).map(result -> true);
  }

  @Override
  public Future<Boolean> sendMandateProposal(String to, String communityName, int version, String url) {
    MailMessage message = new MailMessage()
        .setFrom(from)
        .setTo(to)
        .setSubject("A change to the mandate of " + communityName + " needs your consent")
        .setText("Hello,\n\nThe sponsor and the facilitator of \"" + communityName + "\" propose a change to its mandate"
            + " (version " + version + "). It does not come into force unless everyone in the community consents;"
            + " until then the mandate you agreed stays in force.\n\nRead what would change, and give your answer, here:\n"
            + url + "\n");
    return client.sendMail(message).map(result -> true);
  }
}
