// What the board page shows, drawn from the board's state at most once per animation frame:
// the status line, the toolbar and the columns. Cards and columns are keyed by id and kept
// between draws; a draw changes only what differs from the last one.
import { h } from './ui.js';
import { CardView } from './cardview.js';
import { ColumnView, UNGROUPED_TITLE } from './columnview.js';
import { BoardToolbar } from './boardtoolbar.js';
import { placeChildren, keepingFocus } from './keyed.js';
import { DragMove } from './dragmove.js';
import { closeMenuIn } from './menu.js';

export class BoardScreen {
  constructor(board) {
    this.board = board;
    this.cards = new Map();
    this.columns = new Map();
    this.columnOrder = [];
    this.shown = {};
    this.votes = h('p', { class: 'govuk-body-s circle-board__votes' });
    this.people = h('div', { class: 'circle-board__people' },
      h('h2', { class: 'govuk-body-s circle-board__people-title', text: 'Here now:' }),
      this.peopleList = h('ul', { class: 'govuk-list govuk-body-s circle-board__people-list', 'aria-label': 'People on this board now' }));
    this.notice = h('div', { class: 'govuk-inset-text circle-board__notice', hidden: true });
    this.toolbar = new BoardToolbar(board);
    this.help = h('details', { class: 'govuk-details circle-board__help' },
      h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text', text: 'Using the board with a keyboard' })),
      h('div', { class: 'govuk-details__text' }, h('ul', { class: 'govuk-list govuk-list--bullet govuk-body-s' },
        h('li', { text: 'Tab goes from card to card, Shift and Tab back.' }),
        h('li', { text: 'On a card, Left and Right go to its buttons; Up and Down to the card above or below.' }),
        h('li', { text: 'Enter edits the card. Space picks it up: the arrow keys carry it, Space puts it down, Escape puts it back.' }),
        h('li', { text: 'Each card\'s Actions menu moves it to another group, up or down, or deletes it.' }))));
    this.boardEl = h('div', { class: 'circle-board' });
    this.scroller = h('div', { class: 'circle-board__scroller' }, this.boardEl);
    this.drag = new DragMove(this.boardEl, this.scroller, board);
    this.loading = h('p', { class: 'govuk-body', text: 'Opening the board…' });
    this.content = h('div', { class: 'circle-board__content', hidden: true },
      h('div', { class: 'circle-board__bar' }, this.votes, this.people), this.notice, this.toolbar.el, this.help, this.scroller);
    this.el = h('div', {}, this.loading, this.content);
  }

  /**
   * `view`: the board to show (a BoardState); `ctx`: what else decides how it looks; `only`: the
   * ids of the cards that changed, or null to go over every column and card.
   */
  draw(view, ctx, only = null) {
    if (this.content.hidden) {
      this.content.hidden = false;
      this.loading.remove();
    }
    this.set('votes', ctx.readOnly ? '' : ctx.votesLeft > 0
      ? `You have ${ctx.votesLeft} of ${ctx.voteBudget} vote${ctx.voteBudget === 1 ? '' : 's'} left.`
      : 'You have used all your votes. Take one back to vote again.', (v) => {
      this.votes.hidden = !v;
      this.votes.textContent = v;
    });
    this.set('people', JSON.stringify(ctx.people.map((p) => [p.id, p.name])), () => {
      this.peopleList.replaceChildren(...ctx.people.map((p) => h('li', { text: p.id === ctx.me.id ? `${p.name} (you)` : p.name })));
    });
    this.set('notice', ctx.notice, (v) => {
      this.notice.hidden = !v;
      this.notice.textContent = v;
    });

    if (only !== null) {
      for (const id of only) {
        const card = view.cards.get(id);
        if (card) this.cards.get(id)?.update(card, ctx);
      }
      return;
    }
    const groups = view.orderedGroups();
    const layout = ctx.layout;
    const columns = [{ id: null, title: UNGROUPED_TITLE, count: layout.get(null).length },
      ...groups.map((g) => ({ id: g.id, title: g.title, count: layout.get(g.id).length }))];
    this.toolbar.update(ctx, columns, view.locked);

    let refocus = null;
    keepingFocus(() => {
      // Cards gone from the board leave; focus inside one goes to its neighbour.
      for (const [id, card] of this.cards) {
        if (view.cards.has(id)) continue;
        if (card.el.contains(document.activeElement)) refocus = this.board.neighbourOfRemoved(id);
        closeMenuIn(card.el);
        card.el.remove();
        this.cards.delete(id);
      }
      const columnViews = [];
      for (const column of columns) {
        let columnView = this.columns.get(column.id);
        if (!columnView) {
          columnView = new ColumnView(column.id, this.board);
          this.columns.set(column.id, columnView);
        }
        const cardViews = layout.get(column.id).map((card) => {
          let cardView = this.cards.get(card.id);
          if (!cardView) {
            cardView = new CardView(card.id, this.board);
            this.cards.set(card.id, cardView);
          }
          cardView.update(card, ctx);
          return cardView;
        });
        columnView.update(column.id === null ? null : view.groups.get(column.id), cardViews, ctx);
        columnViews.push(columnView);
      }
      for (const [id, columnView] of this.columns) {
        if (id !== null && !view.groups.has(id)) {
          closeMenuIn(columnView.el);
          columnView.el.remove();
          this.columns.delete(id);
        }
      }
      const order = columnViews.map((c) => c.groupId);
      if (order.length !== this.columnOrder.length || order.some((id, i) => id !== this.columnOrder[i])) {
        this.columnOrder = order;
        placeChildren(this.boardEl, columnViews.map((c) => c.el));
      }
    });
    if (refocus) this.focusCard(refocus);
  }

  card(id) {
    return this.cards.get(id);
  }

  focusCard(id) {
    this.cards.get(id)?.el.focus();
  }

  column(id) {
    return this.columns.get(id);
  }

  set(name, value, change) {
    if (this.shown[name] === value) return;
    this.shown[name] = value;
    change(value);
  }
}
