// The boards of a community, and one board opened live (liveboard.js).
import * as api from './api.js';
import * as protocol from './protocol.js';
import * as session from './session.js';
import { LiveBoard } from './liveboard.js';
import { h, field, button, showError, page, link, uid } from './ui.js';

let active = null;

/** The boards of a community, and a form to add one for facilitators. */
export async function boardsPage(root, communityId) {
  active?.dispose();
  const errors = h('div');
  const list = h('div');
  page(root, 'Boards', errors, list);
  try {
    const [community, { boards }] = await Promise.all([
      api.get(`/communities/${encodeURIComponent(communityId)}`),
      api.get(`/communities/${encodeURIComponent(communityId)}/boards`),
    ]);
    list.append(h('p', { class: 'govuk-body' }, link(`#/community/${community.id}`, `Back to ${community.name}`)));
    if (boards.length === 0) list.append(h('p', { class: 'govuk-body', text: 'There are no boards yet.' }));
    else {
      list.append(h('ul', { class: 'govuk-list circle-cards' }, boards.map((b) => h('li', { class: 'circle-card' },
        h('h2', { class: 'govuk-heading-s' }, link(`#/board/${b.id}`, b.title)),
        h('p', { class: 'govuk-body-s', text: `${b.anonymous ? 'Anonymous' : 'Named'} cards. ${b.voteBudget} votes each.` })))));
    }
    if (community.role === 'facilitator') list.append(newBoardForm(communityId, errors));
  } catch (err) {
    showError(errors, err);
  }
}

function newBoardForm(communityId, errors) {
  const title = field({ label: 'Title of the new board', name: 'title', maxlength: protocol.MAX_TITLE,
    hint: 'For example: What makes this a safe space?' });
  const anonymousId = uid('anonymous');
  const anonymous = h('input', { class: 'govuk-checkboxes__input', id: anonymousId, name: 'anonymous', type: 'checkbox' });
  const form = h('form', { novalidate: true, 'aria-label': 'Add a board' },
    h('h2', { class: 'govuk-heading-m', text: 'Add a board' }), title.group,
    h('div', { class: 'govuk-form-group' }, h('div', { class: 'govuk-checkboxes govuk-checkboxes--small' },
      h('div', { class: 'govuk-checkboxes__item' }, anonymous,
        h('label', { class: 'govuk-label govuk-checkboxes__label', for: anonymousId, text: 'Anonymous: nobody sees who wrote a card' })))),
    button('Add board'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError(errors, null);
    try {
      const board = await api.post(`/communities/${encodeURIComponent(communityId)}/boards`,
        { title: title.input.value, anonymous: anonymous.checked });
      location.hash = `#/board/${board.id}`;
    } catch (err) {
      showError(errors, err);
    }
  });
  return form;
}

/** Opens one board on the app's live connection. */
export function boardPage(root, boardId, connection) {
  active?.dispose();
  active = new LiveBoard(root, boardId, connection, session.account());
}
