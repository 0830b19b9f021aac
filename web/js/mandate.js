// Phase 1: the mandate, drafted by the facilitator with the sponsor and signed off by the sponsor.
// Once co-design has begun a change is a proposal: the sponsor signs it, the facilitator agrees,
// everyone in the room sees it and consents before it comes into force.
import * as api from './api.js';
import { h, button, onSubmit, actionButton, textarea } from './ui.js';
import { roundPanel, recordView } from './consent.js';

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

function refresh() {
  document.dispatchEvent(new CustomEvent('circle:refresh'));
}

function when(iso) {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' });
}

function signedLine(version) {
  if (!version.signedOffAt) return `Version ${version.version} – draft, not yet signed off.`;
  return `Version ${version.version} – signed off by ${version.signedOffBy} on ${when(version.signedOffAt)}.`;
}

function textList(version) {
  return h('dl', { class: 'govuk-summary-list' }, FIELDS.map(([name, label]) =>
    h('div', { class: 'govuk-summary-list__row' },
      h('dt', { class: 'govuk-summary-list__key', text: label }),
      h('dd', { class: 'govuk-summary-list__value circle-pre', text: version[name] }))));
}

/** The mandate as the community page needs it: read once, shown in the banner and the section. */
export function loadMandate(community) {
  return api.get(`/communities/${community.id}/mandate`);
}

/** Where a proposed change stands, in words. */
function proposalStatus(p) {
  switch (p.status) {
    case 'draft': return 'Waiting for the sponsor to sign it.';
    case 'signed': return `Signed by ${p.signedOffBy}. Waiting for the facilitator to agree and ask the members.`;
    case 'consulting': return p.blocked
      ? 'An objection blocks it: it will not come into force unless the text is changed and everyone consents.'
      : 'Everyone in the room is asked for consent. It comes into force only if everyone consents.';
    default: return '';
  }
}

/**
 * A banner at the top of the community page while a change to the mandate is proposed: every
 * member sees that it exists, that it is not in force, and where to read and answer it.
 */
export function proposalBanner(community, state) {
  const p = state?.proposal;
  if (!p) return null;
  const titleId = 'mandate-proposal-banner-title';
  const toPanel = h('a', { class: 'govuk-notification-banner__link', href: '#mandate-proposal', text: 'Read the proposed change',
    onclick: (e) => {
      e.preventDefault();
      const target = document.getElementById('mandate-proposal');
      target?.scrollIntoView({ block: 'start' });
      target?.focus();
    } });
  const ask = p.status === 'consulting' && community.role !== 'sponsor' && !p.myAnswer ? ' Your answer is needed.' : '';
  return h('div', { class: 'govuk-notification-banner circle-proposal-banner', role: 'region', 'aria-labelledby': titleId, id: 'mandate-proposal-banner' },
    h('div', { class: 'govuk-notification-banner__header' },
      h('h2', { class: 'govuk-notification-banner__title', id: titleId, text: 'Important' })),
    h('div', { class: 'govuk-notification-banner__content' },
      h('p', { class: 'govuk-notification-banner__heading',
        text: `A change to the mandate is proposed (version ${p.version}). It is not in force: version ${state.inForce} stays in force until everyone in the room consents.` }),
      h('p', { class: 'govuk-body', text: `${proposalStatus(p)}${ask} ` }, toPanel)));
}

/** The mandate section of a community page. */
export async function mandateSection(community, errors, state) {
  const section = h('section', { class: 'circle-section', 'aria-labelledby': 'mandate-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'mandate-heading', text: 'Mandate' }));
  const base = `/communities/${community.id}/mandate`;
  const { latest, proposal } = state;
  const force = state.inForceVersion;
  const canDraft = community.role === 'facilitator' || community.role === 'sponsor';
  const open = community.phase !== 'archived';

  if (proposal || (force && latest && latest.needsConsent)) {
    // After co-design began: the version in force first, then any proposed change.
    section.append(h('p', { class: 'govuk-body', id: 'mandate-status', text: `In force: ${signedLine(force)}` }), textList(force));
    if (proposal) section.append(await proposalPanel(community, errors, state));
  } else if (latest) {
    section.append(h('p', { class: 'govuk-body', id: 'mandate-status', text: signedLine(latest) }));
    if (state.inForce && state.inForce !== latest.version) {
      section.append(h('p', { class: 'govuk-body', text: `Version ${state.inForce} stays in force until version ${latest.version} is signed off.` }));
    }
    section.append(textList(latest));
  } else {
    section.append(h('p', { class: 'govuk-body', text: canDraft
      ? 'No mandate yet. The facilitator drafts it with the sponsor; the sponsor signs it off before co-design can start.'
      : 'The facilitator and the sponsor are drafting the mandate.' }));
  }
  if (!proposal && community.role === 'sponsor' && latest && !latest.signedOffAt && latest.status !== 'withdrawn' && open) {
    section.append(actionButton(`Sign off version ${latest.version}`, errors, async () => {
      await api.post(`${base}/sign-off`, { version: latest.version });
      refresh();
    }));
  }
  if (canDraft && open) section.append(editForm(community, proposal ?? latest, errors, Boolean(proposal)));
  if (!proposal && latest && latest.version > 1 && latest.status !== 'withdrawn') {
    section.append(await historyView(community, latest.version - 1, latest.version));
  }
  const rounds = (await api.get(`/communities/${community.id}/consent-rounds`)).filter((r) => r.subject === 'mandate');
  section.append(...[recordView(rounds, { title: 'How changes to the mandate were agreed', id: 'mandate-record-heading',
    describe: (r) => `Version ${r.version}` })].filter(Boolean));
  return section;
}

/** A proposed change: what would change, where it stands, and what each person can do now. */
async function proposalPanel(community, errors, state) {
  const p = state.proposal;
  const base = `/communities/${community.id}/mandate`;
  const inRoom = community.role !== 'sponsor';
  const panel = h('div', { class: 'circle-proposal', id: 'mandate-proposal', tabindex: '-1' },
    h('h3', { class: 'govuk-heading-m', text: `Proposed change: version ${p.version}` }),
    h('p', { class: 'govuk-body', text: `Proposed by ${p.editedBy ?? 'a former member'}. ${proposalStatus(p)}` }),
    h('p', { class: 'govuk-body', text: `Until everyone in the room consents, version ${state.inForce} stays in force.` }));
  const diff = await api.get(`${base}/diff?from=${state.inForce}&to=${p.version}`);
  panel.append(h('h4', { class: 'govuk-heading-s', text: `What would change from version ${state.inForce}` }), renderDiff(diff.fields, FIELDS, 'h5'));
  const actions = h('div', { class: 'govuk-button-group' });
  if (community.role === 'sponsor' && p.status === 'draft') {
    actions.append(actionButton(`Sign off version ${p.version}`, errors, async () => {
      await api.post(`${base}/sign-off`, { version: p.version });
      refresh();
    }));
  }
  if (community.role === 'facilitator' && p.status === 'signed') {
    actions.append(actionButton('Agree and ask the members for consent', errors, async () => {
      await api.post(`${base}/agree`, { version: p.version });
      refresh();
    }));
  }
  if (community.role === 'facilitator' || community.role === 'sponsor') {
    actions.append(actionButton('Withdraw this change', errors, async () => {
      if (!confirm(`Withdraw the proposed change (version ${p.version})? Version ${state.inForce} stays in force.`)) return;
      await api.post(`${base}/withdraw`, { version: p.version });
      refresh();
    }, { class: 'govuk-button govuk-button--secondary' }));
  }
  if (actions.childElementCount) panel.append(actions);
  if (p.status === 'consulting') {
    panel.append(roundPanel({ path: `${base}/consent`, round: p, inRoom, errors, onAnswered: refresh }));
  }
  return panel;
}

function editForm(community, latest, errors, hasProposal) {
  const inputs = FIELDS.map(([name, label, hint]) => [name, textarea({ name, label, hint, value: latest ? latest[name] : SUGGESTED[name],
    maxlength: 4000, bold: true })]);
  const codesignBegun = ['codesign', 'sessions', 'review'].includes(community.phase);
  const form = h('form', { novalidate: true, 'aria-label': 'Edit the mandate' },
    codesignBegun ? h('p', { class: 'govuk-body', text: 'Co-design has begun, so a change is a proposal: the sponsor signs it, the facilitator agrees, and it comes into force only when everyone in the room consents. Every member is shown it.' }) : null,
    inputs.map(([, f]) => f.group),
    button(codesignBegun ? 'Propose this change' : latest?.signedOffAt ? 'Save as a new version' : 'Save draft'));
  onSubmit(form, errors, async () => {
    const body = Object.fromEntries(inputs.map(([name, f]) => [name, f.input.value]));
    await api.put(`/communities/${community.id}/mandate`, body);
    refresh();
  });
  let summary = latest ? (latest.signedOffAt ? 'Change the mandate (the sponsor signs again)' : 'Edit the draft') : 'Draft the mandate';
  if (codesignBegun) summary = hasProposal ? 'Change the proposed text (it is signed and agreed again)' : 'Propose a change to the mandate';
  return h('details', { class: 'govuk-details' },
    h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text', text: summary })),
    h('div', { class: 'govuk-details__text' }, form));
}

async function historyView(community, from, to) {
  const diff = await api.get(`/communities/${community.id}/mandate/diff?from=${from}&to=${to}`);
  return h('details', { class: 'govuk-details' },
    h('summary', { class: 'govuk-details__summary' },
      h('span', { class: 'govuk-details__summary-text', text: `What changed from version ${diff.from} to ${diff.to}` })),
    h('div', { class: 'govuk-details__text' }, renderDiff(diff.fields, FIELDS)));
}

/** Shows changed fields with removed and added lines, marked in words as well as colour. */
export function renderDiff(fields, labels, headingLevel = 'h3') {
  const changed = fields.filter((f) => f.changed);
  if (changed.length === 0) return h('p', { class: 'govuk-body', text: 'Nothing changed.' });
  const labelOf = Object.fromEntries(labels.map(([name, label]) => [name, label]));
  return h('div', {}, changed.map((f) => h('div', { class: 'circle-diff' },
    h(headingLevel, { class: 'govuk-heading-s', text: labelOf[f.field] ?? f.field }),
    h('ul', { class: 'govuk-list' }, f.lines.filter((l) => l.op !== 'same').map((l) =>
      h('li', { class: `circle-diff__${l.op}` },
        h('span', { class: 'circle-diff__mark', text: l.op === 'added' ? 'Added: ' : 'Removed: ' }), l.text))))));
}
