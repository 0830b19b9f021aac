// My communities, one community with its members, and invitations.
import * as api from './api.js';
import * as session from './session.js';
import { h, field, select, button, showError, page, repaint, notice, link, roleName, phaseName, onSubmit, actionButton } from './ui.js';
import { loadMandate, mandateSection, proposalBanner } from './mandate.js';
import { groundRulesSection } from './groundrules.js';
import { membershipSection } from './membership.js';
import { LiveUpdates } from './live.js';
import { sessionsSection } from './sessions.js';

const PHASES = [['sponsor', 'Sponsor'], ['codesign', 'Co-design'], ['sessions', 'Sessions'], ['review', 'Review']];

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
  // Submits once: a double click does not make two communities.
  onSubmit(form, errors, async () => {
    const created = await api.post('/communities', { name: name.input.value });
    location.hash = `#/community/${created.id}`;
  });
  return form;
}

let live = null;

export async function communityPage(root, id) {
  const errors = h('div');
  let community;
  let mandate;
  try {
    community = await api.get(`/communities/${encodeURIComponent(id)}`);
    mandate = await loadMandate(community);
  } catch (err) {
    page(root, 'Community not available', errors);
    showError(errors, err);
    return;
  }
  const inRoom = community.role !== 'sponsor';
  // What the community is working on now comes first: the mandate in phase 1, ground rules after.
  const mandateFirst = community.phase === 'sponsor' || !inRoom || Boolean(mandate.proposal);
  const sections = [phaseSteps(community), phaseControls(community, errors)];
  if (mandateFirst) sections.push(await mandateSection(community, errors, mandate));
  if (inRoom) {
    sections.push(await sessionsSection(community, errors));
    sections.push(h('ul', { class: 'govuk-list' },
      h('li', {}, link(`#/community/${community.id}/boards`, 'Boards of this community')),
      h('li', {}, link(`#/community/${community.id}/themes`, 'Themes: what we may release to the sponsor')),
      h('li', {}, link(`#/community/${community.id}/reflection`, 'Reflection: pulses and process checks over time')),
      h('li', {}, link(`#/community/${community.id}/journal`, 'Your private journal'))));
    const { boards } = await api.get(`/communities/${community.id}/boards`);
    sections.push(await groundRulesSection(community, errors, boards.find((b) => b.kind === 'codesign')));
    sections.push(await membershipSection(community, errors));
    if (!mandateFirst) sections.push(await mandateSection(community, errors, mandate));
    sections.push(await membersSection(community, errors));
    sections.push(exportSection(community));
  } else {
    sections.push(h('p', { class: 'govuk-body', text: `${community.memberCount} members. As sponsor you see the mandate and the themes the group releases, never who said what.` }),
      h('p', { class: 'govuk-body' }, link(`#/community/${community.id}/sponsor`, 'Released themes and your replies')));
  }
  if (community.role === 'facilitator') sections.push(await inviteSection(community, errors));
  sections.push(leaveSection(community, errors));
  // A page that re-renders live keeps the reader where they were.
  const again = location.hash === `#/community/${id}` && root.dataset.community === id;
  (again ? repaint : page)(root, community.name, errors, proposalBanner(community, mandate),
    h('p', { class: 'govuk-body', text: `Your role: ${roleName(community.role)}.` }), ...sections);
  root.dataset.community = id;
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
  delete document.getElementById('app').dataset.community;
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
  const steps = {
    sponsor: [['codesign', 'Start co-design']],
    codesign: [['sessions', 'Start sessions']],
    sessions: [['review', 'Start the review'], ['codesign', 'Return to co-design to amend ground rules']],
    review: [['sessions', 'Back to sessions for another cycle']],
  }[community.phase];
  const move = async (phase) => {
    await api.put(`/communities/${community.id}/phase`, { phase });
    document.dispatchEvent(new CustomEvent('circle:refresh'));
  };
  return h('div', { class: 'govuk-button-group' },
    ...steps.map(([phase, text], i) => actionButton(text, errors, () => move(phase),
      i > 0 ? { class: 'govuk-button govuk-button--secondary' } : undefined)),
    actionButton('Archive community', errors, async () => {
      if (confirm(`Archive ${community.name}? It becomes read-only.`)) await move('archived');
    }, { class: 'govuk-button govuk-button--secondary' }));
}

async function membersSection(community, errors) {
  const section = h('section', { class: 'circle-section', 'aria-labelledby': 'members-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'members-heading', text: 'Members' }));
  const members = await api.get(`/communities/${community.id}/members`);
  const me = session.account();
  const rows = members.map((m) => {
    const actions = h('td', { class: 'govuk-table__cell' });
    if (community.role === 'facilitator' && m.accountId !== me.id) {
      actions.append(actionButton('Remove', errors, async () => {
        if (!confirm(`Remove ${m.displayName} from ${community.name}?`)) return;
        await api.del(`/communities/${community.id}/members/${m.accountId}`);
        await communityPage(document.getElementById('app'), community.id);
      }, { class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', 'aria-label': `Remove ${m.displayName}` }));
    }
    return h('tr', { class: 'govuk-table__row' },
      h('td', { class: 'govuk-table__cell', text: m.displayName }),
      h('td', { class: 'govuk-table__cell', text: roleName(m.role) }),
      actions);
  });
  section.append(h('table', { class: 'govuk-table', id: 'members' },
    h('caption', { class: 'govuk-table__caption govuk-visually-hidden', text: 'Members and their roles' }),
    h('thead', { class: 'govuk-table__head' }, h('tr', { class: 'govuk-table__row' },
      h('th', { class: 'govuk-table__header', scope: 'col', text: 'Name' }),
      h('th', { class: 'govuk-table__header', scope: 'col', text: 'Role' }),
      h('th', { class: 'govuk-table__header', scope: 'col' }, h('span', { class: 'govuk-visually-hidden', text: 'Actions' })))),
    h('tbody', { class: 'govuk-table__body' }, rows)));
  return section;
}

/** The invitation just made, kept while it is pending so a live refresh of the page does not hide its link. */
let madeInvitation = null;

function invitationName(i) {
  return i.note || i.email || `a ${roleName(i.role).toLowerCase()}`;
}

function linkBox(invitation) {
  const linkId = 'invitation-link';
  const input = h('input', { class: 'govuk-input', id: linkId, readonly: true, value: invitation.url });
  return h('div', { class: 'govuk-inset-text', id: 'invitation-made' },
    h('p', { class: 'govuk-body', text: `Invitation for ${invitationName(invitation)} (${roleName(invitation.role).toLowerCase()}) created${invitation.emailed ? ' and emailed' : ''}. It works once and expires in 7 days.` }),
    h('label', { class: 'govuk-label', for: linkId, text: 'Invitation link to copy' }),
    input,
    h('button', { class: 'govuk-button govuk-button--secondary', type: 'button', text: 'Copy link',
      onclick: async () => {
        input.select();
        try { await navigator.clipboard.writeText(invitation.url); } catch { document.execCommand('copy'); }
      } }));
}

async function inviteSection(community, errors) {
  const result = h('div', { 'aria-live': 'polite' });
  const note = field({ label: 'Who is it for?', name: 'note', maxlength: 80, required: false,
    hint: 'A name or a note, so you can tell your invitations apart. Only facilitators see it.' });
  const role = select({ label: 'Role', name: 'role', options: [['participant', 'Participant'], ['facilitator', 'Facilitator'], ['sponsor', 'Sponsor']] });
  const email = field({ label: 'Email address (optional)', name: 'email', type: 'email', required: false, maxlength: 254,
    hint: 'If email is set up on this server, the invitation is sent there too. Either way you get a link to copy.' });
  const form = h('form', { novalidate: true, 'aria-label': 'Invite someone' }, note.group, role.group, email.group, button('Create invitation'));
  const pending = h('div', { id: 'pending-invitations' });

  const showPending = async () => {
    const invitations = await api.get(`/communities/${community.id}/invitations`);
    // The link box shows the invitation just made only while it can still be used.
    const stillPending = madeInvitation && madeInvitation.community === community.id && invitations.some((i) => i.id === madeInvitation.id);
    if (!stillPending) madeInvitation = null;
    result.replaceChildren(...(madeInvitation ? [linkBox(madeInvitation)] : []));
    if (invitations.length === 0) {
      pending.replaceChildren();
      return;
    }
    pending.replaceChildren(h('h3', { class: 'govuk-heading-s', text: 'Invitations not yet used, oldest first' }),
      h('ol', { class: 'govuk-list govuk-list--number circle-invitations' }, invitations.map((i) => h('li', {},
        h('strong', { text: invitationName(i) }),
        `, ${roleName(i.role).toLowerCase()}${i.email && i.note ? ` (${i.email})` : ''}. Made ${new Date(i.createdAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}, expires ${new Date(i.expiresAt).toLocaleDateString('en-GB')}. `,
        actionButton('Withdraw', errors, async () => {
          await api.del(`/communities/${community.id}/invitations/${i.id}`);
          await showPending();
        }, { class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0',
          'aria-label': `Withdraw the invitation for ${invitationName(i)}` })))));
  };

  onSubmit(form, errors, async () => {
    const body = { role: role.input.value };
    if (email.input.value.trim()) body.email = email.input.value.trim();
    if (note.input.value.trim()) body.note = note.input.value.trim();
    const invitation = await api.post(`/communities/${community.id}/invitations`, body);
    madeInvitation = { ...invitation, community: community.id };
    email.input.value = '';
    note.input.value = '';
    await showPending();
  });
  try {
    await showPending();
  } catch (err) {
    showError(errors, err);
  }
  return h('section', { class: 'circle-section', 'aria-labelledby': 'invite-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'invite-heading', text: 'Invite someone' }), form, result, pending);
}

/** Downloads of the community's boards, themes and sessions, with the same privacy as the screens. */
function exportSection(community) {
  const base = `/api/communities/${community.id}/export`;
  return h('section', { class: 'circle-section', 'aria-labelledby': 'export-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'export-heading', text: 'Download this community' }),
    h('p', { class: 'govuk-body', text: 'Boards (cards, groups, comments and vote totals), themes and sessions. Cards on anonymous boards carry no name, cards still written in silence are left out, and journals are never included.' }),
    h('ul', { class: 'govuk-list' },
      h('li', {}, h('a', { class: 'govuk-link', href: `${base}?format=markdown`, download: '', text: 'Download as Markdown (to read)' })),
      h('li', {}, h('a', { class: 'govuk-link', href: `${base}?format=csv`, download: '', text: 'Download as CSV (for a spreadsheet)' }))));
}

function leaveSection(community, errors) {
  return h('section', { class: 'circle-section', 'aria-labelledby': 'leave-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'leave-heading', text: 'Leave this community' }),
    actionButton('Leave community', errors, async () => {
      if (!confirm(`Leave ${community.name}?`)) return;
      await api.del(`/communities/${community.id}/membership`);
      location.hash = '#/';
    }, { class: 'govuk-button govuk-button--warning' }));
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
      text: `This invitation has ${invitation.status === 'used' ? 'already been used' : invitation.status === 'revoked' ? 'been withdrawn' : 'expired'}. Ask the facilitator for a new one.` }),
    invitation.status === 'used' && !session.account()
      ? h('p', { class: 'govuk-body' }, 'If you used it yourself, ', link('#/signin', 'sign in instead'), '.') : null);
    return;
  }
  const intro = h('p', { class: 'govuk-body', text: `You are invited to join ${invitation.communityName} as a ${roleName(invitation.role).toLowerCase()}.` });
  const me = session.account();
  if (me) {
    const accept = h('form', { novalidate: true, 'aria-label': 'Accept invitation' }, button(`Join as ${me.displayName}`));
    onSubmit(accept, errors, async () => {
      const joined = await api.post(`/invitations/${encodeURIComponent(token)}/accept`, {});
      onJoined(joined.communityId);
    });
    page(root, 'Join a learning community', errors, intro, accept);
    return;
  }
  const email = field({ label: 'Email address', name: 'email', type: 'email', autocomplete: 'email', value: invitation.email ?? '', maxlength: 254 });
  const name = field({ label: 'Your name', name: 'displayName', autocomplete: 'name', maxlength: 80, hint: 'How other members will see you.' });
  const password = field({ label: 'Choose a password', name: 'password', type: 'password', autocomplete: 'new-password', maxlength: 200,
    minlength: 10, hint: 'At least 10 characters, not your email address or a common password.' });
  const form = h('form', { novalidate: true, 'aria-label': 'Create your account and join' },
    email.group, name.group, password.group, button('Create account and join'));
  onSubmit(form, errors, async () => {
    const joined = await api.post(`/invitations/${encodeURIComponent(token)}/accept`,
      { email: email.input.value, displayName: name.input.value, password: password.input.value });
    session.remember(joined);
    onJoined(joined.communityId);
  });
  page(root, 'Join a learning community', errors, intro,
    h('p', { class: 'govuk-body' }, 'Already have an account? ', link(`#/signin?next=${encodeURIComponent(location.hash)}`, 'Sign in first'), '.'),
    form);
}

export async function adminPage(root) {
  const errors = h('div');
  const result = h('div', { 'aria-live': 'polite' });
  const list = h('ul', { class: 'govuk-list govuk-list--bullet' });
  const links = h('div', { id: 'setup-links' });
  const email = field({ label: 'Email address', name: 'email', type: 'email', maxlength: 254 });
  const name = field({ label: 'Name', name: 'displayName', maxlength: 80 });
  const form = h('form', { novalidate: true, 'aria-label': 'Add a facilitator' }, email.group, name.group, button('Add facilitator'));
  let shownLink = null;
  const refresh = async () => {
    const [facilitators, pending] = await Promise.all([api.get('/admin/facilitators'), api.get('/admin/setup-links')]);
    list.replaceChildren(...(facilitators.length ? facilitators.map((f) => h('li', { text: `${f.displayName} (${f.email})` }))
      : [h('li', { text: 'No facilitators yet. Add one below: they can then start communities.' })]));
    if (shownLink && !pending.some((l) => l.email === shownLink)) {
      shownLink = null;
      result.replaceChildren();
    }
    links.replaceChildren(h('h2', { class: 'govuk-heading-m', text: 'Set-up links not yet used' }),
      pending.length === 0
        ? h('p', { class: 'govuk-body', text: 'None. Every facilitator you added has set up their account.' })
        : h('ol', { class: 'govuk-list govuk-list--number' }, pending.map((l) => h('li', {},
          h('strong', { text: l.displayName }), ` (${l.email}). Made ${new Date(l.createdAt).toLocaleDateString('en-GB')}, expires ${new Date(l.expiresAt).toLocaleDateString('en-GB')}. `,
          actionButton('Withdraw', errors, async () => {
            await api.del(`/admin/setup-links/${l.id}`);
            await refresh();
          }, { class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', 'aria-label': `Withdraw the set-up link for ${l.displayName}` })))));
  };
  onSubmit(form, errors, async () => {
    const added = await api.post('/admin/facilitators', { email: email.input.value, displayName: name.input.value });
    if (added.status === 'granted') {
      notice(result, `${added.email} already had an account and is now a facilitator.`);
    } else {
      shownLink = added.email;
      const input = h('input', { class: 'govuk-input', id: 'setup-link', readonly: true, value: added.setupUrl });
      result.replaceChildren(h('div', { class: 'govuk-inset-text' },
        h('label', { class: 'govuk-label', for: 'setup-link', text: `Set-up link for ${added.email} (send it to them; it works once, for 7 days)` }), input));
    }
    email.input.value = '';
    name.input.value = '';
    await refresh();
  });
  page(root, 'Administration', errors,
    h('h2', { class: 'govuk-heading-m', text: 'Facilitators' }), list,
    h('h2', { class: 'govuk-heading-m', text: 'Add a facilitator' }), form, result, links);
  try {
    await refresh();
  } catch (err) {
    showError(errors, err);
  }
}
