package org.circle.board;

import org.circle.protocol.BoardLimits;
import org.circle.protocol.Colour;
import org.circle.protocol.Operation;
import org.circle.protocol.Rejection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import org.circle.protocol.FractionalIndex;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.circle.community.Role;

/**
 * The content of one board and the rules for changing it. Not thread-safe: a room owns it on one
 * context. {@link #check} decides whether an operation may be applied; {@link #apply} applies one
 * that was accepted (also when replaying the event log). Operations are applied in sequence order,
 * so the last writer wins per field, and a deleted id stays deleted: a delete wins over an edit.
 */
public final class BoardState {
  private final Map<String, Card> cards;
  private final Map<String, Group> groups;
  private final Map<String, Comment> comments;
  private final Set<String> deleted;
  private final Map<UUID, Integer> votesUsed;
  private boolean locked;
  /** Silent writing is on: cards written now are seen by their authors alone until the reveal. */
  private boolean silent;
  /** Cards written in silence and not yet revealed; each is seen by its author alone. */
  private final Set<String> unrevealed;

  public BoardState() {
    this(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new HashSet<>(), new HashMap<>(), false,
        false, new LinkedHashSet<>());
  }

  private BoardState(Map<String, Card> cards, Map<String, Group> groups, Map<String, Comment> comments,
                     Set<String> deleted, Map<UUID, Integer> votesUsed, boolean locked, boolean silent, Set<String> unrevealed) {
    this.cards = cards;
    this.groups = groups;
    this.comments = comments;
    this.deleted = deleted;
    this.votesUsed = votesUsed;
    this.locked = locked;
    this.silent = silent;
    this.unrevealed = unrevealed;
  }

  public BoardState copy() {
    return new BoardState(new LinkedHashMap<>(cards), new LinkedHashMap<>(groups), new LinkedHashMap<>(comments),
        new HashSet<>(deleted), new HashMap<>(votesUsed), locked, silent, new LinkedHashSet<>(unrevealed));
  }

  public boolean silent() { return silent; }

  /** Whether this card was written in silence and is not revealed yet: seen by its author alone. */
  public boolean unrevealed(String cardId) { return unrevealed.contains(cardId); }

  /** Whether {@code account} may not see this card (yet): written in silence by someone else, not revealed. */
  public boolean hiddenFrom(String cardId, UUID account) {
    if (!unrevealed.contains(cardId)) return false;
    Card card = cards.get(cardId);
    return card == null || !card.authorId().equals(account);
  }

  /** How many cards {@code account} may not see yet: all they may be told about them. */
  public int hiddenCount(UUID account) {
    return (int) unrevealed.stream().filter(id -> hiddenFrom(id, account)).count();
  }

  /**
   * Whether an operation, applied now, concerns a card written in silence and not yet revealed
   * (or writes one): then its event reaches its author alone.
   */
  public boolean concernsUnrevealed(Operation op) {
    if (op instanceof Operation.CreateCard) return silent;
    if (op instanceof Operation.DeleteComment d) {
      Comment c = comments.get(d.comment());
      return c != null && unrevealed.contains(c.card());
    }
    return op.cardId().filter(unrevealed::contains).isPresent();
  }

  /**
   * The operation as the room applies it. A reveal is completed here: the cards written in silence,
   * in a shuffled order, each placed after the cards already shown in its group, so neither the
   * order of writing nor who wrote several can be read from the order or the positions.
   */
  public Operation prepare(Operation op, java.util.Random random) {
    if (!(op instanceof Operation.Reveal)) return op;
    List<String> order = new ArrayList<>(unrevealed);
    Collections.shuffle(order, random);
    Map<String, String> last = new HashMap<>();
    for (Card c : cards.values()) {
      if (unrevealed.contains(c.id())) continue;
      last.merge(String.valueOf(c.group()), c.position(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }
    List<Operation.Reveal.Placed> placed = new ArrayList<>();
    Map<String, Integer> counts = new HashMap<>();
    Map<String, String> bases = new HashMap<>();
    for (String id : order) {
      String group = String.valueOf(cards.get(id).group());
      String base = bases.computeIfAbsent(group, g -> FractionalIndex.between(last.get(g), null));
      int n = counts.merge(group, 1, Integer::sum);
      placed.add(new Operation.Reveal.Placed(id, RevealPositions.after(base, n)));
    }
    return new Operation.Reveal(placed);
  }

  public Map<String, Card> cards() { return cards; }
  public Map<String, Group> groups() { return groups; }
  public Map<String, Comment> comments() { return comments; }
  public boolean locked() { return locked; }

  public int votesUsedBy(UUID accountId) {
    return votesUsed.getOrDefault(accountId, 0);
  }

  /** Empty when {@code actor} may apply {@code op} now; otherwise the reason it may not. */
  public Optional<Rejection> check(Operation op, Actor actor, int voteBudget) {
    if (!actor.role().seesRoomContent()) return Optional.of(Rejection.FORBIDDEN);
    if (!actor.phaseWritable()) return Optional.of(Rejection.READ_ONLY);
    boolean facilitator = actor.role() == Role.FACILITATOR;
    if (op instanceof Operation.LockBoard) return facilitator ? Optional.empty() : Optional.of(Rejection.FORBIDDEN);
    if (op instanceof Operation.StartSilentWriting) return facilitator ? Optional.empty() : Optional.of(Rejection.FORBIDDEN);
    if (op instanceof Operation.Reveal) {
      if (!facilitator) return Optional.of(Rejection.FORBIDDEN);
      return silent || !unrevealed.isEmpty() ? Optional.empty() : Optional.of(Rejection.NOTHING_HIDDEN);
    }
    if (locked && !facilitator) return Optional.of(Rejection.BOARD_LOCKED);
    // A card written in silence does not exist for anyone but its author until the reveal, facilitators included.
    Optional<String> concerned = op instanceof Operation.DeleteComment d && comments.containsKey(d.comment())
        ? Optional.of(comments.get(d.comment()).card()) : op.cardId();
    if (!(op instanceof Operation.CreateCard) && concerned.filter(id -> hiddenFrom(id, actor.accountId())).isPresent()) {
      return Optional.of(Rejection.NOT_FOUND);
    }
    if (op instanceof Operation.CreateCard c) {
      if (taken(c.card())) return Optional.of(Rejection.DUPLICATE_ID);
      if (cards.size() >= BoardLimits.MAX_CARDS) return Optional.of(Rejection.BOARD_FULL);
      return groupMissing(c.group());
    }
    if (op instanceof Operation.EditText e) return ownCard(e.card(), actor);
    if (op instanceof Operation.SetColour s) return ownCard(s.card(), actor);
    if (op instanceof Operation.DeleteCard d) return ownCard(d.card(), actor);
    if (op instanceof Operation.MoveCard m) return missing(m.card(), cards).or(() -> groupMissing(m.group()));
    if (op instanceof Operation.CreateGroup g) {
      if (taken(g.group())) return Optional.of(Rejection.DUPLICATE_ID);
      return groups.size() >= BoardLimits.MAX_GROUPS ? Optional.of(Rejection.BOARD_FULL) : Optional.empty();
    }
    if (op instanceof Operation.RenameGroup r) return missing(r.group(), groups);
    if (op instanceof Operation.DeleteGroup d) return missing(d.group(), groups);
    if (op instanceof Operation.AddComment a) {
      if (taken(a.comment())) return Optional.of(Rejection.DUPLICATE_ID);
      if (comments.size() >= BoardLimits.MAX_COMMENTS) return Optional.of(Rejection.BOARD_FULL);
      return missing(a.card(), cards);
    }
    if (op instanceof Operation.DeleteComment d) {
      Optional<Rejection> absent = missing(d.comment(), comments);
      if (absent.isPresent()) return absent;
      return facilitator || comments.get(d.comment()).authorId().equals(actor.accountId())
          ? Optional.empty() : Optional.of(Rejection.FORBIDDEN);
    }
    if (op instanceof Operation.Vote v) {
      Optional<Rejection> absent = missing(v.card(), cards);
      if (absent.isPresent()) return absent;
      return votesUsedBy(actor.accountId()) >= voteBudget ? Optional.of(Rejection.VOTE_BUDGET) : Optional.empty();
    }
    if (op instanceof Operation.Unvote u) {
      Optional<Rejection> absent = missing(u.card(), cards);
      if (absent.isPresent()) return absent;
      return cards.get(u.card()).votes().getOrDefault(actor.accountId(), 0) > 0 ? Optional.empty() : Optional.of(Rejection.NO_VOTE);
    }
    throw new IllegalArgumentException("unhandled operation " + op.kind());
  }

  /** Applies an accepted operation made by {@code authorId}. */
  public void apply(Operation op, UUID authorId, String authorName) {
    if (op instanceof Operation.CreateCard c) {
      cards.put(c.card(), new Card(c.card(), c.text(), c.colour(), c.group(), c.position(), authorId, authorName, Map.of(), authorId));
    } else if (op instanceof Operation.EditText e) {
      cards.computeIfPresent(e.card(), (k, card) -> card.withText(e.text(), authorId));
    } else if (op instanceof Operation.SetColour s) {
      cards.computeIfPresent(s.card(), (k, card) -> card.withColour(s.colour()));
    } else if (op instanceof Operation.MoveCard m) {
      cards.computeIfPresent(m.card(), (k, card) -> card.movedTo(m.group(), m.position()));
    } else if (op instanceof Operation.DeleteCard d) {
      Card card = cards.remove(d.card());
      deleted.add(d.card());
      if (card != null) card.votes().forEach((voter, n) -> votesUsed.merge(voter, -n, Integer::sum));
      comments.values().removeIf(comment -> {
        boolean on = comment.card().equals(d.card());
        if (on) deleted.add(comment.id());
        return on;
      });
    } else if (op instanceof Operation.CreateGroup g) {
      groups.put(g.group(), new Group(g.group(), g.title(), g.position(), authorId));
    } else if (op instanceof Operation.RenameGroup r) {
      groups.computeIfPresent(r.group(), (k, g) -> new Group(g.id(), r.title(), g.position(), authorId));
    } else if (op instanceof Operation.DeleteGroup d) {
      groups.remove(d.group());
      deleted.add(d.group());
      cards.replaceAll((k, card) -> d.group().equals(card.group()) ? card.movedTo(null, card.position()) : card);
    } else if (op instanceof Operation.AddComment a) {
      comments.put(a.comment(), new Comment(a.comment(), a.card(), a.text(), authorId, authorName));
    } else if (op instanceof Operation.DeleteComment d) {
      comments.remove(d.comment());
      deleted.add(d.comment());
    } else if (op instanceof Operation.Vote v) {
      cards.computeIfPresent(v.card(), (k, card) -> {
        Map<UUID, Integer> votes = new HashMap<>(card.votes());
        votes.merge(authorId, 1, Integer::sum);
        votesUsed.merge(authorId, 1, Integer::sum);
        return card.withVotes(votes);
      });
    } else if (op instanceof Operation.Unvote u) {
      cards.computeIfPresent(u.card(), (k, card) -> {
        Map<UUID, Integer> votes = new HashMap<>(card.votes());
        votes.computeIfPresent(authorId, (a, n) -> n > 1 ? n - 1 : null);
        votesUsed.merge(authorId, -1, Integer::sum);
        return card.withVotes(votes);
      });
    } else if (op instanceof Operation.LockBoard l) {
      locked = l.locked();
    } else if (op instanceof Operation.StartSilentWriting) {
      silent = true;
    } else if (op instanceof Operation.Reveal r) {
      for (Operation.Reveal.Placed p : r.cards()) {
        cards.computeIfPresent(p.card(), (k, card) -> card.movedTo(card.group(), p.position()));
        unrevealed.remove(p.card());
      }
      silent = false;
    }
    if (op instanceof Operation.CreateCard c && silent) unrevealed.add(c.card());
    if (op instanceof Operation.DeleteCard d) unrevealed.remove(d.card());
  }

  private boolean taken(String id) {
    return cards.containsKey(id) || groups.containsKey(id) || comments.containsKey(id) || deleted.contains(id);
  }

  private Optional<Rejection> missing(String id, Map<String, ?> in) {
    if (in.containsKey(id)) return Optional.empty();
    return Optional.of(deleted.contains(id) ? Rejection.DELETED : Rejection.NOT_FOUND);
  }

  private Optional<Rejection> groupMissing(String group) {
    return group == null ? Optional.empty() : missing(group, groups);
  }

  private Optional<Rejection> ownCard(String id, Actor actor) {
    Optional<Rejection> absent = missing(id, cards);
    if (absent.isPresent()) return absent;
    boolean own = cards.get(id).authorId().equals(actor.accountId());
    return own || actor.role() == Role.FACILITATOR ? Optional.empty() : Optional.of(Rejection.FORBIDDEN);
  }

  /** The whole state, authors included, for the snapshot table. Never sent to a client as is. */
  public JsonObject toJson() {
    JsonArray cardList = new JsonArray();
    for (Card c : cards.values()) {
      JsonObject votes = new JsonObject();
      c.votes().forEach((voter, n) -> votes.put(voter.toString(), n));
      cardList.add(new JsonObject().put("id", c.id()).put("text", c.text()).put("colour", c.colour().wireName())
          .put("group", c.group()).put("position", c.position()).put("authorId", c.authorId().toString())
          .put("authorName", c.authorName()).put("votes", votes).put("textBy", c.textBy().toString()));
    }
    JsonArray groupList = new JsonArray();
    for (Group g : groups.values()) {
      groupList.add(new JsonObject().put("id", g.id()).put("title", g.title()).put("position", g.position())
          .put("titleBy", g.titleBy() == null ? null : g.titleBy().toString()));
    }
    JsonArray commentList = new JsonArray();
    for (Comment c : comments.values()) {
      commentList.add(new JsonObject().put("id", c.id()).put("card", c.card()).put("text", c.text())
          .put("authorId", c.authorId().toString()).put("authorName", c.authorName()));
    }
    return new JsonObject().put("locked", locked).put("cards", cardList).put("groups", groupList)
        .put("comments", commentList).put("deleted", new JsonArray(deleted.stream().sorted().toList()))
        .put("silent", silent).put("unrevealed", new JsonArray(new ArrayList<>(unrevealed)));
  }

  public static BoardState fromJson(JsonObject json) {
    BoardState state = new BoardState();
    state.locked = json.getBoolean("locked", false);
    state.silent = json.getBoolean("silent", false);
    json.getJsonArray("unrevealed", new JsonArray()).forEach(id -> state.unrevealed.add((String) id));
    for (Object o : json.getJsonArray("cards")) {
      JsonObject c = (JsonObject) o;
      Map<UUID, Integer> votes = new HashMap<>();
      c.getJsonObject("votes").forEach(e -> votes.put(UUID.fromString(e.getKey()), ((Number) e.getValue()).intValue()));
      votes.forEach((voter, n) -> state.votesUsed.merge(voter, n, Integer::sum));
      state.cards.put(c.getString("id"), new Card(c.getString("id"), c.getString("text"), Colour.parse(c.getString("colour")).orElseThrow(),
          c.getString("group"), c.getString("position"), UUID.fromString(c.getString("authorId")), c.getString("authorName"), Map.copyOf(votes),
          // Snapshots written before the field existed: the author wrote it, unless someone edited it since.
          UUID.fromString(c.getString("textBy", c.getString("authorId")))));
    }
    for (Object o : json.getJsonArray("groups")) {
      JsonObject g = (JsonObject) o;
      state.groups.put(g.getString("id"), new Group(g.getString("id"), g.getString("title"), g.getString("position"),
          g.getString("titleBy") == null ? null : UUID.fromString(g.getString("titleBy"))));
    }
    for (Object o : json.getJsonArray("comments")) {
      JsonObject c = (JsonObject) o;
      state.comments.put(c.getString("id"), new Comment(c.getString("id"), c.getString("card"), c.getString("text"),
          UUID.fromString(c.getString("authorId")), c.getString("authorName")));
    }
    for (Object o : json.getJsonArray("deleted")) state.deleted.add((String) o);
    return state;
  }
}
