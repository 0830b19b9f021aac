package org.circle.theme;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.circle.board.BoardDirectory;
import org.circle.board.BoardInfo;
import org.circle.board.BoardLog;
import org.circle.board.BoardState;
import org.circle.board.Card;

/**
 * The cards on a community's boards as PostgreSQL holds them (every card is durable before anyone
 * sees it), for choosing the cards behind a theme. Card text only: never who wrote it, so nothing
 * here can undo an anonymous board.
 */
public final class CommunityCards {
  /** A board and its live cards, by card id. */
  public record BoardCards(BoardInfo board, Map<String, String> cards) {
    JsonObject toJson() {
      JsonArray list = new JsonArray();
      cards.forEach((id, text) -> list.add(new JsonObject().put("id", id).put("text", text)));
      return new JsonObject().put("id", board.id().toString()).put("title", board.title()).put("cards", list);
    }
  }

  private final BoardDirectory directory;
  private final BoardLog log;

  public CommunityCards(BoardDirectory directory, BoardLog log) {
    this.directory = directory;
    this.log = log;
  }

  public Future<List<BoardCards>> of(UUID community) {
    return directory.list(community).compose(boards -> {
      List<Future<Optional<BoardCards>>> loads = new ArrayList<>();
      for (BoardInfo b : boards) loads.add(load(b.id()));
      return Future.all(loads).map(all -> {
        List<BoardCards> out = new ArrayList<>();
        for (int i = 0; i < loads.size(); i++) all.<Optional<BoardCards>>resultAt(i).ifPresent(out::add);
        return out;
      });
    });
  }

  public Future<JsonArray> json(UUID community) {
    return of(community).map(boards -> {
      JsonArray out = new JsonArray();
      boards.forEach(b -> out.add(b.toJson()));
      return out;
    });
  }

  private Future<Optional<BoardCards>> load(UUID board) {
    return log.load(board, 0).map(loaded -> loaded.map(l -> new BoardCards(l.info(), texts(l.state()))));
  }

  /** Cards written in silence and not yet revealed stay with their authors. */
  private static Map<String, String> texts(BoardState state) {
    Map<String, String> cards = new LinkedHashMap<>();
    state.cards().values().stream().filter(c -> !state.hiddenFrom(c.id(), null)).sorted(Comparator.comparing(Card::position).thenComparing(Card::id))
        .forEach(c -> cards.put(c.id(), c.text()));
    return cards;
  }
}
