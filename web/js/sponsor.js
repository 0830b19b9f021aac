// The sponsor's view: the themes the community released, its replies, how often sessions were held
// and how they went. Every figure about people comes from the server only when at least 3 people
// are behind it; below that the server sends no number and the page says "fewer than 3".
import * as api from './api.js';
import { h, uid, button, showError, page, link, notice } from './ui.js';
import { LiveUpdates } from './live.js';
import { categoryName } from './themes.js';
import { chart, figure } from './charts.js';

/** A day the server sends as 2026-03-05 (UTC), as people read it. */
const heldOn = (date) => new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthName = (month) => new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

function tookPartText(s, minimum) {
  if (s.tookPartShown === 'count') return String(s.tookPart);
  return s.tookPartShown === 'not-counted' ? 'Not counted' : `Fewer than ${minimum}`;
}

function safetyText(s, minimum) {
  if (s.safetyShown === 'mean') return s.safetyMean;
  return s.safetyShown === 'not-asked' ? 'Not asked' : `Fewer than ${minimum} answered`;
}

/**
 * How often the community met and how its sessions went: three small charts (sessions each month,
 * people taking part, how safe sessions felt), each with a table of the same figures. Only the
 * figures the server sent are drawn; a session under the minimum has a row in the table and no point.
 */
function sessionsSection(data, draws) {
  const { minimum, sessions } = data;
  const parts = [h('h2', { class: 'govuk-heading-m', id: 'sessions-heading', text: 'How often the community meets, and how sessions go' })];
  if (!sessions.length) {
    parts.push(h('p', { class: 'govuk-body', text: 'No session has been held yet.' }));
    return h('section', { class: 'circle-section', 'aria-labelledby': 'sessions-heading' }, parts);
  }
  const often = data.usualIntervalDays === null
    ? 'One session has been held so far.'
    : `${plural(sessions.length, 'session', 'sessions')} held, usually ${plural(data.usualIntervalDays, 'day', 'days')} apart.`;
  parts.push(h('p', { class: 'govuk-body', text: often }),
    h('p', { class: 'govuk-body', text: `To protect people, a figure is shown only when at least ${minimum} people are behind it. You never see who took part, or what anyone wrote or answered.` }));

  const months = figure('Sessions held each month', 'Sessions held, month by month', ['Month', 'Sessions'],
    data.perMonth.map((m) => [monthName(m.month), String(m.sessions)]), true);
  draws.push(() => chart(months.area, { labels: data.perMonth.map((m) => monthName(m.month)),
    series: [{ label: 'Sessions', values: data.perMonth.map((m) => m.sessions) }], yRange: (u, min, max) => [0, Math.max(2, max)] }));

  const counted = sessions.filter((s) => s.tookPartShown === 'count');
  const people = figure('People taking part, session by session', 'People taking part in each session',
    ['Session', 'Day', 'People taking part'], sessions.map((s) => [`Session ${s.number}`, heldOn(s.heldOn), tookPartText(s, minimum)]),
    counted.length > 0);
  if (counted.length) {
    draws.push(() => chart(people.area, { labels: counted.map((s) => heldOn(s.heldOn)),
      series: [{ label: 'People', values: counted.map((s) => s.tookPart) }], yRange: (u, min, max) => [0, Math.max(minimum + 2, max + 1)] }));
  }

  const felt = sessions.filter((s) => s.safetyShown === 'mean');
  const safety = figure('How safe sessions felt (average answer, 1 to 5)',
    'How safe sessions felt: the average answer to “How safe does this feel?”, from 1 (not safe) to 5 (completely safe)',
    ['Session', 'Day', 'Average out of 5'], sessions.map((s) => [`Session ${s.number}`, heldOn(s.heldOn), safetyText(s, minimum)]),
    felt.length > 0);
  if (felt.length) {
    draws.push(() => chart(safety.area, { labels: felt.map((s) => heldOn(s.heldOn)),
      series: [{ label: 'Average', values: felt.map((s) => Number(s.safetyMean)) }], yRange: [1, 5] }));
  }
  parts.push(months.fig, people.fig, safety.fig);
  return h('section', { class: 'circle-section circle-sponsor-sessions', 'aria-labelledby': 'sessions-heading' }, parts);
}

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
  let sessions;
  try {
    [overview, themes, sessions] = await Promise.all([api.get(base), api.get(`${base}/themes`), api.get(`${base}/sessions`)]);
  } catch (err) {
    page(root, 'Released themes', errors);
    showError(errors, err);
    return;
  }
  const draws = [];
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
        '. Downloading counts as opening each theme, which the members see.')),
    sessionsSection(sessions, draws));
  for (const draw of draws) await draw();
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
