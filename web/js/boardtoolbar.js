// The board's own controls above the columns: add a card, add a group, lock, silent writing and
// reveal (facilitators), and
// on a phone the choice of which group to show. Built once; updates change only what changed.
import * as protocol from './protocol.js';
import { h, uid } from './ui.js';
import { COLOUR_NAMES } from './cardview.js';
import { UNGROUPED_TITLE } from './columnview.js';

export class BoardToolbar {
  constructor(board) {
    this.board = board;
    this.shown = {};
    this.addCard = this.cardForm();
    this.addGroup = this.groupForm();
    this.lock = h('button', { class: 'govuk-button govuk-button--secondary circle-board__button circle-board__lock', type: 'button',
      'data-key': 'lock', onclick: () => this.board.lock(!this.locked) });
    const showId = uid('show-group');
    this.show = h('select', { class: 'govuk-select', id: showId, 'data-key': 'show-group' });
    this.show.addEventListener('change', () => {
      // A card written now goes to the group in view.
      this.newGroup.value = this.show.value;
      this.keep();
      this.board.showColumn(this.show.value === '' ? null : this.show.value);
    });
    this.switcher = h('div', { class: 'govuk-form-group circle-board__switcher' },
      h('label', { class: 'govuk-label', for: showId, text: 'Show group' }), this.show);
    this.silent = h('button', { class: 'govuk-button govuk-button--secondary circle-board__button', type: 'button',
      'data-key': 'silent', hidden: true, text: 'Start silent writing', onclick: () => this.board.startSilentWriting() });
    this.reveal = h('button', { class: 'govuk-button circle-board__button', type: 'button',
      'data-key': 'reveal', hidden: true, text: 'Reveal all cards', onclick: () => this.board.reveal() });
    this.el = h('div', { class: 'circle-board__toolbar' }, this.switcher, this.addCard, this.addGroup, this.lock, this.silent, this.reveal);
  }

  cardForm() {
    const textId = uid('new-card');
    const hintId = `${textId}-hint`;
    const colourId = uid('new-colour');
    const groupId = uid('new-group');
    const keptId = uid('new-card-kept');
    this.newText = h('textarea', { class: 'govuk-textarea circle-board__new-text', id: textId, rows: 1, maxlength: protocol.MAX_TEXT,
      'data-key': 'new-card-text', 'aria-describedby': `${hintId} ${keptId}` });
    // Says when the field holds a card typed before and not sent (drafts.js); empty otherwise.
    this.keptNote = h('p', { class: 'govuk-body-s circle-board__kept', id: keptId, 'data-key': 'new-card-kept', hidden: true });
    // One line to start with, growing with what is written; kept in the browser until it is sent.
    this.newText.addEventListener('input', () => {
      this.grow();
      if (!this.newText.value.trim()) this.hideKept();
      this.keep();
    });
    this.newColour = h('select', { class: 'govuk-select', id: colourId, 'data-key': 'new-card-colour' },
      protocol.COLOURS.map((c) => h('option', { value: c, text: COLOUR_NAMES[c] })));
    this.newGroup = h('select', { class: 'govuk-select', id: groupId, 'data-key': 'new-card-group' });
    this.newColour.addEventListener('change', () => this.keep());
    this.newGroup.addEventListener('change', () => this.keep());
    const submit = () => {
      const text = this.newText.value.trim();
      if (!text) return;
      this.board.addCard(text, this.newColour.value, this.newGroup.value || null);
      this.emptyNewCard();
    };
    this.newText.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        submit();
      }
    });
    const form = h('form', { class: 'circle-board__add circle-board__add-card', novalidate: true, 'aria-label': 'Add a card' },
      h('div', { class: 'govuk-form-group circle-board__grow' },
        h('div', { class: 'circle-board__label-row' },
          h('label', { class: 'govuk-label', for: textId, text: 'New card' }),
          h('div', { class: 'govuk-hint', id: hintId, text: 'Ctrl and Enter adds it.' }), this.keptNote), this.newText),
      h('div', { class: 'govuk-form-group' }, h('label', { class: 'govuk-label', for: colourId, text: 'Colour' }), this.newColour),
      h('div', { class: 'govuk-form-group' }, h('label', { class: 'govuk-label', for: groupId, text: 'Group' }), this.newGroup),
      h('button', { class: 'govuk-button circle-board__submit', type: 'submit', 'data-key': 'add-card', text: 'Add card' }));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submit();
      this.newText.focus();
    });
    return form;
  }

  grow() {
    this.newText.style.height = '';
    this.newText.style.height = `${Math.min(this.newText.scrollHeight + 2, 200)}px`;
  }

  /** Keeps what the New card field holds as a draft. */
  keep() {
    this.board.keepNewCard(this.newText.value, this.newColour.value, this.newGroup.value || null);
  }

  /**
   * Puts a card that was typed and not sent back in the field ({ text, colour, group }), saying so
   * with `note`. Text already in the field stays, with the card's text after it.
   */
  restoreNewCard(kept, note) {
    const typed = this.newText.value;
    if (typed.trim()) {
      this.newText.value = `${typed}\n\n${kept.text}`.slice(0, protocol.MAX_TEXT);
    } else {
      this.newText.value = kept.text;
      if (protocol.COLOURS.includes(kept.colour)) this.newColour.value = kept.colour;
      if ([...this.newGroup.options].some((o) => o.value === (kept.group ?? ''))) this.newGroup.value = kept.group ?? '';
    }
    this.keptNote.textContent = note;
    this.keptNote.hidden = false;
    this.grow();
    this.keep();
  }

  /** Empties the New card field (what it held was sent elsewhere). */
  emptyNewCard() {
    this.newText.value = '';
    this.newText.style.height = '';
    this.hideKept();
  }

  hideKept() {
    if (this.keptNote.hidden) return;
    this.keptNote.hidden = true;
    // Text referred to by aria-describedby is read even when hidden: empty it.
    this.keptNote.textContent = '';
  }

  groupForm() {
    const id = uid('group-title');
    const title = h('input', { class: 'govuk-input', id, type: 'text', maxlength: protocol.MAX_TITLE, 'data-key': 'new-group-title' });
    const form = h('form', { class: 'circle-board__add circle-board__add-group', novalidate: true, 'aria-label': 'Add a group' },
      h('div', { class: 'govuk-form-group circle-board__grow' }, h('label', { class: 'govuk-label', for: id, text: 'New group' }), title),
      h('button', { class: 'govuk-button govuk-button--secondary circle-board__submit', type: 'submit', 'data-key': 'add-group', text: 'Add group' }));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const value = title.value.trim();
      if (!value) return;
      title.value = '';
      this.board.addGroup(value);
    });
    return form;
  }

  /** `columns`: [{ id, title, count }] in board order. */
  update(ctx, columns, locked) {
    this.locked = locked;
    this.set('writable', !ctx.readOnly, (v) => {
      this.addCard.hidden = !v;
      this.addGroup.hidden = !v;
    });
    this.set('lock', ctx.facilitator && !ctx.archived ? (locked ? 'Unlock the board' : 'Lock the board') : '', (v) => {
      this.lock.hidden = !v;
      this.lock.textContent = v;
    });
    // Silent writing, then reveal: facilitators only.
    const facilitating = ctx.facilitator && !ctx.archived;
    this.set('silent', facilitating && !ctx.silent, (v) => { this.silent.hidden = !v; });
    this.set('reveal', facilitating && (ctx.silent || ctx.hiddenCards > 0), (v) => { this.reveal.hidden = !v; });
    this.set('groups', JSON.stringify(columns.slice(1).map((c) => [c.id, c.title])), () => {
      fillSelect(this.newGroup, [{ id: null, title: UNGROUPED_TITLE }, ...columns.slice(1)].map((c) => [c.id ?? '', c.title]));
    });
    this.set('columns', JSON.stringify(columns), () => {
      fillSelect(this.show, columns.map((c) => [c.id ?? '', `${c.title} (${c.count})`]));
    });
    const shown = ctx.shownColumn ?? '';
    if (this.show.value !== shown) this.show.value = shown;
  }

  set(name, value, change) {
    if (this.shown[name] === value) return;
    this.shown[name] = value;
    change(value);
  }
}

/** Replaces a select's options, keeping the chosen one when it is still there. */
function fillSelect(select, options) {
  const chosen = select.value;
  select.replaceChildren(...options.map(([value, text]) => h('option', { value, text })));
  if (options.some(([value]) => value === chosen)) select.value = chosen;
}
