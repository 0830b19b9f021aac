// Phase 3 on the community page: the live session one click away, upcoming and past sessions,
// and a form for facilitators to schedule one. The session itself is in sessionroom.js.
import * as api from './api.js';
import { h, field, button, showError, link } from './ui.js';

/** Where a session's room is. */
export function roomHref(communityId, sessionId) {
  return `#/community/${communityId}/session/${sessionId}`;
}

export function when(iso) {
  return new Date(iso).toLocaleString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** The community page's sessions section: null for sponsors and before the sessions phase begins. */
export async function sessionsSection(community, errors) {
  if (community.role === 'sponsor') return null;
  const { sessions } = await api.get(`/communities/${community.id}/sessions`);
  if (sessions.length === 0 && community.phase !== 'sessions') return null;
  const live = sessions.filter((s) => s.state === 'live');
  const upcoming = sessions.filter((s) => s.state === 'planned');
  const past = sessions.filter((s) => s.state === 'ended').reverse();
  const section = h('section', { class: 'circle-section', 'aria-labelledby': 'sessions-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'sessions-heading', text: 'Sessions' }));
  for (const s of live) {
    section.append(h('div', { class: 'govuk-notification-banner circle-session-banner', role: 'region', 'aria-labelledby': `live-${s.id}` },
      h('div', { class: 'govuk-notification-banner__header' },
        h('h3', { class: 'govuk-notification-banner__title', id: `live-${s.id}`, text: 'Happening now' })),
      h('div', { class: 'govuk-notification-banner__content' },
        h('p', { class: 'govuk-notification-banner__heading', text: s.title }),
        h('a', { class: 'govuk-button govuk-!-margin-bottom-0', href: roomHref(community.id, s.id), text: 'Join the live session',
          'aria-label': `Join the live session: ${s.title}` }))));
  }
  section.append(h('h3', { class: 'govuk-heading-s', text: 'Coming up' }),
    upcoming.length === 0 ? h('p', { class: 'govuk-body', text: 'No sessions are planned yet.' }) : list(community, upcoming));
  if (past.length) section.append(h('h3', { class: 'govuk-heading-s', text: 'Past sessions' }), list(community, past));
  if (community.role === 'facilitator' && community.phase === 'sessions') section.append(scheduleForm(community, errors));
  return section;
}

function list(community, sessions) {
  return h('ul', { class: 'govuk-list circle-cards' }, sessions.map((s) => h('li', { class: 'circle-card' },
    h('h4', { class: 'govuk-heading-s' }, link(roomHref(community.id, s.id), s.title)),
    h('p', { class: 'govuk-body-s', text: `${when(s.startsAt)}, ${s.durationMinutes} minutes. ${s.segments} part${s.segments === 1 ? '' : 's'} on the agenda.` }),
    s.state === 'ended' ? h('p', { class: 'govuk-body-s' }, link(`#/community/${community.id}/session/${s.id}/review`, `Review: ${s.title}`)) : null)));
}

function scheduleForm(community, errors) {
  const title = field({ label: 'Title', name: 'title', maxlength: 200, hint: 'For example: March session' });
  const date = field({ label: 'Date', name: 'date', type: 'date' });
  const time = field({ label: 'Start time', name: 'time', type: 'time', value: '14:00' });
  const minutes = field({ label: 'Length in minutes', name: 'durationMinutes', type: 'number', value: '90' });
  minutes.input.classList.add('govuk-input--width-4');
  minutes.input.setAttribute('min', '5');
  minutes.input.setAttribute('max', '480');
  const callLink = field({ label: 'Link to your call (optional)', name: 'callLink', type: 'url', required: false, maxlength: 500,
    hint: 'The https link of your Teams, Zoom or Jitsi meeting. Circle has no video of its own.' });
  const form = h('form', { novalidate: true, 'aria-label': 'Schedule a session' },
    h('h3', { class: 'govuk-heading-s', text: 'Schedule a session' }),
    h('p', { class: 'govuk-body', text: 'The agenda starts as your ground rules describe it. You can change it before and during the session.' }),
    title.group, h('div', { class: 'circle-board__row' }, date.group, time.group, minutes.group), callLink.group,
    button('Schedule session'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError(errors, null);
    const start = new Date(`${date.input.value}T${time.input.value || '00:00'}`);
    if (!date.input.value || Number.isNaN(start.getTime())) {
      showError(errors, { title: 'Check the date', detail: 'Enter the date of the session.' });
      date.input.focus();
      return;
    }
    const body = { title: title.input.value, startsAt: start.toISOString(), durationMinutes: Number(minutes.input.value) };
    if (callLink.input.value.trim()) body.callLink = callLink.input.value.trim();
    try {
      const created = await api.post(`/communities/${community.id}/sessions`, body);
      location.hash = roomHref(community.id, created.id);
    } catch (err) {
      showError(errors, err);
    }
  });
  return form;
}
