package org.circle.export;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.circle.board.BoardLog;
import org.circle.board.BoardState;
import org.circle.board.Card;
import org.circle.board.Comment;
import org.circle.board.Group;

/**
 * A community's boards, themes and sessions for its members to keep, following the same privacy
 * rules as the screens: a card or comment on an anonymous board carries no author, a card written
 * in silence and not yet revealed is left out (with its comments), votes are totals only, and
 * journals are never part of it.
 */
public final class CommunityExport {
  private static final String COMMUNITY = "SELECT name FROM community WHERE id = $1";
  private static final String BOARDS = "SELECT id FROM board WHERE community_id = $1 ORDER BY created_at, id";
  private static final String THEMES = """
      SELECT t.title, t.summary, t.category, t.status, r.band, r.released_at, p.text AS reply
      FROM theme t LEFT JOIN released_theme r ON r.theme_id = t.id LEFT JOIN theme_reply p ON p.theme_id = t.id
      WHERE t.community_id = $1 ORDER BY t.created_at, t.id
      """;
  private static final String SESSIONS = """
      SELECT s.title, s.starts_at, s.duration_minutes, s.state,
             (SELECT string_agg(g.title, '; ' ORDER BY g.position) FROM session_segment g
              WHERE g.session_id = s.id AND g.removed_at IS NULL) AS agenda
      FROM community_session s WHERE s.community_id = $1 ORDER BY s.starts_at, s.id
      """;

  /** One board as a member may see it. */
  record BoardPage(String title, boolean anonymous, List<Group> groups, List<Card> cards, List<Comment> comments) {}

  record ThemeLine(String title, String summary, String category, String status, String band, String releasedAt, String reply) {}

  record SessionLine(String title, String startsAt, int minutes, String state, String agenda) {}

  /** Everything in the export, before it is written out. */
  record Content(String community, List<BoardPage> boards, List<ThemeLine> themes, List<SessionLine> sessions) {}

  private final Pool pool;
  private final BoardLog boards;

  public CommunityExport(Pool pool, BoardLog boards) {
    this.pool = pool;
    this.boards = boards;
  }

  public Future<String> markdown(UUID community) {
    return content(community).map(CommunityExport::markdown);
  }

  public Future<String> csv(UUID community) {
    return content(community).map(CommunityExport::csv);
  }

  Future<Content> content(UUID community) {
    Tuple id = Tuple.of(community);
    return pool.preparedQuery(COMMUNITY).execute(id).compose(named -> {
      String name = named.iterator().next().getString(0);
      List<BoardPage> pages = new ArrayList<>();
      return pool.preparedQuery(BOARDS).execute(id).compose(rows -> {
        Future<Void> chain = Future.succeededFuture();
        for (Row r : rows) {
          UUID board = r.getUUID(0);
          chain = chain.compose(v -> boards.load(board, 0).map(loaded -> {
            loaded.ifPresent(l -> pages.add(page(l.info().title(), l.info().anonymous(), l.state())));
            return null;
          }));
        }
        return chain;
      }).compose(v -> pool.preparedQuery(THEMES).execute(id)).compose(themeRows -> {
        List<ThemeLine> themes = new ArrayList<>();
        for (Row t : themeRows) {
          themes.add(new ThemeLine(t.getString(0), t.getString(1), t.getString(2), t.getString(3), t.getString(4),
              t.getOffsetDateTime(5) == null ? null : t.getOffsetDateTime(5).toString(), t.getString(6)));
        }
        return pool.preparedQuery(SESSIONS).execute(id).map(sessionRows -> {
          List<SessionLine> sessions = new ArrayList<>();
          for (Row s : sessionRows) {
            sessions.add(new SessionLine(s.getString(0), s.getOffsetDateTime(1).toString(), s.getInteger(2), s.getString(3),
                s.getString(4)));
          }
          return new Content(name, pages, themes, sessions);
        });
      });
    });
  }

  /** The board as every member sees it: no card still written in silence, nor the comments on one. */
  static BoardPage page(String title, boolean anonymous, BoardState state) {
    List<Card> cards = state.cards().values().stream().filter(c -> !state.unrevealed(c.id()))
        .sorted(Comparator.comparing(Card::position).thenComparing(Card::id)).toList();
    List<Comment> comments = state.comments().values().stream()
        .filter(c -> state.cards().containsKey(c.card()) && !state.unrevealed(c.card())).toList();
    List<Group> groups = state.groups().values().stream().sorted(Comparator.comparing(Group::position).thenComparing(Group::id)).toList();
    return new BoardPage(title, anonymous, groups, cards, comments);
  }

  private static String author(BoardPage board, String name) {
    return board.anonymous() ? null : name;
  }

  static String markdown(Content content) {
    Markdown md = new Markdown().heading(1, content.community())
        .line("Exported from Circle for the community's members. Journals are never exported; on anonymous boards nobody's name is shown.")
        .blank();
    md.heading(2, "Boards");
    if (content.boards().isEmpty()) md.line("No boards.");
    for (BoardPage board : content.boards()) {
      md.heading(3, board.title() + (board.anonymous() ? " (anonymous)" : ""));
      List<String> groupIds = new ArrayList<>(board.groups().stream().map(Group::id).toList());
      groupIds.add(null);
      for (String g : groupIds) {
        List<Card> cards = board.cards().stream().filter(c -> java.util.Objects.equals(c.group(), g)).toList();
        if (g == null && cards.isEmpty()) continue;
        md.line(g == null ? "**Not in a group**" : "**" + Markdown.escape(board.groups().stream()
            .filter(x -> x.id().equals(g)).findFirst().orElseThrow().title()) + "**").blank();
        if (cards.isEmpty()) md.line("No cards.");
        for (Card c : cards) {
          md.item(c.text(), author(board, c.authorName()), c.totalVotes() == 0 ? null : c.totalVotes() + " votes");
          for (Comment comment : board.comments()) {
            if (comment.card().equals(c.id())) {
              String who = author(board, comment.authorName());
              md.line("  - " + Markdown.escape(comment.text()).replace("\n", "\n    ") + (who == null ? "" : " (" + Markdown.escape(who) + ")"));
            }
          }
        }
        md.blank();
      }
    }
    md.heading(2, "Themes");
    if (content.themes().isEmpty()) md.line("No themes.");
    for (ThemeLine t : content.themes()) {
      md.item(t.title() + ": " + t.summary(), t.category().replace('_', ' '), t.status()
          + (t.band() == null ? "" : ", contributors " + t.band()));
      if (t.reply() != null) md.line("  - Sponsor's reply: " + Markdown.escape(t.reply()).replace("\n", "\n    "));
    }
    md.heading(2, "Sessions");
    if (content.sessions().isEmpty()) md.line("No sessions.");
    for (SessionLine s : content.sessions()) {
      md.item(s.title(), s.startsAt() + ", " + s.minutes() + " minutes, " + s.state(), s.agenda() == null ? null : "agenda: " + s.agenda());
    }
    return md.toString();
  }

  static String csv(Content content) {
    Csv csv = new Csv("record", "where", "title", "text", "author", "votes", "category", "status", "date");
    for (BoardPage board : content.boards()) {
      for (Group g : board.groups()) csv.row("group", board.title(), g.title(), "", "", "", "", "", "");
      for (Card c : board.cards()) {
        Group g = board.groups().stream().filter(x -> x.id().equals(c.group())).findFirst().orElse(null);
        csv.row("card", board.title(), g == null ? "" : g.title(), c.text(), author(board, c.authorName()), c.totalVotes(), "", "", "");
      }
      for (Comment comment : board.comments()) {
        Card on = board.cards().stream().filter(c -> c.id().equals(comment.card())).findFirst().orElse(null);
        csv.row("comment", board.title(), on == null ? "" : on.text(), comment.text(), author(board, comment.authorName()), "", "", "", "");
      }
    }
    for (ThemeLine t : content.themes()) {
      csv.row("theme", "themes", t.title(), t.summary(), "", "", t.category(), t.status(), t.releasedAt());
      if (t.reply() != null) csv.row("reply", "themes", t.title(), t.reply(), "sponsor", "", "", "", "");
    }
    for (SessionLine s : content.sessions()) {
      csv.row("session", "sessions", s.title(), s.agenda(), "", "", "", s.state(), s.startsAt());
    }
    return csv.toString();
  }
}
