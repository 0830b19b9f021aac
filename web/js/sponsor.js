// The sponsor's view: the themes the community released, its replies, and how many sessions were held.
import * as api from './api.js';
import { h, uid, button, showError, page, link, notice } from './ui.js';
import { LiveUpdates } from './live.js';
import { categoryName } from './themes.js';

let live = null;
window.addEventListener('hashchange', () => {
  live?.close();
  live = null;
});

function listen(communityId, refresh) {
  live?.close();
  live = new LiveUpdates(communityId, refresh, 'sponsor/events');
}

/** Released themes, newest first; a withdrawn one appears only as withdrawn. */
export async function sponsorPage(root, communityId) {
  const errors = h('div');
  const base = `/communities/${communityId}/sponsor`;
  let overview;
  let themes;
  try {
    [overview, themes] = await Promise.all([api.get(base), api.get(`${base}/themes`)]);
  } catch (err) {
    page(root, 'Released themes', errors);
    showError(errors, err);
    return;
  }
  const items = themes.map((t) => {
    if (t.status !== 'released') {
      return h('li', { class: 'circle-card circle-card--withdrawn' },
        h('p', { class: 'govuk-body', text: 'Withdrawn: the community took this theme back.' }));
    }
    return h('li', { class: 'circle-card' },
      h('h3', { class: 'govuk-heading-s' }, link(`#/community/${communityId}/sponsor/themes/${t.id}`, t.title)),
      h('p', { class: 'govuk-body-s', text: `${categoryName(t.category)}. From ${t.contributors} people. Released ${new Date(t.releasedAt).toLocaleDateString('en-GB')}. ${t.reply ? 'You have replied.' : 'Not replied to yet.'}` }));
  });
  page(root, `What ${overview.name} shares with you`, errors,
    h('p', { class: 'govuk-body' }, link(`#/community/${communityId}`, 'Back to the community')),
    h('p', { class: 'govuk-body', text: 'A theme reaches you only when cards from enough different people are behind it and everyone in the community agreed to its exact words. You see those words and roughly how many people contributed, never the cards or who wrote them. When you open a theme, the members see that you did.' }),
    h('dl', { class: 'govuk-summary-list' },
      h('div', { class: 'govuk-summary-list__row' }, h('dt', { class: 'govuk-summary-list__key', text: 'Sessions held' }),
        h('dd', { class: 'govuk-summary-list__value', text: String(overview.sessionsHeld) })),
      h('div', { class: 'govuk-summary-list__row' }, h('dt', { class: 'govuk-summary-list__key', text: 'Themes released' }),
        h('dd', { class: 'govuk-summary-list__value', text: String(overview.releasedThemes) }))),
    h('section', { class: 'circle-section', 'aria-labelledby': 'released-heading' },
      h('h2', { class: 'govuk-heading-m', id: 'released-heading', text: 'Released themes' }),
      items.length ? h('ul', { class: 'govuk-list circle-cards', 'aria-live': 'polite' }, items)
        : h('p', { class: 'govuk-body', text: 'No themes released yet.' }),
      h('p', { class: 'govuk-body' }, 'Download the released themes and your replies: ',
        h('a', { class: 'govuk-link', href: `/api/communities/${communityId}/sponsor/export?format=markdown`, download: '', text: 'Markdown' }),
        ' or ',
        h('a', { class: 'govuk-link', href: `/api/communities/${communityId}/sponsor/export?format=csv`, download: '', text: 'CSV' }),
        '. Downloading counts as opening each theme, which the members see.')));
  listen(communityId, () => sponsorPage(root, communityId));
}

/** One released theme, opened (the members see it was), with the sponsor's reply. */
export async function sponsorThemePage(root, communityId, themeId) {
  const errors = h('div');
  const result = h('div', { 'aria-live': 'polite' });
  const path = `/communities/${communityId}/sponsor/themes/${themeId}`;
  const back = h('p', { class: 'govuk-body' }, link(`#/community/${communityId}/sponsor`, 'Back to released themes'));
  let theme;
  try {
    theme = await api.get(path);
  } catch (err) {
    page(root, 'Theme not available', back, errors);
    showError(errors, err);
    return;
  }
  if (theme.status !== 'released') {
    page(root, 'Withdrawn', back, h('p', { class: 'govuk-body', text: 'The community took this theme back.' }));
    listen(communityId, () => sponsorThemePage(root, communityId, themeId));
    return;
  }
  const id = uid('reply');
  const reply = h('textarea', { class: 'govuk-textarea', id, name: 'reply', rows: 5, 'aria-describedby': `${id}-hint` });
  reply.defaultValue = theme.reply?.text ?? '';
  const form = h('form', { novalidate: true, 'aria-label': 'Reply to the community' },
    h('div', { class: 'govuk-form-group' },
      h('label', { class: 'govuk-label govuk-label--m', for: id, text: 'Your reply: you said, we did' }),
      h('div', { class: 'govuk-hint', id: `${id}-hint`, text: 'Tell the community what you have done, or will do, about this. Everyone in the community reads it.' }),
      reply),
    button(theme.reply ? 'Update reply' : 'Send reply'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError(errors, null);
    try {
      await api.put(`${path}/reply`, { text: reply.value });
      notice(result, 'Your reply has been sent to the community.');
    } catch (err) {
      showError(errors, err);
    }
  });
  page(root, theme.title, back, errors, result,
    h('p', { class: 'govuk-body', text: `${categoryName(theme.category)}. From ${theme.contributors} people. Released ${new Date(theme.releasedAt).toLocaleDateString('en-GB')}.` }),
    h('p', { class: 'govuk-body-l circle-pre', text: theme.summary }),
    form);
  // Only a withdrawal matters here: re-opening the page would record another opening.
  live?.close();
  live = new LiveUpdates(communityId, async () => {
    const now = await api.get(`/communities/${communityId}/sponsor/themes`);
    if (!now.some((t) => t.id === themeId && t.status === 'released')) {
      page(root, 'Withdrawn', back, h('p', { class: 'govuk-body', text: 'The community took this theme back.' }));
    }
  }, 'sponsor/events');
}
