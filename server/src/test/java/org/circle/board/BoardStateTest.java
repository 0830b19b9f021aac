package org.circle.board;

import org.circle.protocol.BoardLimits;
import org.circle.protocol.Colour;
import org.circle.protocol.FractionalIndex;
import org.circle.protocol.InvalidOperation;
import org.circle.protocol.Operation;
import org.circle.protocol.Operations;
import org.circle.protocol.Rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.circle.community.Role;
import org.circle.support.BoardFixtures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

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

  @TestFactory
  @DisplayName("The server reaches the board every shared fixture expects (web/test/fixtures/board), refusing what it says")
  Stream<DynamicTest> sharedFixtures() {
    return BoardFixtures.all().stream().map(story -> dynamicTest(story.toString(), () -> runOnServer(story)));
  }

  @Test
  @DisplayName("Order keys are the same as the browser's (web/test/fixtures/fractional.json)")
  void fractionalKeysAsTheBrowser() {
    for (Object o : BoardFixtures.read("fractional.json").getJsonArray("cases")) {
      JsonObject c = (JsonObject) o;
      assertEquals(c.getString("key"), FractionalIndex.between(c.getString("before"), c.getString("after")),
          "between(" + c.getString("before") + ", " + c.getString("after") + ")");
    }
  }

  private static void runOnServer(BoardFixtures.Story story) throws InvalidOperation {
    BoardState board = new BoardState();
    BoardInfo info = new BoardInfo(UUID.randomUUID(), UUID.randomUUID(), "Fixture", "free", story.anonymous(), story.voteBudget());
    int n = 0;
    for (BoardFixtures.Step step : story.steps()) {
      check(board, step, story.voteBudget(), "step " + ++n + " " + step.op().encode());
    }
    RoomMember viewer = new FakeMember(story.viewer().id(), story.viewer().name(), Role.PARTICIPANT);
    assertEquals(story.expect(), BoardView.snapshotFor(viewer, info, board), "the viewer's snapshot");
    story.votesLeft().ifPresent(left -> assertEquals(left, story.voteBudget() - board.votesUsedBy(story.viewer().id()), "votes left"));
    assertEquals(story.expect(), BoardView.snapshotFor(viewer, info, BoardState.fromJson(board.toJson())), "after a round trip through storage");
    if (story.pending().isEmpty()) return;
    // The viewer's pending operations arrive: those the fixture refuses are refused, the rest give the view the client showed.
    for (BoardFixtures.Step step : story.pending()) check(board, step, story.voteBudget(), "pending " + step.op().encode());
    assertEquals(story.expectView(), BoardView.snapshotFor(viewer, info, board), "the board once the pending changes arrived");
  }

  private static void check(BoardState board, BoardFixtures.Step step, int voteBudget, String what) throws InvalidOperation {
    Actor actor = new Actor(step.by().id(), step.by().name(), Role.parse(step.by().role()).orElseThrow(), true);
    Operation op = Operations.decode(step.op());
    Optional<Rejection> rejection = board.check(op, actor, voteBudget);
    assertEquals(step.rejected(), rejection.map(Rejection::wireName), what);
    if (rejection.isEmpty()) board.apply(op, actor.accountId(), actor.name());
  }
}
