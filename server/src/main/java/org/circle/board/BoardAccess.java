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
  /** The person may use the board with this role; {@code writable} follows the community's phase. */
  public record Decision(UUID communityId, Role role, boolean writable) {}

  private final BoardDirectory directory;
  private final Memberships memberships;

  public BoardAccess(BoardDirectory directory, Memberships memberships) {
    this.directory = directory;
    this.memberships = memberships;
  }

  /** Empty when the board does not exist, the person is not a member, or is a sponsor (who never sees raw cards). */
  public Future<Optional<Decision>> decide(UUID boardId, UUID accountId) {
    return directory.place(boardId).compose(place -> {
      if (place.isEmpty()) return Future.succeededFuture(Optional.empty());
      return memberships.roleIn(accountId, place.get().communityId()).map(role -> role
          .filter(Role::seesRoomContent)
          .map(r -> new Decision(place.get().communityId(), r, place.get().writable())));
    });
  }
}
