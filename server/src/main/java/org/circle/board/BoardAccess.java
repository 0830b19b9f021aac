package org.circle.board;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;
import org.circle.community.Memberships;
import org.circle.community.Role;

/**
 * Decides, for one person and one board, whether they may use it and with which role. Asked on
 * every join and again while a connection sends operations, so a removed member or a change of
 * phase takes effect within {@code ConnectionLimits.accessRecheckMs}.
 */
public class BoardAccess {
  /** Whether a member has agreed to the ground rules in force (true while none are). */
  @FunctionalInterface
  public interface ConsentGate {
    Future<Boolean> hasConsented(UUID communityId, UUID accountId);
  }

  /**
   * The person is in the room with this role. {@code writable} follows the community's phase;
   * {@code consented} is false for a member who has not yet agreed to the current ground rules
   * and so may not see session content.
   */
  public record Decision(UUID communityId, Role role, boolean writable, boolean consented) {}

  private final BoardDirectory directory;
  private final Memberships memberships;
  private final ConsentGate consent;

  public BoardAccess(BoardDirectory directory, Memberships memberships, ConsentGate consent) {
    this.directory = directory;
    this.memberships = memberships;
    this.consent = consent;
  }

  /** Empty when the board does not exist, the person is not a member, or is a sponsor (who never sees raw cards). */
  public Future<Optional<Decision>> decide(UUID boardId, UUID accountId) {
    return directory.place(boardId).compose(place -> {
      if (place.isEmpty()) return Future.succeededFuture(Optional.empty());
      UUID community = place.get().communityId();
      return memberships.roleIn(accountId, community).compose(role -> {
        if (role.isEmpty() || !role.get().seesRoomContent()) return Future.succeededFuture(Optional.<Decision>empty());
        return consent.hasConsented(community, accountId)
            .map(agreed -> Optional.of(new Decision(community, role.get(), place.get().writable(), agreed)));
      });
    });
  }
}
