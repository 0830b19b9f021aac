// What the next draw must redo. Most frames of a busy board carry a few edits, votes or comments:
// only those cards are drawn again. Anything that can move cards between or within columns, or
// change every card at once, redraws the columns.
export class Redraw {
  constructor() {
    this.cards = new Set();
    this.columns = true;
  }

  /** An operation was applied, shown or taken back: what it changes on the page. */
  touch(op) {
    if (!op) return;
    switch (op.kind) {
      case 'card.text':
      case 'card.colour':
      case 'vote':
      case 'unvote':
      case 'comment.add':
        this.cards.add(op.card);
        break;
      default:
        // Cards made, moved or deleted, groups, comments taken back (their card is not named), the lock.
        this.columns = true;
    }
  }

  card(id) {
    this.cards.add(id);
  }

  all() {
    this.columns = true;
  }

  /** What to redraw now: null for the columns and every card, otherwise the ids of the cards; then starts afresh. */
  take() {
    const cards = this.columns ? null : this.cards;
    this.cards = new Set();
    this.columns = false;
    return cards;
  }
}
