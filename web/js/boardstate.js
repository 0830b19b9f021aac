// A board as this browser knows it: what the server confirmed, in sequence order. Mirrors the
// server's rules for applying an accepted operation (board/BoardState.java) and the test client
// (support/ClientBoard.java).
export class BoardState {
  constructor(me) {
    this.me = me;
    this.seq = 0;
    this.locked = false;
    /** Silent writing: others' new cards reach this browser only at the reveal. */
    this.silent = false;
    /** How many cards others wrote in silence that this person cannot see yet, as of the last snapshot. */
    this.hiddenCards = 0;
    this.cards = new Map();
    this.groups = new Map();
    this.comments = new Map();
  }

  clone() {
    const copy = new BoardState(this.me);
    copy.seq = this.seq;
    copy.locked = this.locked;
    copy.silent = this.silent;
    copy.hiddenCards = this.hiddenCards;
    for (const [id, c] of this.cards) copy.cards.set(id, { ...c });
    for (const [id, g] of this.groups) copy.groups.set(id, { ...g });
    for (const [id, c] of this.comments) copy.comments.set(id, { ...c });
    return copy;
  }

  snapshot(snapshot, seq) {
    this.cards.clear();
    this.groups.clear();
    this.comments.clear();
    this.locked = snapshot.locked;
    this.silent = snapshot.silent ?? false;
    this.hiddenCards = snapshot.hiddenCards ?? 0;
    for (const c of snapshot.cards) this.cards.set(c.id, { ...c });
    for (const g of snapshot.groups) this.groups.set(g.id, { ...g });
    for (const c of snapshot.comments) this.comments.set(c.id, { ...c });
    this.seq = seq;
  }

  /** Applies the confirmed operation with sequence number `seq`; returns false on a gap. */
  confirm(seq, op, author) {
    if (seq <= this.seq) return true;
    if (seq !== this.seq + 1) return false;
    if (op) this.apply(op, author);
    this.seq = seq;
    return true;
  }

  /** Applies an operation; one that no longer fits (its card was deleted) changes nothing. */
  apply(op, author) {
    const card = this.cards.get(op.card);
    switch (op.kind) {
      case 'card.create':
        // The server refuses a card into a group that is gone; so does this view of pending changes.
        if (!this.cards.has(op.card) && (op.group == null || this.groups.has(op.group))) {
          this.cards.set(op.card, { id: op.card, text: op.text, colour: op.colour, group: op.group ?? null,
            position: op.position, votes: 0, myVotes: 0, author: author ?? undefined });
        }
        break;
      case 'card.text': if (card) card.text = op.text; break;
      case 'card.colour': if (card) card.colour = op.colour; break;
      case 'card.move':
        if (card && (op.group === null || this.groups.has(op.group))) {
          card.group = op.group;
          card.position = op.position;
        }
        break;
      case 'card.delete':
        this.cards.delete(op.card);
        for (const [id, c] of this.comments) if (c.card === op.card) this.comments.delete(id);
        break;
      case 'group.create':
        if (!this.groups.has(op.group)) this.groups.set(op.group, { id: op.group, title: op.title, position: op.position });
        break;
      case 'group.rename': if (this.groups.has(op.group)) this.groups.get(op.group).title = op.title; break;
      case 'group.delete':
        this.groups.delete(op.group);
        for (const c of this.cards.values()) if (c.group === op.group) c.group = null;
        break;
      case 'comment.add':
        if (card && !this.comments.has(op.comment)) this.comments.set(op.comment, { id: op.comment, card: op.card, text: op.text, author: author ?? undefined });
        break;
      case 'comment.delete': this.comments.delete(op.comment); break;
      case 'vote':
      case 'unvote':
        if (card) {
          const d = op.kind === 'vote' ? 1 : -1;
          card.votes += d;
          if (author && author.id === this.me.id) card.myVotes += d;
        }
        break;
      case 'board.lock': this.locked = op.locked; break;
      case 'board.silent': this.silent = true; break;
      case 'board.reveal':
        // The server sends the revealed cards with the reveal; this browser's own request carries none.
        this.silent = false;
        this.hiddenCards = 0;
        for (const c of op.cards ?? []) if (c.text !== undefined) this.cards.set(c.id, { ...c });
        break;
      default: break;
    }
  }

  /** Cards of one group (null: ungrouped) in board order. */
  cardsIn(group) {
    return [...this.cards.values()].filter((c) => (c.group ?? null) === group).sort(byPosition);
  }

  /** Comments on one card, oldest first (ids start with the time they were made). */
  commentsOn(card) {
    return [...this.comments.values()].filter((c) => c.card === card).sort(byId);
  }

  orderedGroups() {
    return [...this.groups.values()].sort(byPosition);
  }

  /** The votes this person may still give: the board's budget less those on cards now. */
  votesLeft(budget) {
    let used = 0;
    for (const c of this.cards.values()) used += c.myVotes;
    return Math.max(0, budget - used);
  }

  /** The board in the shape of the server's snapshot (docs/protocol.md), for comparing with it. */
  toSnapshot() {
    const withAuthor = (value, author) => (author ? { ...value, author: { id: author.id, name: author.name } } : value);
    return {
      locked: this.locked,
      cards: [...this.cards.values()].sort(byPosition).map((c) => withAuthor({ id: c.id, text: c.text, colour: c.colour,
        group: c.group ?? null, position: c.position, votes: c.votes, myVotes: c.myVotes }, c.author)),
      groups: this.orderedGroups().map((g) => ({ id: g.id, title: g.title, position: g.position })),
      comments: [...this.comments.values()].sort(byId).map((c) => withAuthor({ id: c.id, card: c.card, text: c.text }, c.author)),
    };
  }
}

export function byPosition(a, b) {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return byId(a, b);
}

function byId(a, b) {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
