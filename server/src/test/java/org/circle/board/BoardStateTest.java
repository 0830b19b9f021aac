package org.circle.board;

import org.circle.protocol.BoardLimits;
import org.circle.protocol.Colour;
import org.circle.protocol.Operation;
import org.circle.protocol.Rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.UUID;
import org.circle.community.Role;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BoardStateTest {
  private final UUID ada = UUID.randomUUID();
  private final UUID bo = UUID.randomUUID();
  private final Actor adaWrites = new Actor(ada, "Ada", Role.PARTICIPANT, true);
  private final Actor boWrites = new Actor(bo, "Bo", Role.PARTICIPANT, true);
  private final Actor facilitator = new Actor(UUID.randomUUID(), "Fran", Role.FACILITATOR, true);
  private final BoardState state = new BoardState();

  private Optional<Rejection> apply(Operation op, Actor actor) {
    Optional<Rejection> r = state.check(op, actor, 2);
    if (r.isEmpty()) state.apply(op, actor.accountId(), actor.name());
    return r;
  }

  private void card(String id, Actor actor) {
    assertEquals(Optional.empty(), apply(new Operation.CreateCard(id, "text", Colour.YELLOW, null, "V"), actor));
  }

  @Test
  @DisplayName("The last edit of a field wins, and edits of different fields both survive")
  void lastWriterWinsPerField() {
    card("c1", adaWrites);
    apply(new Operation.EditText("c1", "first"), adaWrites);
    apply(new Operation.SetColour("c1", Colour.BLUE), facilitator);
    apply(new Operation.EditText("c1", "second"), facilitator);
    assertEquals("second", state.cards().get("c1").text());
    assertEquals(Colour.BLUE, state.cards().get("c1").colour());
  }

  @Test
  @DisplayName("A delete wins: an edit of a deleted card is rejected and the id cannot be reused")
  void deleteWins() {
    card("c1", adaWrites);
    apply(new Operation.DeleteCard("c1"), adaWrites);
    assertEquals(Optional.of(Rejection.DELETED), apply(new Operation.EditText("c1", "late edit"), adaWrites));
    assertEquals(Optional.of(Rejection.DELETED), apply(new Operation.MoveCard("c1", null, "a"), boWrites));
    assertEquals(Optional.of(Rejection.DUPLICATE_ID), apply(new Operation.CreateCard("c1", "again", Colour.PINK, null, "V"), adaWrites));
    assertTrue(state.cards().isEmpty());
  }

  @Test
  @DisplayName("Only the author or a facilitator edits or deletes a card; anyone may move it")
  void permissions() {
    card("c1", adaWrites);
    assertEquals(Optional.of(Rejection.FORBIDDEN), apply(new Operation.EditText("c1", "mine now"), boWrites));
    assertEquals(Optional.of(Rejection.FORBIDDEN), apply(new Operation.DeleteCard("c1"), boWrites));
    assertEquals(Optional.empty(), apply(new Operation.MoveCard("c1", null, "a"), boWrites));
    assertEquals(Optional.empty(), apply(new Operation.EditText("c1", "tidied"), facilitator));
    assertEquals(Optional.of(Rejection.FORBIDDEN), apply(new Operation.LockBoard(true), adaWrites));
  }

  @Test
  @DisplayName("Votes stay within each person's budget, and deleting a card gives its votes back")
  void voteBudget() {
    card("c1", adaWrites);
    card("c2", adaWrites);
    assertEquals(Optional.empty(), apply(new Operation.Vote("c1"), boWrites));
    assertEquals(Optional.empty(), apply(new Operation.Vote("c1"), boWrites));
    assertEquals(Optional.of(Rejection.VOTE_BUDGET), apply(new Operation.Vote("c2"), boWrites));
    assertEquals(Optional.of(Rejection.NO_VOTE), apply(new Operation.Unvote("c2"), boWrites));
    assertEquals(2, state.cards().get("c1").totalVotes());
    apply(new Operation.DeleteCard("c1"), adaWrites);
    assertEquals(Optional.empty(), apply(new Operation.Vote("c2"), boWrites));
  }

  @Test
  @DisplayName("Deleting a group ungroups its cards; grouping into a deleted group is rejected")
  void groups() {
    apply(new Operation.CreateGroup("g1", "Referrals", "V"), adaWrites);
    card("c1", adaWrites);
    apply(new Operation.MoveCard("c1", "g1", "V"), boWrites);
    assertEquals("g1", state.cards().get("c1").group());
    apply(new Operation.DeleteGroup("g1"), boWrites);
    assertEquals(null, state.cards().get("c1").group());
    assertEquals(Optional.of(Rejection.DELETED), apply(new Operation.MoveCard("c1", "g1", "V"), boWrites));
  }

  @Test
  @DisplayName("A board holds at most 500 cards")
  void cardLimit() {
    for (int i = 0; i < BoardLimits.MAX_CARDS; i++) card("c" + i, adaWrites);
    assertEquals(Optional.of(Rejection.BOARD_FULL), apply(new Operation.CreateCard("one-more", "", Colour.YELLOW, null, "V"), adaWrites));
  }

  @Test
  @DisplayName("Sponsors are refused, read-only phases are refused, a locked board takes only the facilitator's changes")
  void roleAndPhase() {
    card("c1", adaWrites);
    assertEquals(Optional.of(Rejection.FORBIDDEN), apply(new Operation.Vote("c1"), new Actor(UUID.randomUUID(), "S", Role.SPONSOR, true)));
    assertEquals(Optional.of(Rejection.READ_ONLY), apply(new Operation.Vote("c1"), new Actor(bo, "Bo", Role.PARTICIPANT, false)));
    apply(new Operation.LockBoard(true), facilitator);
    assertEquals(Optional.of(Rejection.BOARD_LOCKED), apply(new Operation.Vote("c1"), boWrites));
    assertEquals(Optional.empty(), apply(new Operation.EditText("c1", "facilitator note"), facilitator));
  }

  @Test
  @DisplayName("The snapshot JSON round-trips to the same state")
  void snapshotRoundTrip() {
    apply(new Operation.CreateGroup("g1", "Referrals", "V"), adaWrites);
    card("c1", adaWrites);
    apply(new Operation.Vote("c1"), boWrites);
    apply(new Operation.AddComment("m1", "c1", "same here"), boWrites);
    card("c2", adaWrites);
    apply(new Operation.DeleteCard("c2"), adaWrites);
    BoardState copy = BoardState.fromJson(state.toJson());
    assertEquals(state.toJson(), copy.toJson());
    assertEquals(1, copy.votesUsedBy(bo));
    assertEquals(Optional.of(Rejection.DUPLICATE_ID), copy.check(new Operation.CreateCard("c2", "", Colour.YELLOW, null, "V"), adaWrites, 2));
  }
}
