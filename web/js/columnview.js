// One column of the board: a group (or the cards in no group) with its heading, its options menu
// and its cards in order. The cards' elements are moved, never rebuilt, when the order changes.
import * as protocol from './protocol.js';
import { h, uid } from './ui.js';
import { menuButton, relabel } from './menu.js';
import { placeChildren } from './keyed.js';

export const UNGROUPED_TITLE = 'Not in a group';

export class ColumnView {
  constructor(groupId, board) {
    this.groupId = groupId;
    this.board = board;
    this.shown = {};
    this.order = [];
    const headingId = uid('column');
    this.title = h('span');
    this.sorted = h('span', { class: 'circle-board__sorted', hidden: true, text: 'Sorted by votes' });
    this.heading = h('h2', { class: 'govuk-heading-s circle-board__column-title', id: headingId }, this.title);
    this.options = menuButton({ text: 'Options', label: 'Options', key: `group-options-${groupId ?? 'none'}`,
      className: 'circle-board__column-options', items: () => this.menuItems() });
    this.renameSlot = h('div');
    this.list = h('ol', { class: 'circle-board__cards', 'aria-labelledby': headingId });
    this.empty = h('p', { class: 'govuk-body-s circle-board__empty', text: 'No cards here yet.', hidden: true });
    this.el = h('section', { class: 'circle-board__column', 'aria-labelledby': headingId, 'data-group': groupId ?? '' },
      h('div', { class: 'circle-board__column-head' }, this.heading, this.options), this.sorted, this.renameSlot, this.list, this.empty);
  }

  /** `cards`: the CardViews of this column, in the order shown. */
  update(group, cards, ctx) {
    this.group = group;
    this.ctx = ctx;
    const title = group ? group.title : UNGROUPED_TITLE;
    this.title.textContent !== `${title} (${cards.length})` && (this.title.textContent = `${title} (${cards.length})`);
    relabel(this.options, `Options for ${group ? `group ${title}` : 'cards not in a group'}`);
    const sorted = ctx.sortedByVotes.has(this.groupId);
    if (this.sorted.hidden === sorted) this.sorted.hidden = !sorted;
    if (this.empty.hidden !== (cards.length > 0)) this.empty.hidden = cards.length > 0;
    const shown = ctx.shownColumn === this.groupId;
    if (this.shown.current !== shown) {
      this.shown.current = shown;
      this.el.classList.toggle('circle-board__column--shown', shown);
    }
    if (ctx.renaming === this.groupId && group && !ctx.readOnly) {
      if (!this.renameForm) this.openRename(group);
    } else if (this.renameForm) {
      this.closeRename();
    }
    const order = cards.map((c) => c.id);
    if (order.length !== this.order.length || order.some((id, i) => id !== this.order[i])) {
      this.order = order;
      placeChildren(this.list, cards.map((c) => c.el));
    }
  }

  menuItems() {
    const board = this.board;
    const group = this.group;
    const title = group?.title ?? UNGROUPED_TITLE;
    const sorted = this.ctx.sortedByVotes.has(this.groupId);
    const writable = group && !this.ctx.readOnly;
    return [
      writable ? { text: 'Rename', label: `Rename group ${title}`, onSelect: () => board.startRenaming(group.id) } : null,
      sorted
        ? { text: 'Show in board order', label: `Show in board order the cards of ${group ? `group ${title}` : 'no group'}`,
          onSelect: () => board.sortByVotes(this.groupId, false) }
        : { text: 'Sort by votes', label: `Sort by votes the cards of ${group ? `group ${title}` : 'no group'}`,
          onSelect: () => board.sortByVotes(this.groupId, true) },
      writable ? { text: 'Remove group', label: `Remove group ${title}; its cards stay on the board`, warning: true,
        onSelect: () => board.removeGroup(group.id) } : null,
    ];
  }

  /** Renaming in place: Enter or Save renames it, Escape or Cancel leaves it as it was. */
  openRename(group) {
    const id = uid('rename');
    const input = h('input', { class: 'govuk-input', id, type: 'text', maxlength: protocol.MAX_TITLE, 'data-key': `rename-input-${group.id}` });
    input.value = group.title;
    const done = (save) => this.board.stopRenaming(group.id, save ? input.value.trim() : null);
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        done(true);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        done(false);
      }
    });
    this.renameForm = h('div', { class: 'govuk-form-group circle-board__rename' },
      h('label', { class: 'govuk-label', for: id }, 'New name', h('span', { class: 'govuk-visually-hidden', text: ` for group ${group.title}` })),
      input,
      h('div', { class: 'circle-board__row' },
        h('button', { class: 'govuk-button circle-board__button', type: 'button', text: 'Save', 'aria-label': `Save the new name of group ${group.title}`,
          onclick: () => done(true) }),
        h('button', { class: 'govuk-button govuk-button--secondary circle-board__button', type: 'button', text: 'Cancel',
          'aria-label': `Cancel renaming group ${group.title}`, onclick: () => done(false) })));
    this.renameSlot.append(this.renameForm);
    input.focus();
    input.select();
  }

  closeRename() {
    const hadFocus = this.renameForm.contains(document.activeElement);
    this.renameForm.remove();
    this.renameForm = null;
    if (hadFocus) this.options.focus();
  }
}
