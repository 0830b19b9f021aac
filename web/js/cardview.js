// One card on the board, kept in the page for as long as the card exists: each update changes
// only what changed, so a field being typed in keeps its caret and focus while others write.
// Its controls are one Tab stop (a roving tab index): Left and Right move between the card and
// its buttons, Up and Down to the card above or below.
import * as protocol from './protocol.js';
import { h, uid } from './ui.js';
import { menuButton, relabel } from './menu.js';
import { CommentsView } from './commentsview.js';

export const COLOUR_NAMES = { yellow: 'Yellow', blue: 'Blue', green: 'Green', pink: 'Pink', orange: 'Orange', purple: 'Purple' };

/** The start of a card's text, to say which card a control acts on. */
export function cardLabel(text) {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 40 ? `${line.slice(0, 40)}…` : line || '(empty card)';
}

export class CardView {
  /** `board` is the live board: the card asks it to make changes and to move focus. */
  constructor(id, board) {
    this.id = id;
    this.board = board;
    this.shown = {};
    const metaId = uid('card-meta');
    this.text = h('p', { class: 'govuk-body circle-board__text' });
    this.meta = h('p', { class: 'govuk-body-s circle-board__meta', id: metaId });
    this.vote = h('button', { class: 'govuk-button govuk-button--secondary circle-board__button circle-board__vote', type: 'button',
      'data-key': `vote-${id}`, tabindex: '-1', text: 'Vote', onclick: () => this.board.vote(this.card) });
    this.commentsToggle = h('button', { class: 'govuk-button govuk-button--secondary circle-board__button', type: 'button',
      'data-key': `comments-${id}`, tabindex: '-1', 'aria-expanded': 'false', onclick: () => this.board.toggleComments(this.id) });
    this.actions = menuButton({ text: 'Actions', label: 'Actions', key: `actions-${id}`, items: () => this.menuItems() });
    this.actions.tabIndex = -1;
    this.controls = h('div', { class: 'circle-board__controls' }, this.vote, this.commentsToggle, this.actions);
    // One Tab stop per card: the card itself until someone goes into its buttons.
    this.el = h('li', { class: 'circle-board__card', tabindex: '0', 'data-key': `card-${id}`, 'data-card': id,
      'aria-describedby': metaId },
    this.text, this.meta, this.controls);
    this.el.addEventListener('keydown', (e) => this.keys(e));
    this.el.addEventListener('focusin', (e) => this.board.focused(this, e.target));
  }

  /** The focusable parts of the card, in order: the card itself, then its visible buttons. */
  stops() {
    return [this.el, ...[this.vote, this.commentsToggle, this.actions].filter((b) => !b.hidden && !this.controls.hidden)];
  }

  /** Makes `target` (one of the stops) the card's one Tab stop, or takes the card out of the Tab order. */
  setTabStop(target) {
    const all = [this.el, this.vote, this.commentsToggle, this.actions];
    if (!all.includes(target)) return;
    for (const stop of all) {
      const value = stop === target ? 0 : -1;
      if (stop.tabIndex !== value) stop.tabIndex = value;
    }
  }

  update(card, ctx) {
    this.card = card;
    this.ctx = ctx;
    const label = cardLabel(card.text);
    const editing = ctx.editing === card.id;
    const editor = ctx.editors.get(card.id);
    const comments = ctx.commentsOn(card.id);
    const open = ctx.openComments.has(card.id);
    const mayWrite = !ctx.readOnly;
    const pending = ctx.pendingCards.has(card.id);
    this.set('colour', card.colour, (v) => {
      for (const c of [...this.el.classList]) if (c.startsWith('circle-board__card--') && COLOUR_NAMES[c.slice(20)]) this.el.classList.remove(c);
      this.el.classList.add(`circle-board__card--${v}`);
    });
    this.set('moving', ctx.moving === card.id, (v) => {
      this.el.classList.toggle('circle-board__card--moving', v);
      this.carrying?.remove();
      this.carrying = v ? h('p', { class: 'circle-board__carrying', 'aria-hidden': 'true',
        text: 'Moving: arrow keys carry it, Space puts it down, Escape puts it back' }) : null;
      if (this.carrying) this.el.prepend(this.carrying);
    });
    this.set('text', card.text, () => { this.text.textContent = card.text; });
    this.set('label', card.text.slice(0, 80), (v) => this.el.setAttribute('aria-label', `Card: ${v}`));
    this.set('meta', [
      card.author ? `By ${card.author.id === ctx.me.id ? 'you' : card.author.name}` : null,
      COLOUR_NAMES[card.colour],
      `${card.votes} vote${card.votes === 1 ? '' : 's'}${card.myVotes ? ` (${card.myVotes} yours)` : ''}`,
      pending ? 'Not saved yet' : null,
    ].filter(Boolean).join(' · '), (v) => { this.meta.textContent = v; });
    this.set('editor', editor ?? '', (v) => {
      this.editingNote?.remove();
      this.editingNote = v ? h('p', { class: 'govuk-body-s circle-board__editing', text: `${v} is writing in this card` }) : null;
      if (this.editingNote) this.meta.after(this.editingNote);
    });
    this.set('mayWrite', mayWrite, (v) => {
      this.vote.hidden = !v;
      this.actions.hidden = !v;
      if (!v && (this.vote.tabIndex === 0 || this.actions.tabIndex === 0)) this.setTabStop(this.el);
    });
    this.set('voteLabel', `${label}|${ctx.votesLeft > 0}`, () => {
      this.vote.setAttribute('aria-label', `Vote for card "${label}"`);
      if (ctx.votesLeft > 0) this.vote.removeAttribute('aria-disabled');
      else this.vote.setAttribute('aria-disabled', 'true');
    });
    this.set('commentsToggle', `${open}|${comments.length}|${label}`, () => {
      this.commentsToggle.textContent = open ? 'Hide comments' : `Comments (${comments.length})`;
      this.commentsToggle.setAttribute('aria-label', open ? `Hide comments on card "${label}"`
        : `Comments (${comments.length}) on card "${label}"`);
      this.commentsToggle.setAttribute('aria-expanded', String(open));
    });
    relabel(this.actions, `Actions for card "${label}"`);
    this.set('editing', editing, (v) => (v ? this.openEditor(card) : this.closeEditor()));
    if (open) {
      if (!this.comments) {
        this.comments = new CommentsView(card.id, this.board);
        this.el.insertBefore(this.comments.el, this.controls.nextSibling);
      }
      this.comments.update(comments, label, ctx);
    } else if (this.comments) {
      this.comments.el.remove();
      this.comments = null;
    }
  }

  /** Runs `change` only when `value` differs from what is shown. */
  set(name, value, change) {
    if (this.shown[name] === value) return;
    this.shown[name] = value;
    change(value);
  }

  mayEdit(ctx = this.ctx) {
    return !ctx.readOnly && (this.card.author?.id === ctx.me.id || ctx.facilitator);
  }

  menuItems() {
    const card = this.card;
    const ctx = this.ctx;
    const label = cardLabel(card.text);
    const board = this.board;
    const place = board.moves.placeOf(card.id);
    return [
      this.mayEdit() ? { text: 'Edit', label: `Edit card "${label}"`, onSelect: () => board.startEditing(card.id) } : null,
      card.myVotes > 0 ? { text: 'Remove my vote', label: `Remove my vote from card "${label}"`, onSelect: () => board.unvote(card) } : null,
      { text: 'Move with the arrow keys', label: `Move with the arrow keys: card "${label}"`, onSelect: () => board.moves.pickUp(card.id) },
      place && place.index > 0 ? { text: 'Move up', label: `Move up card "${label}"`, onSelect: () => board.moves.moveBy(card.id, -1) } : null,
      place && place.index < place.count - 1 ? { text: 'Move down', label: `Move down card "${label}"`, onSelect: () => board.moves.moveBy(card.id, 1) } : null,
      ...ctx.groupChoices.filter((g) => g.id !== (card.group ?? null)).map((g) => ({
        text: g.id === null ? 'Move out of its group' : `Move to ${g.title}`,
        onSelect: () => board.moves.moveToGroup(card.id, g.id),
      })),
      this.mayEdit() ? { text: 'Delete', label: `Delete card "${label}"`, warning: true, onSelect: () => board.deleteCard(card.id) } : null,
    ];
  }

  keys(e) {
    if (e.defaultPrevented) return;
    const stops = this.stops();
    const at = stops.indexOf(e.target);
    if (at < 0) return; // typing in the editor or a comment
    const onCard = e.target === this.el;
    if (this.board.moves.carrying?.card === this.id && onCard) {
      if (this.board.moves.keys(e)) e.preventDefault();
      return;
    }
    switch (e.key) {
      case 'ArrowRight':
        if (at < stops.length - 1) stops[at + 1].focus();
        break;
      case 'ArrowLeft':
        if (at > 0) stops[at - 1].focus();
        break;
      case 'ArrowDown':
      case 'ArrowUp':
        this.board.focusNeighbour(this.id, e.key === 'ArrowDown' ? 1 : -1);
        break;
      case 'Home':
      case 'End':
        if (!onCard) return;
        this.board.focusNeighbour(this.id, e.key === 'Home' ? -Infinity : Infinity);
        break;
      case 'Enter':
        if (!onCard || !this.mayEdit()) return;
        this.board.startEditing(this.id);
        break;
      case ' ':
        if (!onCard || this.ctx.readOnly) return;
        this.board.moves.pickUp(this.id);
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  openEditor(card) {
    const id = uid('edit');
    // A change typed before a reload (drafts.js) comes back, and says whether the card changed meanwhile.
    const start = this.board.editorStart(card);
    const hintId = `${id}-hint`;
    const keptId = `${id}-kept`;
    const kept = start.kept ? h('p', { class: 'govuk-body-s circle-board__kept', id: keptId, 'data-key': `kept-${card.id}` },
      'Your unsent change to this card was kept.', start.changedTo !== null ? ' ' : null,
      start.changedTo !== null ? h('strong', { class: 'circle-board__changed',
        text: `Someone changed this card since you began. It now reads: “${start.changedTo}”. Save puts your text in its place; Cancel keeps the card as it is now.` })
        : null) : null;
    const text = h('textarea', { class: 'govuk-textarea circle-board__editor-text', id, rows: 4, maxlength: protocol.MAX_TEXT,
      'data-key': `editor-${card.id}`, 'aria-describedby': kept ? `${keptId} ${hintId}` : hintId });
    text.value = start.text;
    text.addEventListener('input', () => this.board.keepEdit(card.id, text.value));
    text.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Escape') this.board.stopEditing(card.id, null);
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        this.board.stopEditing(card.id, text.value);
      }
    });
    this.editor = h('div', { class: 'govuk-form-group circle-board__editor' },
      h('label', { class: 'govuk-label', for: id, text: 'Card text' }),
      kept,
      h('div', { class: 'govuk-hint', id: hintId, text: 'Ctrl and Enter saves, Escape cancels.' }),
      text,
      h('div', { class: 'circle-board__row' },
        h('button', { class: 'govuk-button circle-board__button', type: 'button', text: 'Save', 'aria-label': 'Save the card',
          'data-key': `save-${card.id}`, onclick: () => this.board.stopEditing(card.id, text.value) }),
        h('button', { class: 'govuk-button govuk-button--secondary circle-board__button', type: 'button', text: 'Cancel',
          'aria-label': 'Cancel editing', 'data-key': `cancel-${card.id}`, onclick: () => this.board.stopEditing(card.id, null) })));
    this.text.hidden = true;
    this.controls.hidden = true;
    this.el.insertBefore(this.editor, this.meta);
    if (this.board.editorFocus !== false) {
      text.focus();
      text.setSelectionRange(text.value.length, text.value.length);
    }
  }

  closeEditor() {
    if (!this.editor) return;
    const hadFocus = this.editor.contains(document.activeElement);
    this.editor.remove();
    this.editor = null;
    this.text.hidden = false;
    this.controls.hidden = false;
    if (hadFocus) this.el.focus();
  }

  /** The text typed so far in the editor, or null when not editing. */
  draft() {
    return this.editor?.querySelector('textarea').value ?? null;
  }
}
