// A private journal: only its author ever reads it. An excerpt can be shared to a board as a card.
import * as api from './api.js';
import * as protocol from './protocol.js';
import { between } from './fractional.js';
import { h, uid, button, showError, page, link, notice, select, attempting } from './ui.js';

const SHARE_TIMEOUT_MS = 10000;

function textarea(name, label, hint, value = '', rows = 5) {
  const id = uid(name);
  const input = h('textarea', { class: 'govuk-textarea', id, name, rows, 'aria-describedby': hint ? `${id}-hint` : undefined });
  input.defaultValue = value;
  return { input, group: h('div', { class: 'govuk-form-group' },
    h('label', { class: 'govuk-label govuk-label--s', for: id, text: label }),
    hint ? h('div', { class: 'govuk-hint', id: `${id}-hint`, text: hint }) : null, input) };
}

/**
 * Puts `text` on a board as the author's own card, through the live connection like any card:
 * joins the board, adds the card after the last one, waits for the server's acknowledgement.
 */
export function shareAsCard(connection, boardId, text) {
  return new Promise((resolve, reject) => {
    if (!connection) {
      reject(new Error('Not connected. Try again in a moment.'));
      return;
    }
    const opId = protocol.newId('journal-');
    const card = protocol.newId('card-');
    const finish = (fn, value) => {
      clearTimeout(timer);
      connection.removeEventListener('message', onMessage);
      fn(value);
    };
    const onMessage = (e) => {
      const msg = e.detail;
      if (msg.type === 'welcome' && msg.board?.id === boardId) {
        const positions = (msg.snapshot?.cards ?? []).map((c) => c.position).sort();
        const last = positions.length ? positions[positions.length - 1] : null;
        connection.send(protocol.op(opId, protocol.createCard(card, text, 'green', null, between(last, null))));
      } else if (msg.type === 'ack' && msg.ref === opId) {
        finish(resolve);
      } else if (msg.type === 'reject' && msg.ref === opId) {
        finish(reject, new Error(protocol.REJECTION_TEXT[msg.reason] ?? 'The board did not accept the card.'));
      } else if (msg.type === 'error') {
        finish(reject, new Error(msg.message || 'The board could not be opened.'));
      }
    };
    const timer = setTimeout(() => finish(reject, new Error('The board did not answer. Try again.')), SHARE_TIMEOUT_MS);
    connection.addEventListener('message', onMessage);
    if (!connection.send(protocol.join(boardId, protocol.newId('journal-client-'), null))) {
      finish(reject, new Error('Not connected. Try again in a moment.'));
    }
  });
}

export async function journalPage(root, communityId, connection) {
  const errors = h('div');
  const result = h('div', { 'aria-live': 'polite' });
  const base = `/communities/${communityId}/journal`;
  let entries;
  let boards;
  try {
    [entries, { boards }] = await Promise.all([api.get(base), api.get(`/communities/${communityId}/boards`)]);
  } catch (err) {
    page(root, 'Your journal', errors);
    showError(errors, err);
    return;
  }
  const refresh = () => journalPage(root, communityId, connection);
  const attempt = attempting(errors, refresh);
  const write = textarea('entry', 'New entry', 'What happened, what you felt, what you are unsure about.', '', 6);
  const form = h('form', { novalidate: true, 'aria-label': 'Write in your journal' }, write.group, button('Save entry'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(() => api.post(base, { text: write.input.value }))();
  });
  const list = entries.map((entry) => entryArticle(entry, { base, boards, connection, attempt, errors, result }));
  page(root, 'Your journal', errors, result,
    h('p', { class: 'govuk-body' }, link(`#/community/${communityId}`, 'Back to the community')),
    h('p', { class: 'govuk-body', text: 'Only you can read your journal: not the facilitator, not the sponsor, not an administrator. You choose what, if anything, to share with the group.' }),
    form,
    h('section', { class: 'circle-section', 'aria-labelledby': 'entries-heading' },
      h('h2', { class: 'govuk-heading-m', id: 'entries-heading', text: 'Your entries' }),
      list.length ? list : h('p', { class: 'govuk-body', text: 'Nothing written yet.' })));
}

function entryArticle(entry, { base, boards, connection, attempt, errors, result }) {
  const headingId = uid('entry');
  const written = new Date(entry.createdAt).toLocaleString('en-GB');
  const edit = textarea('edit', 'Entry', null, entry.text);
  const editForm = h('form', { novalidate: true, 'aria-label': `Edit the entry of ${written}` }, edit.group, button('Save changes'));
  editForm.addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(() => api.put(`${base}/${entry.id}`, { text: edit.input.value }))();
  });
  const article = h('article', { class: 'circle-journal-entry', 'aria-labelledby': headingId },
    h('h3', { class: 'govuk-heading-s', id: headingId, text: written }),
    h('p', { class: 'govuk-body circle-pre', text: entry.text }),
    h('details', { class: 'govuk-details' },
      h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text', text: 'Edit' })),
      h('div', { class: 'govuk-details__text' }, editForm)));
  if (boards.length) {
    const board = select({ label: 'Board', name: 'board', options: boards.map((b) => [b.id, b.title]) });
    const excerpt = textarea('excerpt', 'Excerpt to share', 'Cut it down to what you want the group to read. It becomes a card in your name (or anonymous, on an anonymous board).', entry.text, 3);
    const shareForm = h('form', { novalidate: true, 'aria-label': `Share an excerpt of the entry of ${written}` }, board.group, excerpt.group, button('Share as a card'));
    shareForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      showError(errors, null);
      try {
        const text = excerpt.input.value.trim();
        if (!text) throw new Error('Write the excerpt to share.');
        await shareAsCard(connection, board.input.value, text);
        notice(result, 'Shared on the board as a card.');
        result.querySelector('.govuk-notification-banner')?.focus();
      } catch (err) {
        showError(errors, err);
      }
    });
    article.append(h('details', { class: 'govuk-details' },
      h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text', text: 'Share an excerpt to a board' })),
      h('div', { class: 'govuk-details__text' }, shareForm)));
  }
  article.append(h('button', { class: 'govuk-button govuk-button--warning', type: 'button', text: 'Delete entry',
    'aria-label': `Delete entry of ${written}`,
    onclick: attempt(() => (confirm('Delete this entry? It cannot be undone.') ? api.del(`${base}/${entry.id}`) : null)) }));
  return article;
}
