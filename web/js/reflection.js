// Reflection in and on action: pulses in the session room, the review after each session, and the
// community's reflection page with small charts. Every figure comes from the server only once its
// question has closed with at least 3 answers (figures that moved with each answer would give
// away what the last person chose); otherwise the server sends no number and the page says why.
// Answers are anonymous: the page never learns who answered what, and says as much.
// User text is only ever set with textContent (ui.js `h` with `text`), never parsed as HTML.
import * as api from './api.js';
import { h, uid, showError, page, repaint, link, actionButton, onSubmit, notice } from './ui.js';
import { LiveUpdates } from './live.js';
import { when } from './sessions.js';
import { chart, figure, day } from './charts.js';
const NOT_ENOUGH = 'Not enough answers to show.';
const UNTIL_CLOSED = 'Shown once it closes';
/** Why a row of a table has no figure: still open, or closed with too few answers. */
const none = (p) => (p.closedAt ? NOT_ENOUGH : UNTIL_CLOSED);

export function reviewHref(communityId, sessionId) {
  return `#/community/${communityId}/session/${sessionId}/review`;
}

function radios(name, legend, choices, key) {
  const groupName = uid(name);
  const inputs = choices.map((c) => {
    const id = uid(`${name}-${c.value}`);
    const input = h('input', { class: 'govuk-radios__input', id, name: groupName, type: 'radio', value: c.value,
      'data-key': key ? `${key}-${c.value}` : undefined });
    return [input, h('div', { class: 'govuk-radios__item' }, input, h('label', { class: 'govuk-label govuk-radios__label', for: id, text: c.label }))];
  });
  return {
    value: () => inputs.map(([i]) => i).find((i) => i.checked)?.value,
    group: h('div', { class: 'govuk-form-group' }, h('fieldset', { class: 'govuk-fieldset' },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s', text: legend }),
      h('div', { class: 'govuk-radios govuk-radios--small govuk-radios--inline' }, inputs.map(([, item]) => item)))),
  };
}

function noteField(label, key) {
  const id = uid('note');
  const input = h('textarea', { class: 'govuk-textarea', id, rows: 2, maxlength: 1000, 'aria-describedby': `${id}-hint`, 'data-key': key });
  return { input, group: h('div', { class: 'govuk-form-group' },
    h('label', { class: 'govuk-label', for: id, text: label }),
    h('div', { class: 'govuk-hint', id: `${id}-hint`, text: 'Shown to the group without your name once the question closes, if at least 3 people answered.' }), input) };
}

/** The result of a pulse or process check: figures in a table, or why there are none. */
export function resultView(pulse, { caption } = {}) {
  if (!pulse.enough) return h('p', { class: 'govuk-body circle-pulse__none', text: pulse.message ?? NOT_ENOUGH });
  const r = pulse.result;
  return h('div', { class: 'circle-pulse__result' },
    h('table', { class: 'govuk-table circle-pulse__table' },
      h('caption', { class: 'govuk-table__caption govuk-table__caption--s', text: caption ?? `${pulse.question} (${r.answers} answers)` }),
      h('thead', { class: 'govuk-table__head' }, h('tr', { class: 'govuk-table__row' },
        h('th', { class: 'govuk-table__header', scope: 'col', text: 'Answer' }),
        h('th', { class: 'govuk-table__header govuk-table__header--numeric', scope: 'col', text: 'People' }))),
      h('tbody', { class: 'govuk-table__body' }, r.distribution.map((d) => h('tr', { class: 'govuk-table__row' },
        h('th', { class: 'govuk-table__header', scope: 'row', text: d.label }),
        h('td', { class: 'govuk-table__cell govuk-table__cell--numeric', text: String(d.count) }))))),
    r.mean !== null ? h('p', { class: 'govuk-body', text: `Average: ${r.mean} out of 5.` }) : null,
    r.notes.length ? h('div', {}, h('h4', { class: 'govuk-heading-s', text: 'Notes (in alphabetical order, without names)' }),
      h('ul', { class: 'govuk-list govuk-list--bullet' }, r.notes.map((n) => h('li', { class: 'circle-pre', text: n })))) : null);
}

/** The form to answer a pulse or process check: a choice and an optional note. */
function answerForm(pulse, errors, onAnswered) {
  const choice = radios('pulse', pulse.question, pulse.choices, `pulse-${pulse.id}`);
  const note = noteField('A note (optional)', `pulse-note-${pulse.id}`);
  const form = h('form', { novalidate: true, 'aria-label': `Answer: ${pulse.question}` }, choice.group, note.group,
    h('button', { class: 'govuk-button govuk-button--secondary', type: 'submit', 'data-key': `pulse-send-${pulse.id}`, text: 'Send my answer' }));
  onSubmit(form, errors, async () => {
    const value = choice.value();
    if (!value) throw new Error('Choose an answer first.');
    const body = { value };
    if (note.input.value.trim()) body.note = note.input.value.trim();
    onAnswered(await api.post(`/communities/${pulse.communityId}/pulses/${pulse.id}/answers`, body));
  }, { check: false });
  return form;
}

/**
 * The pulse panel of a live session room. It reads the session's pulses again whenever the
 * session's stream says something changed; forms being filled in are kept as they are.
 */
export class PulsePanel {
  constructor(communityId, sessionId, errors, announcer) {
    this.communityId = communityId;
    this.sessionId = sessionId;
    this.errors = errors;
    this.announcer = announcer;
    this.forms = new Map();
    this.pulses = [];
    this.element = h('section', { class: 'circle-session__panel circle-pulse', 'aria-labelledby': 'session-pulse' },
      h('h2', { class: 'govuk-heading-s', id: 'session-pulse', text: 'Pulse' }));
    this.body = h('div');
    this.element.append(this.body);
    this.reading = false;
  }

  async refresh(state) {
    this.state = state;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    try {
      const { pulses } = await api.get(`/communities/${this.communityId}/sessions/${this.sessionId}/pulses`);
      const openBefore = this.pulses.find((p) => p.open)?.id;
      this.pulses = pulses.map((p) => ({ ...p, communityId: this.communityId }));
      const open = this.pulses.find((p) => p.open);
      if (open && open.id !== openBefore && !open.answered) this.announcer.textContent = `A pulse has opened: ${open.question}`;
      this.render();
    } catch {
      // The session room shows its own errors; the pulse comes back with the next change.
    } finally {
      this.reading = false;
      if (this.again) {
        this.again = false;
        this.refresh(this.state);
      }
    }
  }

  render() {
    const s = this.state;
    const facilitator = s?.you?.role === 'facilitator';
    const open = this.pulses.find((p) => p.open);
    const latest = this.pulses[0];
    const parts = [];
    if (open) {
      // Unanswered, the question is the legend of its form; answered, it heads the result.
      if (open.answered) parts.push(h('p', { class: 'govuk-body govuk-!-font-weight-bold', text: open.question }));
      if (!open.answered) {
        if (!this.forms.has(open.id)) {
          this.forms.set(open.id, answerForm(open, this.errors, () => {
            this.announcer.textContent = 'Thank you. Your answer is anonymous.';
            this.refresh(this.state);
          }));
        }
        parts.push(h('p', { class: 'govuk-body-s', text: 'Your answer is anonymous: nobody, not even the facilitator, sees what you answered.' }),
          this.forms.get(open.id));
      } else {
        parts.push(h('p', { class: 'govuk-body-s', text: 'You have answered. Your answer is anonymous.' }));
      }
      parts.push(h('div', { class: 'circle-pulse__live', 'aria-live': 'polite' }, resultView(open)));
      if (facilitator) {
        parts.push(actionButton('Close the pulse', this.errors, async () => {
          await api.post(`/communities/${this.communityId}/pulses/${open.id}/close`, {});
          this.refresh(this.state);
        }, { class: 'govuk-button govuk-button--secondary', 'data-key': 'pulse-close' }));
      }
    } else if (latest) {
      parts.push(h('p', { class: 'govuk-body', text: `Last pulse: ${latest.question}` }), resultView(latest));
    } else {
      parts.push(h('p', { class: 'govuk-body', text: 'No pulse has been taken in this session.' }));
    }
    if (facilitator && s.state === 'live') {
      parts.push(h('div', { class: 'govuk-button-group' },
        actionButton('Ask how safe this feels', this.errors, () => this.open('safety'), { class: 'govuk-button govuk-button--secondary', 'data-key': 'pulse-safety' }),
        actionButton('Ask the learning-zone check', this.errors, () => this.open('zone'), { class: 'govuk-button govuk-button--secondary', 'data-key': 'pulse-zone' })));
    }
    if (s?.state === 'ended') parts.push(h('p', { class: 'govuk-body' }, link(reviewHref(this.communityId, this.sessionId), 'Review this session')));
    const focused = document.activeElement?.dataset?.key;
    this.body.replaceChildren(...parts);
    if (focused && !this.body.contains(document.activeElement)) this.body.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus();
  }

  async open(kind) {
    await api.post(`/communities/${this.communityId}/sessions/${this.sessionId}/pulses`, { kind });
    await this.refresh(this.state);
  }
}

let live = null;
/** What the last action did, said once the page has been read again. */
let flash = null;
window.addEventListener('hashchange', () => {
  live?.close();
  live = null;
  const app = document.getElementById('app');
  delete app.dataset.review;
  delete app.dataset.reflection;
});

/** The review of an ended session: my answers, everyone's, and the ideas a facilitator turns into proposals. */
export async function reviewPage(root, communityId, sessionId) {
  const errors = h('div');
  const result = h('div', { 'aria-live': 'polite' });
  const base = `/communities/${communityId}/sessions/${sessionId}/review`;
  const back = h('p', { class: 'govuk-body' }, link(`#/community/${communityId}`, 'Back to the community'));
  let community;
  let review;
  try {
    [community, review] = await Promise.all([api.get(`/communities/${communityId}`), api.get(base)]);
  } catch (err) {
    page(root, 'Session review', back, errors);
    showError(errors, err);
    return;
  }
  const again = root.dataset.review === sessionId;
  const refresh = () => reviewPage(root, communityId, sessionId);
  const facilitator = community.role === 'facilitator';
  const mine = review.entries.find((e) => e.mine);
  const sections = [];

  if (facilitator && review.entries.length === 0) {
    const choice = radios('template', 'Prompts for this review', review.templates.map((t) => ({ value: t.key, label: t.name })));
    choice.group.querySelectorAll('input').forEach((i) => {
      i.defaultChecked = i.checked = i.value === review.template.key;
    });
    const form = h('form', { novalidate: true, 'aria-label': 'Choose the review prompts' }, choice.group,
      h('button', { class: 'govuk-button govuk-button--secondary', type: 'submit', text: 'Use these prompts' }));
    onSubmit(form, errors, async () => {
      await api.put(`${base}/template`, { template: choice.value() });
      await refresh();
    }, { check: false });
    sections.push(h('details', { class: 'govuk-details' },
      h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text', text: 'Change the prompts' })),
      h('div', { class: 'govuk-details__text' }, form)));
  }

  const fields = review.template.prompts.map((p) => {
    const id = uid(`review-${p.key}`);
    const input = h('textarea', { class: 'govuk-textarea', id, name: p.key, rows: 3, maxlength: 4000 });
    input.defaultValue = input.value = mine?.answers.find((a) => a.prompt === p.key)?.text ?? '';
    return [p, input, h('div', { class: 'govuk-form-group' }, h('label', { class: 'govuk-label govuk-label--s', for: id, text: p.label }), input)];
  });
  const form = h('form', { novalidate: true, 'aria-label': 'Your review' }, fields.map(([, , group]) => group),
    h('button', { class: 'govuk-button', type: 'submit', text: mine ? 'Save changes' : 'Save my review' }));
  onSubmit(form, errors, async () => {
    const body = {};
    for (const [p, input] of fields) body[p.key] = input.value;
    await api.put(`${base}/mine`, body);
    flash = 'Your review is saved. You can change it at any time.';
    await refresh();
  }, { check: false });
  sections.push(h('section', { class: 'circle-section', 'aria-labelledby': 'my-review' },
    h('h2', { class: 'govuk-heading-m', id: 'my-review', text: 'Your review' }),
    h('p', { class: 'govuk-body', text: review.named
      ? 'The group reads your review with your name. Only you can change it.'
      : 'Our ground rules make cards anonymous, so the group reads your review without your name. Only you can change it.' }),
    form));

  const ideaPrompts = new Set(review.template.prompts.filter((p) => p.ideas).map((p) => p.key));
  const entries = review.entries.map((e, i) => {
    const headingId = uid('entry');
    return h('article', { class: 'circle-review-entry', 'aria-labelledby': headingId },
      h('h3', { class: 'govuk-heading-s', id: headingId, text: e.mine ? 'You' : e.author ?? `A member (${i + 1})` }),
      h('dl', { class: 'govuk-summary-list' }, e.answers.map((a) => h('div', { class: 'govuk-summary-list__row' },
        h('dt', { class: 'govuk-summary-list__key', text: a.label }),
        h('dd', { class: 'govuk-summary-list__value' }, h('p', { class: 'govuk-body circle-pre', text: a.text }),
          facilitator && ideaPrompts.has(a.prompt) ? proposeButtons(a.text, base, errors, refresh) : null)))));
  });
  sections.push(h('section', { class: 'circle-section', 'aria-labelledby': 'all-reviews' },
    h('h2', { class: 'govuk-heading-m', id: 'all-reviews', text: 'What the group wrote' }),
    entries.length ? entries : h('p', { class: 'govuk-body', text: 'Nobody has written yet.' })));

  if (review.proposals.length) {
    sections.push(h('section', { class: 'circle-section', 'aria-labelledby': 'proposals' },
      h('h2', { class: 'govuk-heading-m', id: 'proposals', text: 'Proposals from this review' }),
      h('ul', { class: 'govuk-list govuk-list--bullet' }, review.proposals.map((p) => h('li', { text: proposalText(p) })))));
  }
  (again ? repaint : page)(root, `Review: ${review.sessionTitle}`, errors, result, back,
    h('p', { class: 'govuk-body', text: `The session of ${when(review.sessionStartsAt)}. ${review.template.name}.` }), ...sections);
  root.dataset.review = sessionId;
  if (flash) {
    notice(result, flash);
    flash = null;
  }
  live?.close();
  live = new LiveUpdates(communityId, refresh);
}

function proposalText(p) {
  if (p.kind === 'ground-rules') return `“${p.text}”: proposed as a ground rule, in the draft (version ${p.groundRulesVersion}).`;
  if (p.status === 'added') return `“${p.text}”: on the agenda of ${p.targetSessionTitle ?? 'the next session'}.`;
  return `“${p.text}”: joins the agenda of the next session when it is scheduled.`;
}

function proposeButtons(text, base, errors, refresh) {
  const short = text.length > 200 ? `${text.slice(0, 199)}…` : text;
  const label = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return h('div', { class: 'govuk-button-group' },
    actionButton('Add to the next agenda', errors, async () => {
      const p = await api.post(`${base}/proposals`, { kind: 'agenda', text: short });
      flash = proposalText(p);
      await refresh();
    }, { class: 'govuk-button govuk-button--secondary', 'aria-label': `Add to the next agenda: ${label}` }),
    actionButton('Propose as a ground rule', errors, async () => {
      const p = await api.post(`${base}/proposals`, { kind: 'ground-rules', text: text.slice(0, 500) });
      flash = proposalText(p);
      await refresh();
    }, { class: 'govuk-button govuk-button--secondary', 'aria-label': `Propose as a ground rule: ${label}` }));
}


/** The community's reflection page: pulses over sessions and process checks, charted and tabled. */
export async function reflectionPage(root, communityId) {
  const errors = h('div');
  const back = h('p', { class: 'govuk-body' }, link(`#/community/${communityId}`, 'Back to the community'));
  let community;
  let data;
  try {
    [community, data] = await Promise.all([api.get(`/communities/${communityId}`), api.get(`/communities/${communityId}/reflection`)]);
  } catch (err) {
    page(root, 'Reflection', back, errors);
    showError(errors, err);
    return;
  }
  const again = root.dataset.reflection === communityId;
  const refresh = () => reflectionPage(root, communityId);
  const facilitator = community.role === 'facilitator';
  const draws = [];
  const sections = [];
  const byTime = (list) => [...list].sort((a, b) => a.openedAt.localeCompare(b.openedAt));

  const safety = byTime(data.pulses.filter((p) => p.kind === 'safety'));
  const safetyShown = safety.filter((p) => p.enough);
  const safetyFig = figure('How safe sessions felt (average, 1 to 5)', 'How safe sessions felt, pulse by pulse',
    ['Session', 'Date', 'Answers', 'Average out of 5'],
    safety.map((p) => [p.sessionTitle ?? 'Session', day(p.sessionStartsAt ?? p.openedAt), p.enough ? String(p.result.answers) : none(p), p.enough ? p.result.mean : '–']),
    safetyShown.length > 0);
  if (safetyShown.length) {
    draws.push(() => chart(safetyFig.area, { labels: safetyShown.map((p) => day(p.sessionStartsAt ?? p.openedAt)),
      series: [{ label: 'Average', values: safetyShown.map((p) => Number(p.result.mean)) }], yRange: [1, 5] }));
  }
  const zones = byTime(data.pulses.filter((p) => p.kind === 'zone'));
  const zonesShown = zones.filter((p) => p.enough);
  const count = (p, v) => p.result.distribution.find((d) => d.value === v)?.count ?? 0;
  const zoneFig = figure('Learning-zone checks (people in each zone)', 'Learning-zone checks, check by check',
    ['Session', 'Date', 'Comfort zone', 'Learning zone', 'Panic zone'],
    zones.map((p) => (p.enough
      ? [p.sessionTitle ?? 'Session', day(p.sessionStartsAt ?? p.openedAt), String(count(p, 'comfort')), String(count(p, 'learning')), String(count(p, 'panic'))]
      : [p.sessionTitle ?? 'Session', day(p.sessionStartsAt ?? p.openedAt), none(p), '–', '–'])),
    zonesShown.length > 0);
  if (zonesShown.length) {
    draws.push(() => chart(zoneFig.area, { labels: zonesShown.map((p) => day(p.sessionStartsAt ?? p.openedAt)),
      series: [['comfort', 'Comfort'], ['learning', 'Learning'], ['panic', 'Panic']].map(([v, label]) => ({ label, values: zonesShown.map((p) => count(p, v)) })),
      yRange: (u, min, max) => [0, Math.max(3, max)] }));
  }
  sections.push(h('section', { class: 'circle-section', 'aria-labelledby': 'pulses-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'pulses-heading', text: 'Pulses over sessions' }),
    h('p', { class: 'govuk-body', text: `Answers are anonymous. A result is shown, and charted, once the question has closed, and only when at least ${data.minimum} people answered.` }),
    safety.length ? safetyFig.fig : h('p', { class: 'govuk-body', text: 'No safety pulse has been taken yet.' }),
    zones.length ? zoneFig.fig : h('p', { class: 'govuk-body', text: 'No learning-zone check has been taken yet.' })));

  const checks = byTime(data.processChecks);
  const checksShown = checks.filter((p) => p.enough);
  const checkFig = figure('Process checks (average, 1 to 5)', 'Process checks, one by one', ['Question', 'Date', 'Answers', 'Average out of 5'],
    checks.map((p) => [p.question, day(p.openedAt), p.enough ? String(p.result.answers) : none(p), p.enough ? p.result.mean : '–']),
    checksShown.length > 0);
  if (checksShown.length) {
    draws.push(() => chart(checkFig.area, { labels: checksShown.map((p) => day(p.openedAt)),
      series: [{ label: 'Average', values: checksShown.map((p) => Number(p.result.mean)) }], yRange: [1, 5] }));
  }
  const openCheck = data.processChecks.find((p) => p.open);
  const checkParts = [h('h2', { class: 'govuk-heading-m', id: 'checks-heading', text: 'Process checks' }),
    h('p', { class: 'govuk-body', text: 'Now and then we ask whether the learning is happening the way we expected. Only the group sees the results, never the sponsor.' })];
  if (openCheck) {
    checkParts.push(h('div', { class: 'govuk-inset-text' },
      h('p', { class: 'govuk-body govuk-!-font-weight-bold', text: `Open now: ${openCheck.question}` }),
      openCheck.answered ? h('p', { class: 'govuk-body', text: 'You have answered. Your answer is anonymous.' })
        : answerForm({ ...openCheck, communityId }, errors, refresh),
      resultView(openCheck),
      facilitator ? actionButton('Close the process check', errors, async () => {
        await api.post(`/communities/${communityId}/pulses/${openCheck.id}/close`, {});
        await refresh();
      }, { class: 'govuk-button govuk-button--secondary' }) : null));
  } else if (facilitator) {
    checkParts.push(actionButton('Open a process check', errors, async () => {
      await api.post(`/communities/${communityId}/process-checks`, {});
      await refresh();
    }, { class: 'govuk-button govuk-button--secondary' }));
  }
  checkParts.push(checks.length ? checkFig.fig : h('p', { class: 'govuk-body', text: 'No process check has been taken yet.' }));
  const notes = [...checks].reverse().filter((p) => p.enough && p.result.notes.length);
  if (notes.length) {
    checkParts.push(h('h3', { class: 'govuk-heading-s', text: 'Notes from process checks (without names)' }),
      ...notes.map((p) => h('div', {}, h('p', { class: 'govuk-body-s', text: `${day(p.openedAt)}:` }),
        h('ul', { class: 'govuk-list govuk-list--bullet' }, p.result.notes.map((n) => h('li', { class: 'circle-pre', text: n }))))));
  }
  sections.push(h('section', { class: 'circle-section', 'aria-labelledby': 'checks-heading' }, checkParts));

  (again ? repaint : page)(root, `Reflection: ${community.name}`, errors, back, ...sections);
  root.dataset.reflection = communityId;
  for (const draw of draws) await draw();
  live?.close();
  live = new LiveUpdates(communityId, refresh);
}
