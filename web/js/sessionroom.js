// A facilitated session, live: the agenda, the current part with its board, the shared timer,
// raised hands, the spotlight and dot votes. The server holds the session's state and sends it
// whole on a stream (docs/protocol.md, "Sessions"); facilitators change it with controls the
// server checks. Cards are never part of session state: the current part's board (board.js)
// shows them, and this page reads only what that board shows this person.
// User text is only ever set with textContent (ui.js `h` with `text`), never parsed as HTML.
import * as api from './api.js';
import * as board from './board.js';
import { h, uid, showError, page, link } from './ui.js';
import { when } from './sessions.js';
import { PulsePanel } from './reflection.js';

const STATE_NAMES = { planned: 'Not started yet', live: 'Live now', ended: 'Ended' };

let active = null;

/** `[{card, dots}]` as a map from card to dots. */
function dotsByCard(list) {
  return new Map((list ?? []).map((d) => [d.card, d.dots]));
}

export function sessionRoomPage(root, communityId, sessionId, connection) {
  active?.dispose();
  active = new SessionRoom(root, communityId, sessionId, connection);
}

class SessionRoom {
  constructor(root, communityId, sessionId, connection) {
    this.communityId = communityId;
    this.sessionId = sessionId;
    this.connection = connection;
    this.base = `/communities/${encodeURIComponent(communityId)}/sessions/${encodeURIComponent(sessionId)}`;
    this.state = null;
    /** The server's clock minus this browser's, from the last message: the timer shows server time. */
    this.offset = 0;
    this.drafts = new Map();
    this.boardId = null;
    this.cards = [];
    this.rulesShown = false;
    this.errors = h('div');
    this.announcer = h('p', { class: 'govuk-visually-hidden', role: 'status', 'aria-live': 'polite' });
    this.rules = h('div');
    this.summary = h('div');
    this.live = h('div');
    this.panels = h('div', { class: 'circle-session__panels' });
    this.agenda = h('div');
    this.spotlightStyle = h('style');
    this.boardArea = h('div', { class: 'circle-session__board' });
    this.pulse = new PulsePanel(communityId, sessionId, this.errors, this.announcer);
    this.heading = page(root, 'Session', this.errors, this.announcer, this.rules, this.summary,
      h('div', { class: 'circle-session' }, this.live, this.panels, this.spotlightStyle, this.boardArea, this.agenda));

    this.onHash = () => {
      if (location.hash !== `#/community/${communityId}/session/${sessionId}`) this.dispose();
    };
    window.addEventListener('hashchange', this.onHash);
    // The board re-renders as people write: keep the spotlight and the dot-vote list in step with it.
    this.observer = new MutationObserver(() => this.boardChanged());
    this.observer.observe(this.boardArea, { childList: true, subtree: true, characterData: true });
    this.ticker = setInterval(() => this.tick(), 250);
    this.open();
  }

  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    this.source?.close();
    this.observer.disconnect();
    clearInterval(this.ticker);
    window.removeEventListener('hashchange', this.onHash);
    if (active === this) active = null;
  }

  open() {
    this.source = new EventSource(`/api${this.base}/stream`);
    this.source.addEventListener('session', (e) => this.update(JSON.parse(e.data)));
    this.source.addEventListener('time', (e) => {
      this.offset = JSON.parse(e.data).serverTime - Date.now();
    });
    this.source.addEventListener('error', () => {
      if (this.source.readyState === EventSource.CLOSED) this.streamRefused();
    });
  }

  /** The stream was refused (not a member, no consent yet, no such session): say why. */
  async streamRefused() {
    try {
      this.update(await api.get(this.base));
    } catch (err) {
      showError(this.errors, err);
      this.summary.replaceChildren(h('p', { class: 'govuk-body' }, link(`#/community/${this.communityId}`, 'Back to the community page')));
    }
  }

  update(next) {
    if (this.disposed) return;
    if (this.state && next.version < this.state.version) return;
    const before = this.state;
    this.state = next;
    this.offset = next.serverTime - Date.now();
    this.announceChanges(before, next);
    // The ground rules open with the session; once it moves on they fold away, one click from view.
    if (before && (before.state !== next.state || before.current !== next.current)) this.rules.querySelector('details')?.removeAttribute('open');
    if (!this.rulesShown) this.showGroundRules();
    this.render();
    // The pulse is read apart from the session's state: a change to it moves the session's version on.
    this.pulse.refresh(next);
  }

  announceChanges(before, next) {
    if (!before) return;
    const said = [];
    if (before.state !== next.state) said.push(next.state === 'live' ? 'The session has started.' : next.state === 'ended' ? 'The session has ended.' : '');
    if (before.current !== next.current && next.current) said.push(`Now: ${this.segment(next.current)?.title ?? 'the next part'}.`);
    if (next.speaker && next.speaker.id !== before.speaker?.id) {
      said.push(next.speaker.id === next.you.id ? 'It is your turn to speak.' : `${next.speaker.name} is speaking.`);
    }
    if (next.vote?.open && !before.vote?.open) said.push(`A dot vote has opened: you have ${next.vote.budget} dots.`);
    if (before.vote?.open && next.vote && !next.vote.open) said.push('The dot vote has closed: the results are shown.');
    if (next.lead?.id !== before.lead?.id && next.lead) said.push(`${next.lead.name} is leading the session now.`);
    if (said.length) this.announcer.textContent = said.filter(Boolean).join(' ');
  }

  segment(id) {
    return this.state?.agenda.find((s) => s.id === id) ?? null;
  }

  /** The ground rules in force open with the session, and stay one click away throughout. */
  async showGroundRules() {
    this.rulesShown = true;
    try {
      const { inForce } = await api.get(`/communities/${encodeURIComponent(this.communityId)}/ground-rules`);
      if (!inForce) return;
      const details = h('details', { class: 'govuk-details circle-session__rules', open: true },
        h('summary', { class: 'govuk-details__summary' },
          h('span', { class: 'govuk-details__summary-text', text: `Our ground rules (version ${inForce.version})` })),
        h('div', { class: 'govuk-details__text' },
          h('ol', { class: 'govuk-list govuk-list--number' }, inForce.rules.map((r) => h('li', { text: r }))),
          h('p', { class: 'govuk-body-s', text: inForce.cardNames === 'anonymous'
            ? 'Cards are anonymous: nobody but you sees which cards you wrote.' : 'Cards show who wrote them.' }),
          h('p', { class: 'govuk-body-s', text: `If you are worried about something: ${inForce.raiseConcern}` })));
      this.rules.replaceChildren(details);
    } catch {
      // The session works without them; the community page shows them too.
    }
  }

  /** Sends a control; the answer (and everyone's stream) carries the new state. */
  async control(action, fields = {}) {
    showError(this.errors, null);
    try {
      this.update(await api.post(`${this.base}/controls`, { action, ...fields }));
    } catch (err) {
      showError(this.errors, err);
    }
  }

  async call(method, path, body) {
    showError(this.errors, null);
    try {
      const answer = await api.call(method, `${this.base}${path}`, body);
      if (answer && answer.version !== undefined && answer.agenda) this.update(answer);
      return answer;
    } catch (err) {
      showError(this.errors, err);
      return null;
    }
  }

  render() {
    if (this.disposed || !this.state) return;
    const s = this.state;
    const focusKey = document.activeElement?.dataset?.key;
    this.heading.textContent = s.title;
    document.title = `${s.title} – Circle`;
    this.summary.replaceChildren(this.renderSummary(s));
    this.live.replaceChildren(...[this.renderNow(s)].filter(Boolean));
    this.panels.replaceChildren(...this.panelsFor(s));
    this.agenda.replaceChildren(this.renderAgenda(s));
    this.renderSpotlightStyle(s);
    this.mountBoard(s);
    if (focusKey) {
      const again = this.root().querySelector(`[data-key="${CSS.escape(focusKey)}"]`);
      if (again && again !== document.activeElement) again.focus();
    }
  }

  root() {
    return this.heading.parentElement ?? document;
  }

  renderSummary(s) {
    const call = s.callLink && s.callLink.startsWith('https://')
      ? h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: s.callLink, target: '_blank', rel: 'noopener noreferrer',
        text: 'Join the call (opens in a new tab)' }))
      : null;
    return h('div', {},
      h('p', { class: 'govuk-body' },
        h('strong', { class: `govuk-tag circle-session__state circle-session__state--${s.state}`, text: STATE_NAMES[s.state] }),
        ` ${when(s.startsAt)}, ${s.durationMinutes} minutes.`,
        s.lead ? ` Led by ${s.lead.id === s.you.id ? 'you' : s.lead.name}.` : ''),
      call,
      h('p', { class: 'govuk-body-s' }, link(`#/community/${this.communityId}`, 'Back to the community page')));
  }

  renderNow(s) {
    if (s.state === 'planned') {
      return h('div', { class: 'govuk-inset-text' }, h('p', { class: 'govuk-body',
        text: s.you.role === 'facilitator' ? 'The session has not started. Check the agenda below, then start it when everyone is here.'
          : 'The session has not started yet. This page follows the facilitator when it does.' }));
    }
    if (s.state === 'ended') {
      return h('div', { class: 'govuk-inset-text' }, h('p', { class: 'govuk-body',
        text: 'This session has ended. Its boards stay: open any part of the agenda below to read what was written.' }));
    }
    const current = this.segment(s.current);
    const index = s.agenda.findIndex((g) => g.id === s.current);
    return h('section', { class: 'circle-session__now', 'aria-labelledby': 'session-now' },
      h('p', { class: 'govuk-caption-m', text: `Part ${index + 1} of ${s.agenda.length}` }),
      h('h2', { class: 'govuk-heading-m', id: 'session-now', tabindex: '-1', text: current ? current.title : 'Between parts' }),
      current ? h('p', { class: 'govuk-body-l circle-session__prompt', text: current.prompt }) : null,
      h('div', { class: 'circle-session__timer-row' },
        h('p', { class: 'circle-session__timer', role: 'timer', 'aria-label': 'Time left', 'data-timer': 'true', text: this.timerText(s) }),
        s.speaker ? h('p', { class: 'govuk-body circle-session__speaker',
          text: s.speaker.id === s.you.id ? 'Your turn to speak.' : `Speaking: ${s.speaker.name}` }) : null),
      this.renderSpotlight(s));
  }

  remaining(s) {
    const t = s.timer;
    if (t.state === 'running') return Math.max(0, t.endsAt - (Date.now() + this.offset));
    return t.remainingMs;
  }

  timerText(s) {
    const t = s.timer;
    if (t.state === 'idle') return 'No timer running';
    const ms = this.remaining(s);
    if (ms <= 0) return 'Time is up';
    const total = Math.ceil(ms / 1000);
    const text = `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')} left`;
    return t.state === 'paused' ? `Paused, ${text}` : text;
  }

  tick() {
    if (!this.state || this.state.state !== 'live') return;
    const el = this.live.querySelector('[data-timer]');
    if (!el) return;
    const text = this.timerText(this.state);
    if (el.textContent !== text) el.textContent = text;
    // Spoken only at the moments that matter, not every second.
    const ms = this.remaining(this.state);
    const mark = this.state.timer.state === 'running' ? (ms <= 0 ? 'up' : ms <= 60000 ? 'minute' : null) : null;
    if (mark && mark !== this.lastMark) this.announcer.textContent = mark === 'up' ? 'Time is up.' : 'One minute left.';
    this.lastMark = mark;
  }

  renderSpotlight(s) {
    if (!s.spotlight) return null;
    const card = this.cards.find((c) => c.id === s.spotlight.card);
    return h('div', { class: 'circle-session__spotlight', role: 'region', 'aria-label': 'Spotlight' },
      h('h3', { class: 'govuk-heading-s', text: 'In the spotlight' }),
      h('p', { class: 'govuk-body circle-board__text', text: card ? card.text : 'A card you cannot see yet.' }));
  }

  renderSpotlightStyle(s) {
    const id = s.spotlight?.card;
    const rule = id ? `.circle-session__board [data-key="${CSS.escape(`card-${id}`)}"] { outline: 4px solid #1d4e89; outline-offset: 2px; }` : '';
    if (this.spotlightStyle.textContent !== rule) this.spotlightStyle.textContent = rule;
  }

  panelsFor(s) {
    return [s.state === 'planned' ? null : this.pulse.element, this.renderHands(s), this.renderVote(s), this.renderExperimentsDue(s), this.renderNewExperiment(s), this.renderFacilitation(s)]
      .filter(Boolean);
  }

  /** Experiments due back: what each was, and a form to record what happened and what we learned. */
  renderExperimentsDue(s) {
    if (s.state === 'ended' || !s.experiments?.length) return null;
    this.outcomeForms ??= new Map();
    const items = s.experiments.map((e) => {
      if (!this.outcomeForms.has(e.id)) this.outcomeForms.set(e.id, this.outcomeForm(e));
      return h('li', { class: 'circle-session__experiment' },
        h('p', { class: 'govuk-body govuk-!-margin-bottom-1' }, h('strong', { text: e.question })),
        h('p', { class: 'govuk-body-s govuk-!-margin-bottom-1',
          text: `Owners: ${e.owners.map((o) => o.name).join(', ')}. Ran ${e.startsOn} to ${e.endsOn}; due back ${e.bringBackOn}.` }),
        h('p', { class: 'govuk-body-s', text: `What to observe: ${e.observe}` }),
        this.outcomeForms.get(e.id));
    });
    return h('section', { class: 'circle-session__panel', 'aria-labelledby': 'session-experiments-due' },
      h('h2', { class: 'govuk-heading-s', id: 'session-experiments-due', text: 'Experiments coming back' }),
      h('ul', { class: 'govuk-list' }, items));
  }

  outcomeForm(e) {
    const happenedId = uid('happened');
    const learnedId = uid('learned');
    const happened = h('textarea', { class: 'govuk-textarea', id: happenedId, rows: 2, maxlength: 2000, 'data-key': `happened-${e.id}` });
    const learned = h('textarea', { class: 'govuk-textarea', id: learnedId, rows: 2, maxlength: 2000, 'data-key': `learned-${e.id}` });
    const form = h('form', { novalidate: true, 'aria-label': `Outcome of: ${e.question.slice(0, 60)}` },
      h('div', { class: 'govuk-form-group' }, h('label', { class: 'govuk-label', for: happenedId, text: 'What happened' }), happened),
      h('div', { class: 'govuk-form-group' }, h('label', { class: 'govuk-label', for: learnedId, text: 'What we learned' }), learned),
      h('button', { class: 'govuk-button govuk-button--secondary', type: 'submit', 'data-key': `record-${e.id}`, text: 'Record the outcome' }));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      showError(this.errors, null);
      try {
        await api.put(`/communities/${encodeURIComponent(this.communityId)}/experiments/${encodeURIComponent(e.id)}/outcome`,
          { happened: happened.value, learned: learned.value });
        this.announcer.textContent = 'Outcome recorded. The experiment leaves the agenda.';
      } catch (err) {
        showError(this.errors, err);
      }
    });
    return form;
  }

  /** On the ideas part: an idea card becomes an experiment. Built once, so what is typed survives live updates. */
  renderNewExperiment(s) {
    const current = this.segment(s.current);
    if (s.state !== 'live' || current?.template !== 'ideas') return null;
    if (!this.experimentForm) this.experimentForm = this.newExperimentForm();
    this.fillIdeas();
    return this.experimentForm;
  }

  newExperimentForm() {
    const f = {};
    const text = (key, label, hint, rows = 2) => {
      const id = uid(key);
      const input = h('textarea', { class: 'govuk-textarea', id, rows, maxlength: key === 'question' ? 500 : 2000, 'data-key': `experiment-${key}`,
        'aria-describedby': hint ? `${id}-hint` : undefined });
      f[key] = input;
      return h('div', { class: 'govuk-form-group' }, h('label', { class: 'govuk-label', for: id, text: label }),
        hint ? h('div', { class: 'govuk-hint', id: `${id}-hint`, text: hint }) : null, input);
    };
    const date = (key, label) => {
      const id = uid(key);
      f[key] = h('input', { class: 'govuk-input govuk-input--width-10', id, type: 'date', 'data-key': `experiment-${key}` });
      return h('div', { class: 'govuk-form-group' }, h('label', { class: 'govuk-label', for: id, text: label }), f[key]);
    };
    const ideaId = uid('idea');
    this.ideaSelect = h('select', { class: 'govuk-select circle-session__card-select', id: ideaId, 'data-key': 'experiment-card' });
    this.ideaSelect.addEventListener('change', () => {
      const card = this.cards.find((c) => c.id === this.ideaSelect.value);
      if (card && !f.question.value) f.question.value = card.text.slice(0, 500);
    });
    const owners = h('div', { class: 'govuk-checkboxes govuk-checkboxes--small', 'data-module': 'govuk-checkboxes' });
    api.get(`/communities/${encodeURIComponent(this.communityId)}/members`).then((members) => {
      owners.replaceChildren(...members.filter((m) => m.role !== 'sponsor').map((m) => {
        const id = uid('owner');
        return h('div', { class: 'govuk-checkboxes__item' },
          h('input', { class: 'govuk-checkboxes__input', id, type: 'checkbox', value: m.accountId, 'data-key': `owner-${m.accountId}` }),
          h('label', { class: 'govuk-label govuk-checkboxes__label', for: id, text: m.displayName }));
      }));
    }).catch(() => {});
    const result = h('div', { role: 'status' });
    const form = h('form', { novalidate: true, 'aria-label': 'Make an idea an experiment' },
      h('div', { class: 'govuk-form-group' }, h('label', { class: 'govuk-label', for: ideaId, text: 'The idea' }), this.ideaSelect),
      text('question', 'What do we try out?', 'As a question, for example: does a ten-minute huddle after handover catch what gets missed?'),
      h('div', { class: 'govuk-form-group' }, h('fieldset', { class: 'govuk-fieldset' },
        h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s', text: 'Who looks after it' }), owners)),
      h('div', { class: 'circle-board__row' }, date('startsOn', 'Starts on'), date('endsOn', 'Ends on')),
      text('observe', 'What do we watch for?'),
      date('bringBackOn', 'Bring it back on'),
      h('button', { class: 'govuk-button', type: 'submit', 'data-key': 'experiment-save', text: 'Save the experiment' }),
      result);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      showError(this.errors, null);
      const body = {
        question: f.question.value, observe: f.observe.value, startsOn: f.startsOn.value, endsOn: f.endsOn.value,
        bringBackOn: f.bringBackOn.value,
        owners: [...owners.querySelectorAll('input:checked')].map((i) => i.value),
      };
      if (this.ideaSelect.value && this.boardId) {
        body.board = this.boardId;
        body.card = this.ideaSelect.value;
      }
      try {
        const made = await api.post(`/communities/${encodeURIComponent(this.communityId)}/experiments`, body);
        result.replaceChildren(h('p', { class: 'govuk-body', text: `Experiment saved. It comes back on the agenda from ${made.bringBackOn}.` }));
        for (const key of ['question', 'observe', 'startsOn', 'endsOn', 'bringBackOn']) f[key].value = '';
        for (const box of owners.querySelectorAll('input:checked')) box.checked = false;
      } catch (err) {
        showError(this.errors, err);
      }
    });
    return h('section', { class: 'circle-session__panel', 'aria-labelledby': 'session-new-experiment' },
      h('h2', { class: 'govuk-heading-s', id: 'session-new-experiment', text: 'Make an idea an experiment' }), form);
  }

  /** The idea cards to choose from: the ones on the current board, as it shows them. */
  fillIdeas() {
    if (!this.ideaSelect) return;
    const signature = JSON.stringify(this.cards.map((c) => [c.id, c.text]));
    if (this.ideaSelect.dataset.cards === signature) return;
    this.ideaSelect.dataset.cards = signature;
    const chosen = this.ideaSelect.value;
    this.ideaSelect.replaceChildren(h('option', { value: '', text: 'No card' }),
      ...this.cards.map((c) => h('option', { value: c.id, text: c.text.slice(0, 80) || '(empty card)' })));
    if (this.cards.some((c) => c.id === chosen)) this.ideaSelect.value = chosen;
  }

  renderHands(s) {
    if (s.state !== 'live') return null;
    const mine = s.you.handRaised;
    return h('section', { class: 'circle-session__panel', 'aria-labelledby': 'session-hands' },
      h('h2', { class: 'govuk-heading-s', id: 'session-hands', text: `Raised hands (${s.hands.length})` }),
      s.hands.length === 0 ? h('p', { class: 'govuk-body-s', text: 'Nobody has a hand up.' })
        : h('ol', { class: 'govuk-list govuk-list--number' }, s.hands.map((p) => h('li', { text: p.id === s.you.id ? `${p.name} (you)` : p.name }))),
      s.you.leading ? null : this.button(mine ? 'Lower your hand' : 'Raise your hand', 'hand', () => this.call('PUT', '/hand', { raised: !mine }),
        { class: `govuk-button ${mine ? 'govuk-button--secondary' : ''}`, 'aria-pressed': String(mine) }));
  }

  renderVote(s) {
    const v = s.vote;
    if (!v || v.board !== this.boardId) return null;
    const heading = h('h2', { class: 'govuk-heading-s', id: 'session-vote', text: v.open ? 'Dot vote' : 'Dot vote results' });
    if (!v.open) {
      const totals = dotsByCard(v.totals);
      const ranked = this.cards.map((c) => ({ ...c, dots: totals.get(c.id) ?? 0 })).sort((a, b) => b.dots - a.dots);
      return h('section', { class: 'circle-session__panel', 'aria-labelledby': 'session-vote' }, heading,
        ranked.length === 0 ? h('p', { class: 'govuk-body-s', text: 'No cards to show.' })
          : h('ol', { class: 'govuk-list circle-session__results' }, ranked.map((c) => h('li', {},
            h('strong', { text: `${c.dots} dot${c.dots === 1 ? '' : 's'}` }), ` ${c.text}`))));
    }
    const left = v.budget - v.used;
    const mine = dotsByCard(v.myDots);
    return h('section', { class: 'circle-session__panel', 'aria-labelledby': 'session-vote' }, heading,
      h('p', { class: 'govuk-body', text: `You have ${left} of ${v.budget} dots left. Nobody sees anyone's dots until the vote closes.` }),
      h('ul', { class: 'govuk-list circle-session__dots' }, this.cards.map((c) => {
        const n = mine.get(c.id) ?? 0;
        const label = c.text.slice(0, 60);
        return h('li', { class: 'circle-session__dot-row' },
          h('span', { class: 'circle-session__dot-text', text: c.text }),
          h('span', { class: 'govuk-body-s', text: `Your dots: ${n}` }),
          this.button('Add a dot', `dot-add-${c.id}`, () => this.dots(c.id, n + 1), { 'aria-label': `Add a dot to "${label}"`, disabled: left <= 0 }),
          this.button('Take one back', `dot-remove-${c.id}`, () => this.dots(c.id, n - 1), { 'aria-label': `Take one back from "${label}"`, disabled: n <= 0 }));
      })));
  }

  async dots(card, n) {
    showError(this.errors, null);
    try {
      const vote = await api.put(`${this.base}/dots`, { card, dots: n });
      this.state = { ...this.state, vote };
      this.render();
    } catch (err) {
      showError(this.errors, err);
    }
  }

  renderFacilitation(s) {
    if (s.you.role !== 'facilitator' || s.state === 'ended') return null;
    const section = h('section', { class: 'circle-session__panel circle-session__controls', 'aria-labelledby': 'session-controls' },
      h('h2', { class: 'govuk-heading-s', id: 'session-controls', text: 'Facilitation' }));
    if (s.state === 'planned') {
      section.append(this.button('Start the session', 'start', () => this.control('start'), { class: 'govuk-button' }));
      return section;
    }
    if (!s.you.leading) {
      section.append(h('p', { class: 'govuk-body-s', text: `${s.lead?.name ?? 'Another facilitator'} is leading. If they have dropped out, you can take over.` }),
        this.button('Take over leading', 'takeover', () => this.control('takeover'), { class: 'govuk-button govuk-button--secondary' }));
      return section;
    }
    const index = s.agenda.findIndex((g) => g.id === s.current);
    const current = this.segment(s.current);
    const minutes = this.numberInput('timer-minutes', 'Timer in minutes', current?.minutes ?? 10, 1, 240);
    const budget = this.numberInput('vote-budget', 'Dots for each person', 3, 1, 20);
    const t = s.timer;
    const cardChoice = this.cardSelect();
    section.append(
      h('div', { class: 'govuk-button-group' },
        this.button('Previous part', 'previous', () => this.control('previous', { from: s.current }), { disabled: index <= 0 }),
        this.button('Next part', 'next', () => this.control('next', { from: s.current }), { class: 'govuk-button', disabled: index >= s.agenda.length - 1 }),
        this.button('End the session', 'end', () => {
          if (confirm('End the session for everyone?')) this.control('end');
        }, { class: 'govuk-button govuk-button--warning' })),
      h('h3', { class: 'govuk-heading-s', text: 'Timer' }),
      h('div', { class: 'circle-board__row' }, minutes.group,
        this.button('Start timer', 'timer-start', () => this.control('timer.start', { seconds: Math.round(Number(minutes.input.value) * 60) }))),
      h('div', { class: 'govuk-button-group' },
        t.state === 'running' ? this.button('Pause timer', 'timer-pause', () => this.control('timer.pause')) : null,
        t.state === 'paused' ? this.button('Resume timer', 'timer-resume', () => this.control('timer.resume')) : null,
        t.state !== 'idle' ? this.button('Add a minute', 'timer-add', () => this.control('timer.add', { seconds: 60 })) : null,
        t.state !== 'idle' ? this.button('Take off a minute', 'timer-less', () => this.control('timer.add', { seconds: -60 })) : null,
        t.state !== 'idle' ? this.button('Stop timer', 'timer-reset', () => this.control('timer.reset')) : null),
      h('h3', { class: 'govuk-heading-s', text: 'Hands' }),
      this.button('Call the next person', 'hands-next', () => this.control('hands.next'), { disabled: s.hands.length === 0 }),
      h('h3', { class: 'govuk-heading-s', text: 'Spotlight' }),
      h('div', { class: 'circle-board__row' }, cardChoice.group,
        this.button('Spotlight this card', 'spotlight', () => {
          if (cardChoice.input.value) this.control('spotlight', { card: cardChoice.input.value });
        }, { disabled: this.cards.length === 0 }),
        s.spotlight ? this.button('Clear spotlight', 'spotlight-clear', () => this.control('spotlight')) : null),
      h('h3', { class: 'govuk-heading-s', text: 'Dot vote' }),
      s.vote?.open
        ? this.button('Close the vote and show results', 'vote-close', () => this.control('vote.close'), { class: 'govuk-button' })
        : h('div', { class: 'circle-board__row' }, budget.group,
          this.button('Open a dot vote', 'vote-open', () => this.control('vote.open', { budget: Number(budget.input.value) }))));
    return section;
  }

  /** A number field whose value survives the re-renders the live state causes. */
  numberInput(key, label, fallback, min, max) {
    const id = uid(key);
    const input = h('input', { class: 'govuk-input govuk-input--width-3', id, type: 'number', min, max, inputmode: 'numeric', 'data-key': key });
    input.value = this.drafts.get(key) ?? fallback;
    input.addEventListener('input', () => this.drafts.set(key, input.value));
    return { input, group: h('div', { class: 'govuk-form-group' }, h('label', { class: 'govuk-label', for: id, text: label }), input) };
  }

  cardSelect() {
    const id = uid('spotlight-card');
    const key = 'spotlight-card';
    const input = h('select', { class: 'govuk-select circle-session__card-select', id, 'data-key': key },
      this.cards.length === 0 ? h('option', { value: '', text: 'No cards on this board yet' }) : null,
      this.cards.map((c) => h('option', { value: c.id, text: c.text.slice(0, 80) || '(empty card)' })));
    if (this.drafts.has(key)) input.value = this.drafts.get(key);
    input.addEventListener('change', () => this.drafts.set(key, input.value));
    return { input, group: h('div', { class: 'govuk-form-group' }, h('label', { class: 'govuk-label', for: id, text: 'Card' }), input) };
  }

  renderAgenda(s) {
    const editable = s.you.role === 'facilitator' && (s.state === 'planned' || (s.state === 'live' && s.you.leading));
    const items = s.agenda.map((g, i) => {
      const now = g.id === s.current && s.state === 'live';
      return h('li', { class: `circle-session__segment${now ? ' circle-session__segment--now' : ''}`, 'aria-current': now ? 'step' : undefined },
        h('p', { class: 'govuk-body govuk-!-margin-bottom-1' }, h('strong', { text: g.title }), ` ${g.minutes} minutes${now ? ' (now)' : ''}`),
        h('p', { class: 'govuk-body-s govuk-!-margin-bottom-1', text: g.prompt }),
        h('div', { class: 'circle-board__actions' },
          s.state !== 'live' || !now ? link(`#/board/${g.board}`, 'Open its board', { 'aria-label': `Open its board: ${g.title}` }) : null,
          editable && s.state === 'live' && !now ? this.button('Go to this part', `jump-${g.id}`, () => this.control('jump', { segment: g.id }),
            { 'aria-label': `Go to this part: ${g.title} (for everyone)` }) : null,
          editable ? this.button('Move up', `up-${g.id}`, () => this.move(i, -1), { 'aria-label': `Move up: ${g.title}`, disabled: i === 0 }) : null,
          editable ? this.button('Move down', `down-${g.id}`, () => this.move(i, 1), { 'aria-label': `Move down: ${g.title}`, disabled: i === s.agenda.length - 1 }) : null,
          editable && !now ? this.button('Remove', `remove-${g.id}`, () => this.call('DELETE', `/segments/${encodeURIComponent(g.id)}`),
            { 'aria-label': `Remove ${g.title} from the agenda (its board stays)` }) : null));
    });
    return h('section', { class: 'circle-section', 'aria-labelledby': 'session-agenda' },
      h('h2', { class: 'govuk-heading-m', id: 'session-agenda', text: 'Agenda' }),
      h('ol', { class: 'govuk-list govuk-list--number circle-session__agenda' }, items),
      editable ? this.renderAddSegment() : null);
  }

  move(index, direction) {
    const ids = this.state.agenda.map((g) => g.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + direction, 0, moved);
    this.call('PUT', '/agenda', { segments: ids });
  }

  renderAddSegment() {
    const id = uid('template');
    const key = 'add-template';
    const input = h('select', { class: 'govuk-select', id, 'data-key': key });
    const form = h('form', { class: 'circle-board__row', novalidate: true, 'aria-label': 'Add a part to the agenda' },
      h('div', { class: 'govuk-form-group' }, h('label', { class: 'govuk-label', for: id, text: 'Add a part' }), input),
      h('button', { class: 'govuk-button govuk-button--secondary', type: 'submit', 'data-key': 'add-segment', text: 'Add to the agenda' }));
    input.addEventListener('change', () => this.drafts.set(key, input.value));
    this.templates().then((templates) => {
      input.replaceChildren(...templates.map((t) => h('option', { value: t.key, text: `${t.name} (${t.minutes} minutes)` })));
      if (this.drafts.has(key)) input.value = this.drafts.get(key);
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (input.value) this.call('POST', '/segments', { template: input.value });
    });
    return form;
  }

  templates() {
    this.templateList ??= api.get(`/communities/${encodeURIComponent(this.communityId)}/session-templates`).then((r) => r.templates).catch(() => []);
    return this.templateList;
  }

  /** Everyone follows the session: the current part's board is the one on screen. */
  mountBoard(s) {
    const wanted = s.state === 'live' ? this.segment(s.current)?.board ?? null : null;
    if (wanted === this.boardId) return;
    this.boardId = wanted;
    this.cards = [];
    if (!wanted) {
      this.boardArea.replaceChildren();
      return;
    }
    const focused = document.activeElement;
    board.boardPage(this.boardArea, wanted, this.connection);
    // Opening the board must not take the keyboard away from where the person was.
    if (focused && focused !== document.body && focused.isConnected && !this.boardArea.contains(focused)) focused.focus();
    else this.root().querySelector('#session-now')?.focus();
    // One page, one main heading: the board's title is a heading within the session.
    const title = this.boardArea.querySelector('h1');
    title?.setAttribute('role', 'heading');
    title?.setAttribute('aria-level', '2');
  }

  /** What the board shows this person: its cards, as read from the board on screen. */
  boardChanged() {
    if (this.boardChangeScheduled) return;
    this.boardChangeScheduled = true;
    requestAnimationFrame(() => {
      this.boardChangeScheduled = false;
      const cards = [...this.boardArea.querySelectorAll('.circle-board__card[data-key^="card-"]')]
        .map((el) => ({ id: el.dataset.key.slice(5), text: el.querySelector('.circle-board__text')?.textContent ?? '' }));
      const signature = JSON.stringify(cards);
      if (signature === this.cardSignature) return;
      this.cardSignature = signature;
      this.cards = cards;
      if (this.state) {
        // Only the parts that show cards; the board itself is not touched.
        const focusKey = document.activeElement?.dataset?.key;
        this.live.replaceChildren(...[this.renderNow(this.state)].filter(Boolean));
        this.panels.replaceChildren(...this.panelsFor(this.state));
        if (focusKey && !this.boardArea.contains(document.activeElement)) {
          this.root().querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
        }
      }
    });
  }

  button(text, key, onclick, extra = {}) {
    return h('button', { class: 'govuk-button govuk-button--secondary', type: 'button', 'data-key': key, onclick, ...extra, text });
  }
}
