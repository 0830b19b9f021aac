package org.circle.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The test client's apply rules against the fixtures the server and the browser run too. */
class ClientBoardTest {

  @TestFactory
  @DisplayName("The test client reaches the board every shared fixture expects (web/test/fixtures/board)")
  Stream<DynamicTest> sharedFixtures() {
    return BoardFixtures.all().stream().map(story -> dynamicTest(story.toString(), () -> run(story)));
  }

  private static void run(BoardFixtures.Story story) {
    String me = story.viewer().id().toString();
    ClientBoard board = new ClientBoard(me);
    for (BoardFixtures.Event e : story.events()) board.apply(e.seq(), e.op(), e.author());
    assertEquals(story.events().size(), board.seq());
    assertEquals(story.expect(), board.toJson(), "the confirmed board");
    story.votesLeft().ifPresent(left -> assertEquals(left, board.votesLeft(story.voteBudget()), "votes left"));

    ClientBoard joined = new ClientBoard(me);
    joined.snapshot(board.toJson(), board.seq());
    assertEquals(story.expect(), joined.toJson(), "the board rebuilt from its snapshot");

    if (!story.pending().isEmpty()) {
      // Pending operations on top of what is confirmed, as the browser shows them.
      long seq = board.seq();
      for (BoardFixtures.Step p : story.pending()) board.apply(++seq, p.op(), story.viewer().author());
      assertEquals(story.expectView(), board.toJson(), "pending changes on top of the confirmed board");
    }
  }
}
