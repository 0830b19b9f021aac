// Who else should belong: proposals with a role and reason, decided in co-design.
import * as api from './api.js';
import { h, field, select, button, roleName, onSubmit, actionButton, textarea as labelledTextarea } from './ui.js';

function textarea(name, label) {
  return labelledTextarea({ name, label, rows: 2, maxlength: 1000 });
}

export async function membershipSection(community, errors) {
  const base = `/communities/${community.id}/membership-proposals`;
  const proposals = await api.get(base);
  const section = h('section', { class: 'circle-section', 'aria-labelledby': 'proposals-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'proposals-heading', text: 'Who else should join?' }));
  const refresh = () => document.dispatchEvent(new CustomEvent('circle:refresh'));
  if (proposals.length > 0) {
    section.append(h('ul', { class: 'govuk-list circle-cards' }, proposals.map((p) => {
      const item = h('li', { class: 'circle-card' },
        h('h3', { class: 'govuk-heading-s', text: `${p.name} as ${roleName(p.role).toLowerCase()} (${p.status})` }),
        h('p', { class: 'govuk-body-s', text: `Proposed by ${p.proposedBy ?? 'a former member'}.` }),
        h('p', { class: 'govuk-body-s', text: `Contribution: ${p.contribution}` }),
        h('p', { class: 'govuk-body-s', text: `Expertise: ${p.expertise}` }),
        h('p', { class: 'govuk-body-s', text: `Experience: ${p.experience}` }));
      if (community.role === 'facilitator' && p.status === 'open') {
        const decide = (decision) => async () => {
          const result = await api.post(`${base}/${p.id}/decision`, { decision });
          if (result.invitationUrl) {
            item.append(h('p', { class: 'govuk-body' }, 'Invitation link to send: ', h('code', { text: result.invitationUrl })));
          } else {
            refresh();
          }
        };
        // A button's spoken name starts with its visible words (WCAG 2.5.3, label in name).
        item.append(h('div', { class: 'govuk-button-group' },
          actionButton('Accept and invite', errors, decide('accept'), { 'aria-label': `Accept and invite ${p.name}` }),
          actionButton('Decline', errors, decide('decline'), { class: 'govuk-button govuk-button--secondary', 'aria-label': `Decline ${p.name}` })));
      }
      return item;
    })));
  } else {
    section.append(h('p', { class: 'govuk-body', text: 'No one has been proposed yet.' }));
  }
  if (['codesign', 'sessions', 'review'].includes(community.phase)) {
    const name = field({ label: 'Name', name: 'name', maxlength: 80 });
    const email = field({ label: 'Email address (optional)', name: 'email', type: 'email', required: false, maxlength: 254 });
    const role = select({ label: 'Role', name: 'role', options: [['participant', 'Participant'], ['facilitator', 'Facilitator'], ['sponsor', 'Sponsor']] });
    const contribution = textarea('contribution', 'What would they contribute?');
    const expertise = textarea('expertise', 'Their expertise');
    const experience = textarea('experience', 'Their experience');
    const form = h('form', { novalidate: true, 'aria-label': 'Propose someone' },
      name.group, email.group, role.group, contribution.group, expertise.group, experience.group, button('Propose'));
    onSubmit(form, errors, async () => {
      const body = { name: name.input.value, role: role.input.value, contribution: contribution.input.value,
        expertise: expertise.input.value, experience: experience.input.value };
      if (email.input.value.trim()) body.email = email.input.value.trim();
      await api.post(base, body);
      refresh();
    });
    section.append(h('details', { class: 'govuk-details' },
      h('summary', { class: 'govuk-details__summary' }, h('span', { class: 'govuk-details__summary-text', text: 'Propose someone' })),
      h('div', { class: 'govuk-details__text' }, form)));
  }
  return section;
}
