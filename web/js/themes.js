// Phase 4 in the room: themes made from cards, consented to on their exact words, released to the sponsor.
import * as api from './api.js';
import { h, uid, field, button, showError, page, link, attempting } from './ui.js';
import { LiveUpdates } from './live.js';

export const CATEGORIES = [
  ['practice_change', 'Practice change', 'Something we will do differently ourselves.'],
  ['enabling_ask', 'Enabling ask', 'Something that would help us do our work well, such as time, training or tools.'],
  ['structural_ask', 'Structural ask', 'A change to how the organisation or system works.'],
  ['share_with_peers', 'Share with peers', 'Something other teams could learn from.'],
];

export function categoryName(category) {
  return CATEGORIES.find(([c]) => c === category)?.[1] ?? category;
}

const STATUS = {
  draft: ['Draft', 'govuk-tag--grey'],
  consulting: ['Asking for consent', 'govuk-tag--yellow'],
  agreed: ['Everyone consented', 'govuk-tag--green'],
  released: ['With the sponsor', 'govuk-tag--blue'],
  withdrawn: ['Withdrawn from the sponsor', 'govuk-tag--red'],
};

const ANSWERS = { agree: 'agrees', concern: 'agrees, with a concern', object: 'objects' };

function textarea(name, label, hint, value = '', rows = 4) {
  const id = uid(name);
  const input = h('textarea', { class: 'govuk-textarea', id, name, rows, 'aria-describedby': hint ? `${id}-hint` : undefined });
  input.defaultValue = value; // as sent: a live refresh does not wait on it
  return { input, group: h('div', { class: 'govuk-form-group' },
    h('label', { class: 'govuk-label govuk-label--s', for: id, text: label }),
    hint ? h('div', { class: 'govuk-hint', id: `${id}-hint`, text: hint }) : null, input) };
}

function radios(name, legend, options, value) {
  // One name per group, unique on the page, so arrow keys move within this group alone.
  const groupName = uid(name);
  const inputs = options.map(([v, label, hint]) => {
    const id = uid(`${name}-${v}`);
    const input = h('input', { class: 'govuk-radios__input', id, name: groupName, type: 'radio', value: v,
      'aria-describedby': hint ? `${id}-hint` : undefined });
    input.defaultChecked = input.checked = v === value; // as sent: a live refresh does not wait on it
    return [input, h('div', { class: 'govuk-radios__item' }, input,
      h('label', { class: 'govuk-label govuk-radios__label', for: id, text: label }),
      hint ? h('div', { class: 'govuk-hint govuk-radios__hint', id: `${id}-hint`, text: hint }) : null)];
  });
  return {
    value: () => inputs.map(([i]) => i).find((i) => i.checked)?.value,
    group: h('div', { class: 'govuk-form-group' }, h('fieldset', { class: 'govuk-fieldset' },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s', text: legend }),
      h('div', { class: 'govuk-radios' }, inputs.map(([, item]) => item)))),
  };
}

/** The form to propose or edit a theme: its words, its category, and the cards behind it. */
function themeForm({ label, start = {}, boards, submitText, onSubmit }) {
  const title = field({ label: 'Title', name: 'title', maxlength: 200, value: start.title ?? '',
    hint: 'A few words the sponsor will read first.' });
  const summary = textarea('summary', 'Summary', 'What the group wants the sponsor to know. Leave out names and anything that could identify someone.', start.summary ?? '', 5);
  const category = radios('category', 'Category', CATEGORIES, start.category ?? 'practice_change');
  const chosen = new Set((start.cards ?? []).map((c) => `${c.board}/${c.card}`));
  const boxes = [];
  const cardSets = boards.filter((b) => b.cards.length > 0).map((board) => h('fieldset', { class: 'govuk-fieldset circle-theme-cards' },
    h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s', text: `Cards on “${board.title}”` }),
    h('div', { class: 'govuk-checkboxes govuk-checkboxes--small' }, board.cards.map((card) => {
      const id = uid('card');
      const box = h('input', { class: 'govuk-checkboxes__input', id, type: 'checkbox', value: `${board.id}/${card.id}` });
      box.defaultChecked = box.checked = chosen.has(box.value);
      boxes.push([box]);
      return h('div', { class: 'govuk-checkboxes__item' }, box, h('label', { class: 'govuk-label govuk-checkboxes__label', for: id, text: card.text }));
    }))));
  const form = h('form', { novalidate: true, 'aria-label': label },
    title.group, summary.group, category.group,
    h('div', { class: 'govuk-form-group' },
      h('h3', { class: 'govuk-heading-s', text: 'The cards behind this theme' }),
      h('p', { class: 'govuk-hint', text: 'Choose the cards this theme sums up. Who wrote them is never shown here or to the sponsor.' }),
      cardSets.length ? cardSets : h('p', { class: 'govuk-body', text: 'There are no cards on the boards yet.' })),
    button(submitText));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    onSubmit({
      title: title.input.value,
      summary: summary.input.value,
      category: category.value(),
      cards: boxes.filter(([box]) => box.checked).map(([box]) => box.value),
    });
  });
  return form;
}

let live = null;
window.addEventListener('hashchange', () => {
  live?.close();
  live = null;
});

/** The members' themes page. */
export async function themesPage(root, communityId) {
  const errors = h('div');
  const base = `/communities/${communityId}`;
  let community;
  let state;
  let boards;
  try {
    community = await api.get(base);
    [state, { boards }] = await Promise.all([api.get(`${base}/themes`), api.get(`${base}/theme-cards`)]);
  } catch (err) {
    page(root, 'Themes', link(`#/community/${communityId}`, 'Back to the community'), errors);
    showError(errors, err);
    return;
  }
  const refresh = () => themesPage(root, communityId);
  const attempt = attempting(errors, refresh);
  const facilitator = community.role === 'facilitator';
  const making = community.phase === 'sessions' || community.phase === 'review';
  const list = state.themes.length
    ? h('div', {}, state.themes.map((t) => themeArticle(t, { base, facilitator, making, boards, state, attempt })))
    : h('p', { class: 'govuk-body', text: 'No themes yet.' });
  const propose = making
    ? h('section', { class: 'circle-section', 'aria-labelledby': 'propose-heading' },
      h('h2', { class: 'govuk-heading-m', id: 'propose-heading', text: 'Propose a theme' }),
      themeForm({ label: 'Propose a theme', boards, submitText: 'Propose theme',
        onSubmit: attempt((body) => api.post(`${base}/themes`, body)) }))
    : h('p', { class: 'govuk-body', text: 'Themes are proposed and released during sessions and the review.' });
  page(root, `Themes of ${community.name}`, errors,
    h('p', { class: 'govuk-body' }, link(`#/community/${communityId}`, 'Back to the community')),
    h('p', { class: 'govuk-body', text: `A theme sums up what several members said. It leaves the room only when cards from at least ${state.threshold} different people are behind it and everyone in the room consents to its exact words. The sponsor then sees its words, its category and roughly how many people contributed, never the cards or who wrote them.` }),
    h('section', { class: 'circle-section', 'aria-labelledby': 'themes-heading' },
      h('h2', { class: 'govuk-heading-m', id: 'themes-heading', text: 'Themes' }), list),
    propose);
  live?.close();
  live = new LiveUpdates(communityId, refresh);
}

function themeArticle(t, { base, facilitator, making, boards, state, attempt }) {
  const path = `${base}/themes/${t.id}`;
  const [statusText, statusClass] = STATUS[t.status] ?? [t.status, ''];
  const headingId = uid('theme');
  const article = h('article', { class: 'circle-theme', 'aria-labelledby': headingId, 'data-theme': t.id },
    h('h3', { class: 'govuk-heading-s', id: headingId, text: t.title }),
    h('p', { class: 'govuk-body' }, h('strong', { class: `govuk-tag ${statusClass}`, text: statusText }), ` ${categoryName(t.category)}`),
    h('p', { class: 'govuk-body circle-pre', text: t.summary }));
  if (t.status === 'withdrawn') {
    article.append(h('p', { class: 'govuk-body', text: t.withdrawnWhy === 'below_threshold'
      ? `A card behind it was withdrawn, so it came from fewer than ${state.threshold} people. The sponsor now sees only that a theme was withdrawn.`
      : 'The group took it back. The sponsor now sees only that a theme was withdrawn.' }));
  }
  article.append(h('p', { class: 'govuk-body', text: t.enoughContributors
    ? `Cards from at least ${state.threshold} different people: yes.`
    : `Cards from at least ${state.threshold} different people: not yet. Add cards from more people.` }));
  article.append(h('details', { class: 'govuk-details' },
    h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text', text: `The ${t.cards.length} card${t.cards.length === 1 ? '' : 's'} behind it` })),
    h('div', { class: 'govuk-details__text' }, h('ul', { class: 'govuk-list govuk-list--bullet' },
      t.cards.map((c) => h('li', { text: c.withdrawn ? 'A card that was withdrawn' : `${c.text} (${c.boardTitle})` }))))));
  if (t.identifyingDetails.length) {
    article.append(h('div', { class: 'govuk-warning-text' }, h('strong', { class: 'govuk-warning-text__text',
      text: `Before it can be released, edit out ${t.identifyingDetails.join(', ')}.` })));
  }
  if (t.consent) article.append(consentPanel(t, path, state, attempt));
  if (t.released?.status === 'released') {
    article.append(h('p', { class: 'govuk-body', text: `Released on ${new Date(t.released.releasedAt).toLocaleDateString('en-GB')}. The sponsor sees it as from ${t.released.band} people.` }));
  }
  if (t.sponsorOpenedCount > 0) {
    const last = t.sponsorOpened[0];
    article.append(h('p', { class: 'govuk-body', text: `Opened by ${last.by ?? 'the sponsor'} ${t.sponsorOpenedCount} time${t.sponsorOpenedCount === 1 ? '' : 's'}, last on ${new Date(last.openedAt).toLocaleString('en-GB')}.` }));
  }
  if (t.reply) {
    article.append(h('div', { class: 'govuk-inset-text circle-reply' },
      h('h4', { class: 'govuk-heading-s', text: 'The sponsor replied: you said, we did' }),
      h('p', { class: 'govuk-body circle-pre', text: t.reply.text }),
      h('p', { class: 'govuk-body-s', text: `${t.reply.by ?? 'The sponsor'}, ${new Date(t.reply.repliedAt).toLocaleDateString('en-GB')}` })));
  }
  const actions = h('div', { class: 'govuk-button-group' });
  if (facilitator && making && (t.status === 'draft' || t.status === 'withdrawn')) {
    actions.append(h('button', { class: 'govuk-button', type: 'button', text: 'Ask for consent',
      onclick: attempt(() => api.post(`${path}/consent-round`, {})) }));
  }
  if (facilitator && making && t.status !== 'released') {
    actions.append(h('button', { class: 'govuk-button', type: 'button', text: 'Release to the sponsor',
      onclick: attempt(() => api.post(`${path}/release`, {})) }));
  }
  if (facilitator && t.status === 'released') {
    actions.append(h('button', { class: 'govuk-button govuk-button--warning', type: 'button', text: 'Take back from the sponsor',
      onclick: attempt(() => { if (confirm(`Take “${t.title}” back? The sponsor will see only that it was withdrawn.`)) return api.post(`${path}/take-back`, {}); return null; }) }));
  }
  if (actions.childElementCount) article.append(actions);
  const canEdit = making && t.status !== 'released' && (facilitator || (t.mine && t.status === 'draft'));
  if (canEdit) {
    article.append(h('details', { class: 'govuk-details' },
      h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text',
        text: t.status === 'consulting' || t.status === 'agreed' ? 'Edit (this ends the consent round; a new round is needed)' : 'Edit this theme' })),
      h('div', { class: 'govuk-details__text' }, themeForm({ label: `Edit ${t.title}`, start: t, boards, submitText: 'Save changes',
        onSubmit: attempt((body) => api.put(path, body)) }))));
  }
  return article;
}

function consentPanel(t, path, state, attempt) {
  const answers = t.consent.answers;
  const panel = h('div', { class: 'govuk-inset-text' },
    h('p', { class: 'govuk-body', text: `Consent round ${t.round}: ${answers.length} of ${state.membersInRoom} members have answered.` }),
    answers.length ? h('ul', { class: 'govuk-list' }, answers.map((a) => h('li', { text: `${a.name} ${ANSWERS[a.answer] ?? a.answer}${a.note ? `: ${a.note}` : ''}` }))) : null);
  if (t.consent.blocked) panel.append(h('p', { class: 'govuk-body govuk-!-font-weight-bold', text: 'An objection stands. Edit the theme to meet it, then ask again.' }));
  if (t.consent.consented) panel.append(h('p', { class: 'govuk-body govuk-!-font-weight-bold', text: 'Everyone in the room consents to these words.' }));
  const mine = answers.find((a) => a.mine);
  const choice = radios('answer', 'Your answer', [
    ['agree', 'I agree these words may go to the sponsor'],
    ['concern', 'I agree, with a concern'],
    ['object', 'I object: these words must not go'],
  ], mine?.answer);
  const note = textarea('note', 'Your concern or reason (needed with a concern or an objection)', null, mine?.note ?? '', 2);
  const form = h('form', { novalidate: true, 'aria-label': `Answer the consent round on ${t.title}` }, choice.group, note.group, button('Send my answer'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { answer: choice.value() };
    if (note.input.value.trim()) body.note = note.input.value.trim();
    attempt(() => api.post(`${path}/consent`, body))();
  });
  panel.append(form);
  return panel;
}
