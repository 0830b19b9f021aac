// Consent rounds, for ground rules and for changes to the mandate: the answers and their reasons
// during a round, a member's own answer, and the record of every round kept after it.
import * as api from './api.js';
import { h, uid, button, onSubmit, textarea, FormProblems } from './ui.js';

const SAYS = {
  agree: 'agrees',
  concern: 'agrees, with a concern',
  object: 'objects',
};

const OUTCOME = {
  consented: 'everyone in the room consented',
  amended: 'the text was changed, so a new round was needed',
  withdrawn: 'the proposal was withdrawn',
};

function answerLine(a) {
  const who = a.name ?? (a.mine ? 'You' : 'A member');
  return h('li', { class: `circle-answer circle-answer--${a.answer}` },
    h('strong', { text: `${a.mine && a.name ? `${a.name} (you)` : who} ${SAYS[a.answer] ?? a.answer}` }),
    a.note ? `: ${a.note}` : '');
}

/** Every answer given so far, with its reason; names unless the round is anonymous. */
export function answersList(answers, emptyText = 'Nobody has answered yet.') {
  if (!answers || answers.length === 0) return h('p', { class: 'govuk-body', text: emptyText });
  return h('ul', { class: 'govuk-list circle-answers' }, answers.map(answerLine));
}

function radios(name, legend, options, value) {
  const inputs = options.map(([v, label]) => {
    const id = uid(`${name}-${v}`);
    const input = h('input', { class: 'govuk-radios__input', id, name, type: 'radio', value: v, 'data-required': 'true' });
    input.checked = v === value;
    input.defaultChecked = v === value;
    return [input, h('div', { class: 'govuk-radios__item' }, input, h('label', { class: 'govuk-label govuk-radios__label', for: id, text: label }))];
  });
  return {
    value: () => inputs.map(([i]) => i).find((i) => i.checked)?.value,
    group: h('div', { class: 'govuk-form-group' }, h('fieldset', { class: 'govuk-fieldset' },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s', text: legend }),
      h('div', { class: 'govuk-radios' }, inputs.map(([, item]) => item)))),
  };
}

/**
 * An open round as a member in the room sees it: how far it has got, every answer with its
 * reason, and a form to give or change their own answer.
 * `path` is where answers are posted; `inRoom` false (a sponsor) shows the counts only.
 */
export function roundPanel({ path, round, inRoom, errors, onAnswered }) {
  const answeredCount = round.answeredCount ?? 0;
  const names = round.answered?.length ? `: ${round.answered.join(', ')}` : '';
  const panel = h('div', { class: 'govuk-inset-text circle-round' },
    h('p', { class: 'govuk-body', id: 'consent-progress', 'aria-live': 'polite',
      text: `Consent round ${round.round}: ${answeredCount} of ${round.membersInRoom ?? '?'} members have answered${inRoom ? names : ''}.` }));
  if (round.blocked) {
    panel.append(h('p', { class: 'govuk-body govuk-!-font-weight-bold',
      text: 'An objection blocks this. It can come into force only when the text is changed to meet it and everyone consents in a new round.' }));
  }
  if (!inRoom) return panel;
  panel.append(h('div', {}, h('h4', { class: 'govuk-heading-s', text: 'Answers and reasons so far' }),
    round.anonymous ? h('p', { class: 'govuk-hint', text: 'Your ground rules keep cards anonymous, so answers are shown without names.' }) : null,
    answersList(round.answers)));
  if (round.myAnswer) {
    panel.append(h('p', { class: 'govuk-body', text: `Your answer: ${SAYS[round.myAnswer]}${round.myNote ? ` – ${round.myNote}` : ''}. You can change it while the round is open.` }));
  }
  const choice = radios('answer', 'Your answer', [
    ['agree', 'I agree'],
    ['concern', 'I agree, with a concern'],
    ['object', 'I object: I cannot work with this'],
  ], round.myAnswer ?? undefined);
  const note = textarea({ name: 'note', label: 'Your concern or reason (needed with a concern or an objection)',
    hint: 'Everyone in the room reads it during the round, so the text can be changed to meet it.', value: round.myNote ?? '', required: false, maxlength: 2000 });
  const form = h('form', { novalidate: true, 'aria-label': 'Answer the consent round' }, choice.group, note.group, button('Send my answer'));
  onSubmit(form, errors, async () => {
    const body = { answer: choice.value() };
    if (note.input.value.trim()) body.note = note.input.value.trim();
    if (body.answer && body.answer !== 'agree' && !body.note) {
      throw new FormProblems([{ control: note.input, message: body.answer === 'object'
        ? 'Give the reason for your objection, so the text can be changed to meet it'
        : 'Say what worries you: a concern needs a few words' }]);
    }
    await api.post(path, body);
    onAnswered?.();
  });
  panel.append(form);
  return panel;
}

function when(iso) {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}

/**
 * The record of how the rules were agreed: every round, oldest first, with its outcome and,
 * for members in the room, every answer with its reason.
 */
export function recordView(rounds, { title, id, describe }) {
  if (!rounds.length) return null;
  return h('section', { class: 'circle-record', 'aria-labelledby': id },
    h('h3', { class: 'govuk-heading-s', id, text: title }),
    h('ol', { class: 'govuk-list circle-record__rounds' }, rounds.map((r) => {
      const counts = r.counts ?? {};
      const tally = `${counts.agree ?? 0} agreed, ${counts.concern ?? 0} agreed with a concern, ${counts.object ?? 0} objected`;
      const ended = r.outcome ? `Closed ${when(r.closedAt)}: ${OUTCOME[r.outcome] ?? r.outcome}.` : 'Still open.';
      return h('li', { class: 'circle-record__round' },
        h('p', { class: 'govuk-body govuk-!-margin-bottom-1' },
          h('strong', { text: `${describe(r)}, round ${r.round}` }), ` – opened ${when(r.openedAt)}. ${ended} ${tally}${r.members ? ` (of ${r.members} members)` : ''}.`),
        r.answers ? answersList(r.answers, 'No answers were given.') : null);
    })));
}
