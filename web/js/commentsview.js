// A card's comments, shown when its Comments button is pressed: the list (redrawn only when the
// comments change) and a field to add one, which keeps what is typed while others write.
import * as protocol from './protocol.js';
import { h, uid } from './ui.js';

export class CommentsView {
  constructor(cardId, board) {
    this.cardId = cardId;
    this.board = board;
    this.list = h('div');
    this.el = h('div', { class: 'circle-board__comments' }, this.list);
    this.shown = null;
  }

  update(comments, label, ctx) {
    const key = JSON.stringify([label, ctx.readOnly, ctx.facilitator, comments.map((c) => [c.id, c.text, c.author?.name ?? ''])]);
    if (key !== this.shown) {
      this.shown = key;
      this.list.replaceChildren(this.renderList(comments, label, ctx));
    }
    if (ctx.readOnly) {
      this.form?.remove();
      this.form = null;
    } else if (!this.form) {
      this.form = this.renderForm();
      this.formLabel = null;
      this.el.append(this.form);
    }
    if (this.form && this.formLabel !== label) {
      this.formLabel = label;
      this.labelHint.textContent = ` to card "${label}"`;
      this.addButton.setAttribute('aria-label', `Add comment to card "${label}"`);
    }
  }

  renderList(comments, label, ctx) {
    if (comments.length === 0) return h('p', { class: 'govuk-body-s', text: 'No comments yet.' });
    return h('ul', { class: 'govuk-list circle-board__comment-list', 'aria-label': `Comments on card "${label}"` },
      comments.map((c) => {
        const mine = c.author?.id === ctx.me.id;
        return h('li', { class: 'circle-board__comment' },
          h('p', { class: 'govuk-body-s circle-board__text', text: c.text }),
          c.author ? h('p', { class: 'govuk-body-s circle-board__meta', text: `By ${mine ? 'you' : c.author.name}` }) : null,
          !ctx.readOnly && (mine || ctx.facilitator) ? h('button', {
            class: 'govuk-button govuk-button--warning circle-board__button', type: 'button', text: 'Delete comment',
            'aria-label': `Delete comment "${c.text.slice(0, 40)}"`, 'data-key': `delete-comment-${c.id}`,
            onclick: () => this.board.deleteComment(c.id),
          }) : null);
      }));
  }

  renderForm() {
    const id = uid('comment');
    const text = h('textarea', { class: 'govuk-textarea', id, rows: 2, maxlength: protocol.MAX_TEXT, 'data-key': `comment-text-${this.cardId}` });
    const submit = () => {
      const value = text.value.trim();
      if (!value) return;
      text.value = '';
      this.board.addComment(this.cardId, value);
      text.focus();
    };
    text.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        submit();
      }
    });
    this.labelHint = h('span', { class: 'govuk-visually-hidden' });
    this.addButton = h('button', { class: 'govuk-button govuk-button--secondary circle-board__button', type: 'button',
      text: 'Add comment', 'data-key': `add-comment-${this.cardId}`, onclick: submit });
    return h('div', { class: 'govuk-form-group circle-board__add-comment' },
      h('label', { class: 'govuk-label', for: id }, 'Add a comment', this.labelHint), text, this.addButton);
  }
}
