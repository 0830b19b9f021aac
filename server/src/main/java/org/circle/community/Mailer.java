package org.circle.community;

import io.vertx.core.Future;

/** Sends invitation emails when SMTP is configured; otherwise the link is only shown to copy. */
public interface Mailer {
  /** Completes with true when the email was handed to the SMTP server. */
  Future<Boolean> sendInvitation(String to, String communityName, Role role, String url);

  Mailer NONE = (to, community, role, url) -> Future.succeededFuture(false);
}
