// Phase 1: the mandate, drafted by the facilitator with the sponsor and signed off by the sponsor.
import * as api from './api.js';
import { h, uid, showError, button } from './ui.js';

export const FIELDS = [
  ['purpose', 'Purpose: the system of interest', 'What part of the work is this community about?'],
  ['question', 'The guiding question', 'The question the community explores together.'],
  ['constituency', 'Who belongs, and why', 'The constituency: which practitioners, and why them.'],
  ['expectations', "The sponsor's expectations", 'What the sponsor hopes the community will do.'],
  ['timeCommitment', 'Time commitment', 'For example: 90 minutes a month, protected time.'],
  ['learningFlow', 'How learning flows back', 'To whom, and in what form (only themes the group releases).'],
  ['safeToFail', 'It is safe to fail', 'A statement that members can share mistakes and doubts without blame.'],
  ['notPerformance', 'Not performance management', 'A statement that nothing from the community feeds performance management.'],
];

const SUGGESTED = {
  safeToFail: 'It is safe to fail here: members can share mistakes, doubts and uncertainty without blame.',
  notPerformance: 'Nothing said or written in this community feeds performance management, appraisal or discipline.',
};

function textarea(name, label, hint, value) {
  const id = uid(name);
  const input = h('textarea', { class: 'govuk-textarea', id, name, rows: 3, 'aria-describedby': `${id}-hint`, maxlength: 4000 });
  input.value = value ?? '';
  return {
    input,
    group: h('div', { class: 'govuk-form-group' },
      h('label', { class: 'govuk-label govuk-label--s', for: id, text: label }),
      h('div', { class: 'govuk-hint', id: `${id}-hint`, text: hint }),
      input),
  };
}

function signedLine(version) {
  if (!version.signedOffAt) return `Version ${version.version} – draft, not yet signed off.`;
  return `Version ${version.version} – signed off by ${version.signedOffBy} on ${new Date(version.signedOffAt).toLocaleString('en-GB')}.`;
}

/** The mandate section of a community page. */
export async function mandateSection(community, errors) {
  const section = h('section', { class: 'circle-section', 'aria-labelledby': 'mandate-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'mandate-heading', text: 'Mandate' }));
  const state = await api.get(`/communities/${community.id}/mandate`);
  const latest = state.latest;
  const canDraft = community.role === 'facilitator' || community.role === 'sponsor';
  if (latest) {
    section.append(h('p', { class: 'govuk-body', id: 'mandate-status', text: signedLine(latest) }));
    if (state.inForce && state.inForce !== latest.version) {
      section.append(h('p', { class: 'govuk-body', text: `Version ${state.inForce} stays in force until version ${latest.version} is signed off.` }));
    }
    section.append(h('dl', { class: 'govuk-summary-list' }, FIELDS.map(([name, label]) =>
      h('div', { class: 'govuk-summary-list__row' },
        h('dt', { class: 'govuk-summary-list__key', text: label }),
        h('dd', { class: 'govuk-summary-list__value circle-pre', text: latest[name] })))));
  } else {
    section.append(h('p', { class: 'govuk-body', text: canDraft
      ? 'No mandate yet. The facilitator drafts it with the sponsor; the sponsor signs it off before co-design can start.'
      : 'The facilitator and the sponsor are drafting the mandate.' }));
  }
  if (community.role === 'sponsor' && latest && !latest.signedOffAt) {
    section.append(h('button', { class: 'govuk-button', type: 'button', text: `Sign off version ${latest.version}`,
      onclick: async () => {
        try {
          await api.post(`/communities/${community.id}/mandate/sign-off`, { version: latest.version });
          document.dispatchEvent(new CustomEvent('circle:refresh'));
        } catch (err) {
          showError(errors, err);
        }
      } }));
  }
  if (canDraft && community.phase !== 'archived') section.append(editForm(community, latest, errors));
  if (latest && latest.version > 1) section.append(await historyView(community, latest.version));
  return section;
}

function editForm(community, latest, errors) {
  const inputs = FIELDS.map(([name, label, hint]) => [name, textarea(name, label, hint, latest ? latest[name] : SUGGESTED[name])]);
  const form = h('form', { novalidate: true, 'aria-label': 'Edit the mandate' },
    inputs.map(([, f]) => f.group),
    button(latest?.signedOffAt ? 'Save as a new version' : 'Save draft'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError(errors, null);
    const body = Object.fromEntries(inputs.map(([name, f]) => [name, f.input.value]));
    try {
      await api.put(`/communities/${community.id}/mandate`, body);
      document.dispatchEvent(new CustomEvent('circle:refresh'));
    } catch (err) {
      showError(errors, err);
    }
  });
  return h('details', { class: 'govuk-details' },
    h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text',
      text: latest ? (latest.signedOffAt ? 'Change the mandate (the sponsor signs again)' : 'Edit the draft') : 'Draft the mandate' })),
    h('div', { class: 'govuk-details__text' }, form));
}

async function historyView(community, latestVersion) {
  const diff = await api.get(`/communities/${community.id}/mandate/diff?from=${latestVersion - 1}&to=${latestVersion}`);
  return h('details', { class: 'govuk-details' },
    h('summary', { class: 'govuk-details__summary' },
      h('span', { class: 'govuk-details__summary-text', text: `What changed from version ${diff.from} to ${diff.to}` })),
    h('div', { class: 'govuk-details__text' }, renderDiff(diff.fields, FIELDS)));
}

/** Shows changed fields with removed and added lines, marked in words as well as colour. */
export function renderDiff(fields, labels) {
  const changed = fields.filter((f) => f.changed);
  if (changed.length === 0) return h('p', { class: 'govuk-body', text: 'Nothing changed.' });
  const labelOf = Object.fromEntries(labels.map(([name, label]) => [name, label]));
  return h('div', {}, changed.map((f) => h('div', { class: 'circle-diff' },
    h('h3', { class: 'govuk-heading-s', text: labelOf[f.field] ?? f.field }),
    h('ul', { class: 'govuk-list' }, f.lines.filter((l) => l.op !== 'same').map((l) =>
      h('li', { class: `circle-diff__${l.op}` },
        h('span', { class: 'circle-diff__mark', text: l.op === 'added' ? 'Added: ' : 'Removed: ' }), l.text))))));
}
