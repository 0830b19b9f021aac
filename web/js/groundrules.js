// Phase 2: ground rules drafted from the co-design board and ratified by consent.
import * as api from './api.js';
import { h, uid, button, onSubmit, actionButton, textarea as labelledTextarea } from './ui.js';
import { renderDiff } from './mandate.js';
import { roundPanel, recordView } from './consent.js';

const SETTINGS = [
  ['safeguarding', 'The safeguarding exception', 'When we must act on what we hear, and how we say so.'],
  ['raiseConcern', 'How to raise a concern', 'Who to talk to if something in the community worries you.'],
  ['cadence', 'How often we meet', 'For example: monthly, 90 minutes.'],
  ['agendaTemplate', 'Default agenda', 'For example: check-in, storytelling, uncertainties and doubts, ideas, close.'],
];
const RETENTION = [
  ['3-months', '3 months'], ['6-months', '6 months'], ['12-months', '12 months'], ['24-months', '24 months'],
  ['until-archived', 'Until the community is archived'],
];
const RETENTION_HINT = 'After this, what members wrote is destroyed: cards, comments, votes, notes, journal entries and experiments. '
  + 'Released themes and the sponsor\'s replies stay.';
const LABELS = [['rules', 'Rules'], ['cardNames', 'Names on cards'], ['releaseThreshold', 'Release threshold'], ...SETTINGS,
  ['retention', 'How long we keep what we write']];

function retentionName(value) {
  return (RETENTION.find(([v]) => v === value) ?? RETENTION[2])[1];
}

const SUGGESTED = {
  rules: ['What is said in the room stays in the room.', 'We listen to understand, not to judge.', 'We talk about our own practice, not about absent colleagues.'],
  cardNames: 'named',
  releaseThreshold: 3,
  safeguarding: 'If anything shared suggests someone is at risk of harm, we follow the safeguarding procedure and tell the group that we are doing so.',
  raiseConcern: 'Speak to the facilitator, or to any member you trust, privately and at any time.',
  cadence: 'Monthly, 90 minutes.',
  agendaTemplate: 'Check-in, storytelling, description of practice, uncertainties and doubts, ideas and experiments, close.',
  retention: '12-months',
};

function textarea(name, label, hint, value, rows = 3) {
  return labelledTextarea({ name, label, hint, value, rows, bold: true, maxlength: name === 'rules' ? undefined : 2000 });
}

function radios(name, legend, options, value, hint) {
  const hintId = hint ? uid(`${name}-hint`) : null;
  const inputs = options.map(([v, label]) => {
    const id = uid(`${name}-${v}`);
    const input = h('input', { class: 'govuk-radios__input', id, name, type: 'radio', value: v });
    input.checked = v === value;
    input.defaultChecked = v === value;
    return [input, h('div', { class: 'govuk-radios__item' }, input, h('label', { class: 'govuk-label govuk-radios__label', for: id, text: label }))];
  });
  return {
    value: () => inputs.map(([i]) => i).find((i) => i.checked)?.value,
    group: h('div', { class: 'govuk-form-group' }, h('fieldset', { class: 'govuk-fieldset', ...(hintId ? { 'aria-describedby': hintId } : {}) },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s', text: legend }),
      hint ? h('div', { class: 'govuk-hint', id: hintId, text: hint }) : null,
      h('div', { class: 'govuk-radios' }, inputs.map(([, item]) => item)))),
  };
}

function rulesView(version) {
  return h('div', {},
    h('ol', { class: 'govuk-list govuk-list--number circle-rules' }, version.rules.map((r) => h('li', { text: r }))),
    h('dl', { class: 'govuk-summary-list' },
      row('Names on cards', version.cardNames === 'anonymous' ? 'Anonymous: nobody but the author sees who wrote a card' : 'Named'),
      row('Release threshold', `A theme may leave the room only with cards from at least ${version.releaseThreshold} different people, and with the group's approval`),
      SETTINGS.map(([name, label]) => row(label, version[name])),
      row('How long we keep what we write', `${retentionName(version.retention)}. ${RETENTION_HINT}`)));
}

function row(key, value) {
  return h('div', { class: 'govuk-summary-list__row' },
    h('dt', { class: 'govuk-summary-list__key', text: key }), h('dd', { class: 'govuk-summary-list__value circle-pre', text: value }));
}

/** Cards and groups from the co-design board, to start draft rules from: each picked one becomes a rule line. */
function boardPicker(candidates, rulesInput) {
  if (!candidates?.board) return null;
  const items = [];
  const pick = (text, label) => {
    const id = uid('pick');
    const input = h('input', { class: 'govuk-checkboxes__input', id, type: 'checkbox', value: text });
    items.push(input);
    return h('div', { class: 'govuk-checkboxes__item' }, input, h('label', { class: 'govuk-label govuk-checkboxes__label', for: id, text: label }));
  };
  const groups = candidates.groups.map((g) => h('div', { class: 'circle-pick-group' },
    pick(g.title, `Group: ${g.title} (${g.cards.length} card${g.cards.length === 1 ? '' : 's'})`),
    h('div', { class: 'govuk-checkboxes govuk-checkboxes--small circle-pick-cards' }, g.cards.map((c) => pick(c.text, c.text)))));
  const loose = candidates.ungrouped.map((c) => pick(c.text, c.text));
  if (!groups.length && !loose.length) {
    return h('p', { class: 'govuk-body', text: 'Nothing is on the co-design board yet: when members write there, you can start rules from their cards here.' });
  }
  const status = h('p', { class: 'govuk-body', 'aria-live': 'polite' });
  const add = h('button', { class: 'govuk-button govuk-button--secondary', type: 'button', text: 'Add the chosen cards to the rules',
    onclick: () => {
      const chosen = items.filter((i) => i.checked).map((i) => i.value.trim()).filter(Boolean);
      if (!chosen.length) {
        status.textContent = 'Choose at least one card or group first.';
        return;
      }
      const present = new Set(rulesInput.value.split('\n').map((r) => r.trim()).filter(Boolean));
      const fresh = chosen.filter((t) => !present.has(t));
      rulesInput.value = [...present, ...fresh].join('\n');
      items.forEach((i) => { i.checked = false; });
      status.textContent = `${fresh.length} rule${fresh.length === 1 ? '' : 's'} added. Edit the wording in the rules below.`;
      rulesInput.focus();
    } });
  return h('div', { class: 'govuk-form-group circle-pick' },
    h('fieldset', { class: 'govuk-fieldset' },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s', text: 'Start from what members wrote on the co-design board' }),
      h('div', { class: 'govuk-hint', text: 'Choose cards or groups; each becomes a rule that you can then reword.' }),
      h('div', { class: 'govuk-checkboxes govuk-checkboxes--small' }, groups, loose)),
    add, status);
}

function editor(label, start, submitText, withReason, errors, send, candidates) {
  const rules = textarea('rules', 'Rules, one per line', 'Draw them from what members wrote on the co-design board.', start.rules.join('\n'), 6);
  const names = radios('cardNames', 'Names on cards', [['named', 'Named: everyone sees who wrote a card'], ['anonymous', 'Anonymous: only the author knows']], start.cardNames);
  const thresholdId = uid('releaseThreshold');
  const threshold = h('input', { class: 'govuk-input govuk-input--width-3', id: thresholdId, name: 'releaseThreshold', type: 'number', min: 3, inputmode: 'numeric',
    'aria-describedby': `${thresholdId}-hint`, 'data-required': 'true' });
  threshold.defaultValue = String(start.releaseThreshold);
  threshold.value = start.releaseThreshold;
  const settings = SETTINGS.map(([name, l, hint]) => [name, textarea(name, l, hint, start[name])]);
  const retention = radios('retention', 'How long we keep what we write', RETENTION, start.retention ?? '12-months', RETENTION_HINT);
  const reason = withReason ? textarea('reason', 'Why this change?', 'Members read this before they answer.', '') : null;
  const form = h('form', { novalidate: true, 'aria-label': label },
    reason?.group, boardPicker(candidates, rules.input), rules.group, names.group,
    h('div', { class: 'govuk-form-group' },
      h('label', { class: 'govuk-label govuk-label--s', for: thresholdId, text: 'Release threshold' }),
      h('div', { class: 'govuk-hint', id: `${thresholdId}-hint`, text: 'How many different people a theme needs before it may leave the room. Never fewer than 3.' }),
      threshold),
    settings.map(([, f]) => f.group),
    retention.group,
    button(submitText));
  onSubmit(form, errors, async () => {
    const body = {
      rules: rules.input.value.split('\n').map((r) => r.trim()).filter(Boolean),
      cardNames: names.value(),
      releaseThreshold: Number.parseInt(threshold.value, 10),
      ...Object.fromEntries(settings.map(([name, f]) => [name, f.input.value])),
      retention: retention.value(),
    };
    if (reason) body.reason = reason.input.value;
    await send(body);
    refresh();
  });
  return form;
}

function refresh() {
  document.dispatchEvent(new CustomEvent('circle:refresh'));
}

/** The ground-rules section of a community page, for members in the room. */
export async function groundRulesSection(community, errors, codesignBoard) {
  const base = `/communities/${community.id}/ground-rules`;
  const state = await api.get(base);
  const section = h('section', { class: 'circle-section', 'aria-labelledby': 'rules-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'rules-heading', text: 'Ground rules' }));
  const facilitator = community.role === 'facilitator';
  const { inForce, proposal } = state;
  const drafting = facilitator && community.phase === 'codesign' && (!inForce || proposal);
  const candidates = drafting ? await api.get(`${base}/from-board`) : null;
  if (codesignBoard && community.phase === 'codesign') {
    section.append(h('div', { class: 'govuk-inset-text circle-question' },
      h('p', { class: 'govuk-body-l', text: codesignBoard.title }),
      h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: `#/board/${codesignBoard.id}`, text: 'Open the co-design board' }),
        ' to write and group your answers with the others, live. The ground rules are drafted from them.')));
  }

  if (inForce) {
    section.append(h('h3', { class: 'govuk-heading-s', text: `In force: version ${inForce.version}` }), rulesView(inForce));
    if (!state.myConsent) {
      section.append(h('div', { class: 'govuk-warning-text' },
        h('strong', { class: 'govuk-warning-text__text', text: 'You joined after these ground rules were agreed. Read them, then consent to take part in sessions.' })),
      actionButton(`I consent to version ${inForce.version}`, errors, async () => {
        await api.post(`${base}/accept`, { version: inForce.version });
        refresh();
      }));
    }
  } else if (!proposal) {
    section.append(h('p', { class: 'govuk-body', text: community.phase === 'sponsor'
      ? 'Ground rules are agreed in co-design, after the sponsor signs off the mandate.'
      : 'No ground rules yet. The facilitator drafts them from what members write on the co-design board.' }));
  }

  if (proposal) {
    const heading = proposal.kind === 'amendment' ? `Proposed amendment: version ${proposal.version}` : `Proposed ground rules: version ${proposal.version}`;
    section.append(h('h3', { class: 'govuk-heading-s', text: heading }));
    if (proposal.reason) section.append(h('p', { class: 'govuk-body', text: `Reason: ${proposal.reason}` }));
    section.append(rulesView(proposal));
    if (proposal.status === 'draft') {
      section.append(h('p', { class: 'govuk-body', text: facilitator ? 'This is a draft. When it is ready, ask everyone for consent.' : 'The facilitator is preparing this draft.' }));
      if (facilitator) section.append(actionButton('Ask for consent', errors, async () => {
        await api.post(`${base}/consent-round`, {});
        refresh();
      }));
    } else {
      section.append(roundPanel({ path: `${base}/consent`, round: proposal, inRoom: true, errors, onAnswered: refresh }));
    }
    if (facilitator) {
      section.append(h('details', { class: 'govuk-details' },
        h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text',
          text: proposal.status === 'consulting' ? 'Amend the text (this ends the round; a new round is needed)' : 'Edit the draft' })),
        h('div', { class: 'govuk-details__text' },
          editor('Edit the ground rules', proposal, 'Save draft', false, errors, (body) => api.put(`${base}/draft`, body), candidates))));
    }
  } else if (inForce && community.phase !== 'archived') {
    section.append(h('details', { class: 'govuk-details' },
      h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text', text: 'Propose an amendment' })),
      h('div', { class: 'govuk-details__text' },
        editor('Propose an amendment', inForce, 'Propose amendment', true, errors, (body) => api.post(`${base}/amendments`, body)))));
  } else if (!inForce && facilitator && community.phase === 'codesign') {
    section.append(editor('Draft the ground rules', { ...SUGGESTED, rules: candidates?.groups?.length || candidates?.ungrouped?.length ? [] : SUGGESTED.rules }, 'Save draft', false, errors,
      (body) => api.put(`${base}/draft`, body), candidates));
  }
  if (inForce && inForce.version > 1) {
    const diff = await api.get(`${base}/diff?from=${inForce.version - 1}&to=${inForce.version}`);
    section.append(h('details', { class: 'govuk-details' },
      h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text', text: `What changed from version ${diff.from} to ${diff.to}` })),
      h('div', { class: 'govuk-details__text' }, renderDiff(diff.fields, LABELS))));
  }
  const rounds = (await api.get(`/communities/${community.id}/consent-rounds`)).filter((r) => r.subject === 'ground_rules');
  section.append(...[recordView(rounds, { title: 'How these ground rules were agreed', id: 'rules-record-heading',
    describe: (r) => `Version ${r.version}` })].filter(Boolean));
  return section;
}
