package org.circle.board;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.circle.community.Role;
import org.circle.protocol.Operation;

/**
 * What withdrawing a person from one board takes, as ordinary sequenced operations in their name
 * (shown as {@value #NAME}), so every client sees their words go: their comments on others' cards
 * and their own cards (with the comments on them) are deleted; where the current text of someone
 * else's card, or a group's title, is theirs, it becomes {@value #TEXT}. Running it again finds
 * nothing more to do.
 */
final class RoomWithdrawal {
  static final String NAME = "Former member";
  /** Stands in for withdrawn words; it passes the same checks as any text when a room reloads. */
  static final String TEXT = "(withdrawn)";
  static final String CLIENT = "withdrawal";

  private RoomWithdrawal() {}

  /** Withdrawal may change what is locked or not the person's own: it acts as a facilitator would. */
  static Actor actor(UUID accountId) {
    return new Actor(accountId, NAME, Role.FACILITATOR, true);
  }

  static List<Operation> operations(UUID accountId, BoardState state) {
    List<Operation> ops = new ArrayList<>();
    state.comments().values().stream()
        .filter(c -> c.authorId().equals(accountId))
        .filter(c -> state.cards().get(c.card()) == null || !state.cards().get(c.card()).authorId().equals(accountId))
        .forEach(c -> ops.add(new Operation.DeleteComment(c.id())));
    state.cards().values().stream()
        .filter(c -> !c.authorId().equals(accountId) && accountId.equals(c.textBy()) && !TEXT.equals(c.text()))
        .forEach(c -> ops.add(new Operation.EditText(c.id(), TEXT)));
    state.groups().values().stream()
        .filter(g -> accountId.equals(g.titleBy()) && !TEXT.equals(g.title()))
        .forEach(g -> ops.add(new Operation.RenameGroup(g.id(), TEXT)));
    state.cards().values().stream()
        .filter(c -> c.authorId().equals(accountId))
        .forEach(c -> ops.add(new Operation.DeleteCard(c.id())));
    return ops;
  }
}
