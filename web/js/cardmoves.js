// Moving cards: to a place in a group (dragging, the Actions menu), one step up or down, or
// carried with the arrow keys after Space picks a card up. While a card is carried, the board
// shows it where it would land; nothing is sent until it is put down.
import * as protocol from './protocol.js';
import { between as keyBetween } from './fractional.js';
import { byPosition } from './boardstate.js';
import { UNGROUPED_TITLE } from './columnview.js';

export class CardMoves {
  constructor(board) {
    this.board = board;
    /** The card carried with the keyboard: { card, group, index }, or null. */
    this.carrying = null;
  }

  /** The cards of a group in board order (positions), whatever this person sorts by. */
  boardOrder(state, group) {
    return [...state.cards.values()].filter((c) => (c.group ?? null) === group).sort(byPosition);
  }

  /** Where card `id` lands at `index` among the other cards of `group`, in board order. */
  target(state, id, group, index) {
    const others = this.boardOrder(state, group).filter((c) => c.id !== id);
    const at = Math.max(0, Math.min(index, others.length));
    const before = others[at - 1];
    const after = others[at];
    return { group, index: at, count: others.length + 1, before, after,
      position: between(before?.position ?? null, after?.position ?? null) };
  }

  /** Shows the carried card where it would land (on a copy of the board). */
  preview(state) {
    if (!this.carrying) return;
    const card = state.cards.get(this.carrying.card);
    if (!card) {
      this.carrying = null;
      return;
    }
    const t = this.target(state, card.id, this.carrying.group, this.carrying.index);
    card.group = t.group;
    card.position = t.position;
  }

  /** Where a card is among the cards of its group as shown, or null when that group is sorted by votes. */
  placeOf(id) {
    for (const [group, cards] of this.board.layout) {
      const index = cards.findIndex((c) => c.id === id);
      if (index >= 0) return this.board.sortedByVotes.has(group) ? null : { group, index, count: cards.length };
    }
    return null;
  }

  /** Puts card `id` at `index` of `group` (board order; at the end when this person sorts that group by votes). */
  moveTo(id, group, index) {
    const board = this.board;
    const state = board.view();
    const card = state.cards.get(id);
    if (!card) return;
    const t = this.target(state, id, group, board.sortedByVotes.has(group) ? Infinity : index);
    const stays = (card.group ?? null) === group && (!t.before || byPosition(t.before, card) < 0) && (!t.after || byPosition(card, t.after) < 0);
    if (!stays) board.make(protocol.moveCard(id, group, t.position));
    board.announce(`Card moved to ${this.titleOf(state, group)}, ${t.index + 1} of ${t.count}.`);
    board.afterDraw.push(() => board.screen.focusCard(id));
  }

  moveBy(id, step) {
    const place = this.placeOf(id);
    if (place) this.moveTo(id, place.group, place.index + step);
  }

  moveToGroup(id, group) {
    this.moveTo(id, group, Infinity);
  }

  /** Picks a card up to carry it with the arrow keys. */
  pickUp(id) {
    const board = this.board;
    const place = this.placeOf(id) ?? { group: board.view().cards.get(id)?.group ?? null, index: 0 };
    this.carrying = { card: id, group: place.group, index: place.index };
    board.redraw.all();
    board.announce('Picked up. Up and Down move it in its group, Left and Right to the group beside; '
      + 'Space puts it down, Escape puts it back.');
    board.changed();
    board.afterDraw.push(() => board.screen.focusCard(id));
  }

  /** A key pressed on the carried card; true when it was used. */
  keys(e) {
    const board = this.board;
    const m = this.carrying;
    const state = board.view();
    switch (e.key) {
      case 'ArrowUp':
      case 'ArrowDown':
        m.index = Math.max(0, m.index + (e.key === 'ArrowUp' ? -1 : 1));
        break;
      case 'ArrowLeft':
      case 'ArrowRight': {
        const columns = [null, ...state.orderedGroups().map((g) => g.id)];
        const at = columns.indexOf(m.group) + (e.key === 'ArrowLeft' ? -1 : 1);
        if (at < 0 || at >= columns.length) return true;
        m.group = columns[at];
        break;
      }
      case ' ':
      case 'Enter':
        this.carrying = null;
        board.redraw.all();
        this.moveTo(m.card, m.group, m.index);
        return true;
      case 'Escape':
        this.carrying = null;
        board.redraw.all();
        board.announce('Put back where it was.');
        board.changed();
        return true;
      case 'Tab':
        this.carrying = null;
        board.redraw.all();
        board.changed();
        return false;
      default:
        return false;
    }
    const t = this.target(state, m.card, m.group, m.index);
    m.index = t.index;
    board.redraw.all();
    board.announce(`${this.titleOf(state, m.group)}, ${t.index + 1} of ${t.count}.`);
    board.changed();
    return true;
  }

  titleOf(state, group) {
    return group === null ? UNGROUPED_TITLE : state.groups.get(group)?.title ?? UNGROUPED_TITLE;
  }
}

/** A key between two neighbours; cards made at the same moment may share a key, so a tie falls back to "before the next". */
export function between(before, after) {
  if (before !== null && after !== null && before >= after) return keyBetween(null, after);
  return keyBetween(before, after);
}
