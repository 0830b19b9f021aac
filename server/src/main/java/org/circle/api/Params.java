package org.circle.api;

import org.circle.http.Operation.Parameter;
import org.circle.input.Schema;

/** The parameters the API's paths and queries share. */
final class Params {
  static final Parameter COMMUNITY = Parameter.path("communityId", Schema.uuid(), "The community");
  static final Parameter ACCOUNT = Parameter.path("accountId", Schema.uuid(), "The member's account");
  static final Parameter INVITATION = Parameter.path("invitationId", Schema.uuid(), "The pending invitation");
  static final Parameter PROPOSAL = Parameter.path("proposalId", Schema.uuid(), "The membership proposal");
  static final Parameter VERSION = Parameter.path("version", Schema.whole(1, Integer.MAX_VALUE), "A version number, from 1");
  static final Parameter INVITATION_TOKEN = Parameter.path("token", Schema.anyText(), "The invitation's secret token, from its link");
  static final Parameter LINK_TOKEN = Parameter.path("token", Schema.anyText(), "The set-up link's secret token");
  static final Parameter FROM = Parameter.query("from", Schema.whole(1, Integer.MAX_VALUE), "The older version");
  static final Parameter TO = Parameter.query("to", Schema.whole(1, Integer.MAX_VALUE), "The newer version");

  private Params() {}
}
