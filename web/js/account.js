// Signing in, set-up links, and my own account.
import * as api from './api.js';
import * as session from './session.js';
import { h, field, button, showError, page, notice, link, onSubmit } from './ui.js';

export function signInPage(root, { onSignedIn }) {
  const errors = h('div');
  const email = field({ label: 'Email address', name: 'email', type: 'email', autocomplete: 'email', maxlength: 254 });
  const password = field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'current-password', maxlength: 200 });
  const form = h('form', { novalidate: true, 'aria-label': 'Sign in' }, email.group, password.group, button('Sign in'));
  onSubmit(form, errors, async () => {
    await session.signIn(email.input.value, password.input.value);
    onSignedIn();
  });
  page(root, 'Sign in', errors,
    h('p', { class: 'govuk-body', text: 'Sign in to reach your learning communities. If you were invited, use the link in your invitation.' }),
    form);
}

export async function accountLinkPage(root, token, { onSignedIn }) {
  const errors = h('div');
  let setup;
  try {
    setup = await api.get(`/account-links/${encodeURIComponent(token)}`);
  } catch (err) {
    page(root, 'Set-up link not found', errors);
    showError(errors, err);
    return;
  }
  if (setup.status !== 'valid') {
    const why = { used: 'This set-up link has already been used.', withdrawn: 'This set-up link was withdrawn by an administrator. Ask them for a new one.' }[setup.status]
      ?? 'This set-up link has expired. Ask for a new one.';
    page(root, 'This link no longer works', h('p', { class: 'govuk-body', text: why }),
      setup.status === 'used' ? h('p', { class: 'govuk-body' }, 'If you created your account with it, ', link('#/signin', 'sign in instead'), '.') : null);
    return;
  }
  const firstAdmin = setup.purpose === 'first_admin';
  const email = firstAdmin ? field({ label: 'Email address', name: 'email', type: 'email', autocomplete: 'email', maxlength: 254 }) : null;
  const name = field({ label: 'Your name', name: 'displayName', autocomplete: 'name', value: setup.displayName ?? '', maxlength: 80,
    hint: 'How other members will see you.' });
  const password = field({ label: 'Choose a password', name: 'password', type: 'password', autocomplete: 'new-password',
    hint: 'At least 10 characters, not your email address or a common password. A few unrelated words are easy to remember and hard to guess.', maxlength: 200, minlength: 10 });
  const form = h('form', { novalidate: true, 'aria-label': 'Create your account' },
    email?.group, name.group, password.group, button('Create account'));
  onSubmit(form, errors, async () => {
    const body = { displayName: name.input.value, password: password.input.value };
    if (email) body.email = email.input.value;
    session.remember(await api.post(`/account-links/${encodeURIComponent(token)}`, body));
    onSignedIn();
  });
  page(root, firstAdmin ? 'Create the administrator account' : 'Create your facilitator account', errors,
    setup.email ? h('p', { class: 'govuk-body', text: `This account will use the email address ${setup.email}.` }) : null,
    form);
}

export async function accountPage(root, { onSignedOut }) {
  const errors = h('div');
  const done = h('div');
  const current = field({ label: 'Current password', name: 'currentPassword', type: 'password', autocomplete: 'current-password' });
  const next = field({ label: 'New password', name: 'newPassword', type: 'password', autocomplete: 'new-password',
    hint: 'At least 10 characters, not your email address or a common password. Your other browsers will be signed out.', minlength: 10 });
  const change = h('form', { novalidate: true, 'aria-label': 'Change password' }, current.group, next.group, button('Change password'));
  onSubmit(change, errors, async () => {
    done.replaceChildren();
    session.remember(await api.put('/account/password', { currentPassword: current.input.value, newPassword: next.input.value }));
    current.input.value = '';
    next.input.value = '';
    notice(done, 'Your password has been changed.');
  });
  const confirm = field({ label: 'Your password', name: 'password', type: 'password', autocomplete: 'current-password' });
  const remove = h('form', { novalidate: true, 'aria-label': 'Delete account' },
    h('p', { class: 'govuk-body', text: 'Deleting your account removes your name and withdraws what you wrote from every community. This cannot be undone.' }),
    confirm.group, button('Delete my account', { class: 'govuk-button govuk-button--warning' }));
  onSubmit(remove, errors, async () => {
    await api.del('/account', { password: confirm.input.value });
    session.signedOutHere();
    onSignedOut();
  });
  const erasePassword = field({ label: 'Your password, to erase what you wrote', name: 'password', type: 'password', autocomplete: 'current-password' });
  const erase = h('form', { novalidate: true, 'aria-label': 'Erase what I wrote' },
    h('p', { class: 'govuk-body', text: 'Erasing removes your cards, comments and group titles from every board, your journal entries and the notes you gave with consent answers. You stay a member and can write again. A released theme that no longer has enough people behind it is withdrawn from the sponsor. This cannot be undone.' }),
    erasePassword.group, button('Erase what I wrote', { class: 'govuk-button govuk-button--warning' }));
  onSubmit(erase, errors, async () => {
    done.replaceChildren();
    await api.post('/account/erase', { password: erasePassword.input.value });
    erasePassword.input.value = '';
    notice(done, 'What you wrote has been erased.');
  });
  const downloads = h('ul', { class: 'govuk-list' },
    h('li', {}, h('a', { class: 'govuk-link', href: '/api/account/export?format=json', download: '', text: 'Download what I wrote (JSON)' })),
    h('li', {}, h('a', { class: 'govuk-link', href: '/api/account/export?format=markdown', download: '', text: 'Download what I wrote (Markdown, to read)' })));
  // A sponsor who is in no community's room has written nothing there: these would only be refused.
  const communities = await api.get('/communities').catch(() => []);
  const onlySponsor = communities.length > 0 && communities.every((c) => c.role === 'sponsor');
  const writing = onlySponsor ? [] : [
    h('h2', { class: 'govuk-heading-m', text: 'What you wrote' }),
    h('p', { class: 'govuk-body', text: 'Your cards, comments, group titles, journal entries, consent answers and notes, the themes and amendments you proposed, and your experiments. Nobody else\'s words are in it.' }),
    downloads,
    h('h2', { class: 'govuk-heading-m', text: 'Erase what you wrote' }), erase];
  page(root, 'Your account', errors, done, ...writing,
    h('h2', { class: 'govuk-heading-m', text: 'Change your password' }), change,
    h('h2', { class: 'govuk-heading-m', text: 'Delete your account' }), remove);
}
