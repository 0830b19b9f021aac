package org.circle.community;

import io.vertx.core.Future;

/** Sends invitation and notice emails when SMTP is configured; otherwise links are only shown on screen. */
public interface Mailer {
  /** Completes with true when the email was handed to the SMTP server. */
  Future<Boolean> sendInvitation(String to, String communityName, Role role, String url);

  /**
   * Tells a member that a change to the mandate waits for their consent. Says only that a change
   * is proposed and where to read it: the mandate's words stay on Circle.
   */
  default Future<Boolean> sendMandateProposal(String to, String communityName, int version, String url) {
    return Future.succeededFuture(false);
  }

  Mailer NONE = (to, community, role, url) -> Future.succeededFuture(false);
}
