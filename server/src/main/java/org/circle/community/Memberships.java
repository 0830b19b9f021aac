package org.circle.community;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;

/** The role a person holds in a community, if any. Every route and frame is checked against it. */
public interface Memberships {
  Future<Optional<Role>> roleIn(UUID accountId, UUID communityId);

  /** Whether the person sponsors a community and is in no community's room (a participant or facilitator). */
  Future<Boolean> onlySponsor(UUID accountId);
}
