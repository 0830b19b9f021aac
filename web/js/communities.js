// My communities, one community with its members, and invitations.
import * as api from './api.js';
import * as session from './session.js';
import { h, field, select, button, showError, page, notice, link, roleName, phaseName } from './ui.js';
import { mandateSection } from './mandate.js';
import { groundRulesSection } from './groundrules.js';
import { membershipSection } from './membership.js';
import { LiveUpdates } from './live.js';
import { sessionsSection } from './sessions.js';

const PHASES = [['sponsor', 'Sponsor'], ['codesign', 'Co-design'], ['sessions', 'Sessions']];

export async function myCommunitiesPage(root) {
  const errors = h('div');
  const list = h('div');
  const me = session.account();
  page(root, 'Your learning communities', errors, list, me.facilitator ? conveneForm(errors) : null);
  try {
    const communities = await api.get('/communities');
    if (communities.length === 0) {
      list.append(h('p', { class: 'govuk-body', text: 'You are not in any learning community yet. When a facilitator invites you, open the link in your invitation.' }));
      return;
    }
    list.append(h('ul', { class: 'govuk-list circle-cards' }, communities.map((c) =>
      h('li', { class: 'circle-card' },
        h('h2', { class: 'govuk-heading-s' }, link(`#/community/${c.id}`, c.name)),
        h('p', { class: 'govuk-body-s', text: `Your role: ${roleName(c.role)}. ${phaseName(c.phase)}. ${c.memberCount} member${c.memberCount === 1 ? '' : 's'}.` })))));
  } catch (err) {
    showError(errors, err);
  }
}

function conveneForm(errors) {
  const name = field({ label: 'Name of the new community', name: 'name', maxlength: 120,
    hint: 'For example: Duty social workers, north locality' });
  const form = h('form', { novalidate: true, 'aria-label': 'Start a new community' },
    h('h2', { class: 'govuk-heading-m', text: 'Start a new community' }), name.group, button('Start community'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError(errors, null);
    try {
      const created = await api.post('/communities', { name: name.input.value });
      location.hash = `#/community/${created.id}`;
    } catch (err) {
      showError(errors, err);
    }
  });
  return form;
}

let live = null;

export async function communityPage(root, id) {
  const errors = h('div');
  let community;
  try {
    community = await api.get(`/communities/${encodeURIComponent(id)}`);
  } catch (err) {
    page(root, 'Community not available', errors);
    showError(errors, err);
    return;
  }
  const inRoom = community.role !== 'sponsor';
  // What the community is working on now comes first: the mandate in phase 1, ground rules after.
  const mandateFirst = community.phase === 'sponsor' || !inRoom;
  const sections = [phaseSteps(community), phaseControls(community, errors)];
  if (mandateFirst) sections.push(await mandateSection(community, errors));
  if (inRoom) {
    sections.push(await sessionsSection(community, errors));
    sections.push(h('p', { class: 'govuk-body' }, link(`#/community/${community.id}/boards`, 'Boards of this community')));
    const { boards } = await api.get(`/communities/${community.id}/boards`);
    sections.push(await groundRulesSection(community, errors, boards.find((b) => b.kind === 'codesign')));
    sections.push(await membershipSection(community, errors));
    if (!mandateFirst) sections.push(await mandateSection(community, errors));
    sections.push(await membersSection(community, errors));
  } else {
    sections.push(h('p', { class: 'govuk-body', text: `${community.memberCount} members. As sponsor you see the mandate and the themes the group releases, never who said what.` }));
  }
  if (community.role === 'facilitator') sections.push(inviteSection(community, errors));
  sections.push(leaveSection(community, errors));
  page(root, community.name, errors, h('p', { class: 'govuk-body', text: `Your role: ${roleName(community.role)}.` }), ...sections);
  live?.close();
  live = inRoom ? new LiveUpdates(community.id, () => communityPage(root, id)) : null;
}

document.addEventListener('circle:refresh', () => {
  const match = location.hash.match(/^#\/community\/([\w-]+)$/);
  if (match) communityPage(document.getElementById('app'), match[1]);
});

window.addEventListener('hashchange', () => {
  live?.close();
  live = null;
});

function phaseSteps(community) {
  const current = PHASES.findIndex(([p]) => p === community.phase);
  return h('nav', { 'aria-label': 'Phases of this community' },
    h('ol', { class: 'circle-steps' }, PHASES.map(([phase, label], i) => h('li', {
      class: `circle-steps__step${i === current ? ' circle-steps__step--current' : ''}${i < current ? ' circle-steps__step--done' : ''}`,
      'aria-current': i === current ? 'step' : undefined,
    }, `${i + 1}. ${label}`))),
    community.phase === 'archived' ? h('p', { class: 'govuk-body', text: 'This community is archived.' }) : null);
}

function phaseControls(community, errors) {
  if (community.role !== 'facilitator' || community.phase === 'archived') return null;
  const next = { sponsor: ['codesign', 'Start co-design'], codesign: ['sessions', 'Start sessions'], sessions: ['codesign', 'Return to co-design to amend ground rules'] }[community.phase];
  const move = (phase) => async () => {
    showError(errors, null);
    try {
      await api.put(`/communities/${community.id}/phase`, { phase });
      document.dispatchEvent(new CustomEvent('circle:refresh'));
    } catch (err) {
      showError(errors, err);
    }
  };
  return h('div', { class: 'govuk-button-group' },
    h('button', { class: 'govuk-button', type: 'button', text: next[1], onclick: move(next[0]) }),
    h('button', { class: 'govuk-button govuk-button--secondary', type: 'button', text: 'Archive community',
      onclick: () => { if (confirm(`Archive ${community.name}? It becomes read-only.`)) move('archived')(); } }));
}

async function membersSection(community, errors) {
  const section = h('section', { class: 'circle-section', 'aria-labelledby': 'members-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'members-heading', text: 'Members' }));
  const members = await api.get(`/communities/${community.id}/members`);
  const me = session.account();
  const rows = members.map((m) => {
    const actions = h('td', { class: 'govuk-table__cell' });
    if (community.role === 'facilitator' && m.accountId !== me.id) {
      actions.append(h('button', {
        class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', type: 'button',
        'aria-label': `Remove ${m.displayName}`, text: 'Remove',
        onclick: async () => {
          if (!confirm(`Remove ${m.displayName} from ${community.name}?`)) return;
          try {
            await api.del(`/communities/${community.id}/members/${m.accountId}`);
            await communityPage(document.getElementById('app'), community.id);
          } catch (err) {
            showError(errors, err);
          }
        },
      }));
    }
    return h('tr', { class: 'govuk-table__row' },
      h('td', { class: 'govuk-table__cell', text: m.displayName }),
      h('td', { class: 'govuk-table__cell', text: roleName(m.role) }),
      actions);
  });
  section.append(h('table', { class: 'govuk-table' },
    h('caption', { class: 'govuk-table__caption govuk-visually-hidden', text: 'Members and their roles' }),
    h('thead', { class: 'govuk-table__head' }, h('tr', { class: 'govuk-table__row' },
      h('th', { class: 'govuk-table__header', scope: 'col', text: 'Name' }),
      h('th', { class: 'govuk-table__header', scope: 'col', text: 'Role' }),
      h('th', { class: 'govuk-table__header', scope: 'col' }, h('span', { class: 'govuk-visually-hidden', text: 'Actions' })))),
    h('tbody', { class: 'govuk-table__body' }, rows)));
  return section;
}

function inviteSection(community, errors) {
  const result = h('div', { 'aria-live': 'polite' });
  const role = select({ label: 'Role', name: 'role', options: [['participant', 'Participant'], ['facilitator', 'Facilitator'], ['sponsor', 'Sponsor']] });
  const email = field({ label: 'Email address (optional)', name: 'email', type: 'email', required: false, maxlength: 254,
    hint: 'If email is set up on this server, the invitation is sent there too. Either way you get a link to copy.' });
  const form = h('form', { novalidate: true, 'aria-label': 'Invite someone' }, role.group, email.group, button('Create invitation'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError(errors, null);
    const body = { role: role.input.value };
    if (email.input.value.trim()) body.email = email.input.value.trim();
    try {
      const invitation = await api.post(`/communities/${community.id}/invitations`, body);
      const linkId = 'invitation-link';
      const input = h('input', { class: 'govuk-input', id: linkId, readonly: true, value: invitation.url });
      result.replaceChildren(
        h('div', { class: 'govuk-inset-text' },
          h('p', { class: 'govuk-body', text: `Invitation for a ${roleName(invitation.role).toLowerCase()} created${invitation.emailed ? ' and emailed' : ''}. It works once and expires in 7 days.` }),
          h('label', { class: 'govuk-label', for: linkId, text: 'Invitation link to copy' }),
          input,
          h('button', { class: 'govuk-button govuk-button--secondary', type: 'button', text: 'Copy link',
            onclick: async () => {
              input.select();
              try { await navigator.clipboard.writeText(invitation.url); } catch { document.execCommand('copy'); }
            } })));
      email.input.value = '';
      await showPending();
    } catch (err) {
      showError(errors, err);
    }
  });
  const pending = h('div');
  const showPending = async () => {
    const invitations = await api.get(`/communities/${community.id}/invitations`);
    if (invitations.length === 0) {
      pending.replaceChildren();
      return;
    }
    pending.replaceChildren(h('h3', { class: 'govuk-heading-s', text: 'Invitations not yet used' }),
      h('ul', { class: 'govuk-list' }, invitations.map((i) => h('li', {},
        `${roleName(i.role)}${i.email ? ` (${i.email})` : ''}, expires ${new Date(i.expiresAt).toLocaleDateString('en-GB')} `,
        h('button', { class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', type: 'button', text: 'Withdraw',
          'aria-label': `Withdraw the ${roleName(i.role).toLowerCase()} invitation${i.email ? ` for ${i.email}` : ''}`,
          onclick: async () => {
            try {
              await api.del(`/communities/${community.id}/invitations/${i.id}`);
              await showPending();
            } catch (err) {
              showError(errors, err);
            }
          } })))));
  };
  showPending().catch((err) => showError(errors, err));
  return h('section', { class: 'circle-section', 'aria-labelledby': 'invite-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'invite-heading', text: 'Invite someone' }), form, result, pending);
}

function leaveSection(community, errors) {
  return h('section', { class: 'circle-section', 'aria-labelledby': 'leave-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'leave-heading', text: 'Leave this community' }),
    h('button', { class: 'govuk-button govuk-button--warning', type: 'button', text: 'Leave community',
      onclick: async () => {
        if (!confirm(`Leave ${community.name}?`)) return;
        try {
          await api.del(`/communities/${community.id}/membership`);
          location.hash = '#/';
        } catch (err) {
          showError(errors, err);
        }
      } }));
}

export async function invitationPage(root, token, { onJoined }) {
  const errors = h('div');
  let invitation;
  try {
    invitation = await api.get(`/invitations/${encodeURIComponent(token)}`);
  } catch (err) {
    page(root, 'Invitation not found', errors);
    showError(errors, err);
    return;
  }
  if (invitation.status !== 'valid') {
    page(root, 'This invitation no longer works', h('p', { class: 'govuk-body',
      text: `This invitation has ${invitation.status === 'used' ? 'already been used' : invitation.status === 'revoked' ? 'been withdrawn' : 'expired'}. Ask the facilitator for a new one.` }));
    return;
  }
  const intro = h('p', { class: 'govuk-body', text: `You are invited to join ${invitation.communityName} as a ${roleName(invitation.role).toLowerCase()}.` });
  const me = session.account();
  if (me) {
    const accept = h('form', { 'aria-label': 'Accept invitation' }, button(`Join as ${me.displayName}`));
    accept.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const joined = await api.post(`/invitations/${encodeURIComponent(token)}/accept`, {});
        onJoined(joined.communityId);
      } catch (err) {
        showError(errors, err);
      }
    });
    page(root, 'Join a learning community', errors, intro, accept);
    return;
  }
  const email = field({ label: 'Email address', name: 'email', type: 'email', autocomplete: 'email', value: invitation.email ?? '', maxlength: 254 });
  const name = field({ label: 'Your name', name: 'displayName', autocomplete: 'name', maxlength: 80, hint: 'How other members will see you.' });
  const password = field({ label: 'Choose a password', name: 'password', type: 'password', autocomplete: 'new-password', maxlength: 200,
    hint: 'At least 10 characters.' });
  const form = h('form', { novalidate: true, 'aria-label': 'Create your account and join' },
    email.group, name.group, password.group, button('Create account and join'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError(errors, null);
    try {
      const joined = await api.post(`/invitations/${encodeURIComponent(token)}/accept`,
        { email: email.input.value, displayName: name.input.value, password: password.input.value });
      session.remember(joined);
      onJoined(joined.communityId);
    } catch (err) {
      showError(errors, err);
    }
  });
  page(root, 'Join a learning community', errors, intro,
    h('p', { class: 'govuk-body' }, 'Already have an account? ', link(`#/signin?next=${encodeURIComponent(location.hash)}`, 'Sign in first'), '.'),
    form);
}

export async function adminPage(root) {
  const errors = h('div');
  const result = h('div', { 'aria-live': 'polite' });
  const list = h('ul', { class: 'govuk-list govuk-list--bullet' });
  const email = field({ label: 'Email address', name: 'email', type: 'email', maxlength: 254 });
  const name = field({ label: 'Name', name: 'displayName', maxlength: 80 });
  const form = h('form', { novalidate: true, 'aria-label': 'Add a facilitator' }, email.group, name.group, button('Add facilitator'));
  const refresh = async () => {
    const facilitators = await api.get('/admin/facilitators');
    list.replaceChildren(...facilitators.map((f) => h('li', { text: `${f.displayName} (${f.email})` })));
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError(errors, null);
    try {
      const added = await api.post('/admin/facilitators', { email: email.input.value, displayName: name.input.value });
      if (added.status === 'granted') {
        notice(result, `${added.email} already had an account and is now a facilitator.`);
      } else {
        const input = h('input', { class: 'govuk-input', id: 'setup-link', readonly: true, value: added.setupUrl });
        result.replaceChildren(h('div', { class: 'govuk-inset-text' },
          h('label', { class: 'govuk-label', for: 'setup-link', text: `Set-up link for ${added.email} (send it to them; it works once, for 7 days)` }), input));
      }
      await refresh();
    } catch (err) {
      showError(errors, err);
    }
  });
  page(root, 'Administration', errors,
    h('h2', { class: 'govuk-heading-m', text: 'Facilitators' }), list,
    h('h2', { class: 'govuk-heading-m', text: 'Add a facilitator' }), form, result);
  try {
    await refresh();
  } catch (err) {
    showError(errors, err);
  }
}
