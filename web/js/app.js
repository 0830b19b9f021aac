// Entry point of the browser client: the header, the connection indicator and hash routing.
import { Connection } from './connection.js';
import * as session from './session.js';
import * as account from './account.js';
import * as communities from './communities.js';
import * as board from './board.js';
import * as themes from './themes.js';
import * as sponsor from './sponsor.js';
import * as journal from './journal.js';
import * as api from './api.js';
import * as sessionroom from './sessionroom.js';
import * as drafts from './drafts.js';
import * as outbox from './outbox.js';
import { browserStorage } from './keptlocally.js';
import * as reflection from './reflection.js';
import { h, showError, page, notice, link } from './ui.js';

const LABELS = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

const root = document.getElementById('app');
const nav = document.getElementById('nav');
const indicator = document.getElementById('connection');
let connection = null;

/** Routes: a pattern on location.hash and what to render. Feature modules add theirs here. */
export const routes = [
  [/^#\/account-link\/([\w-]+)$/, ([token]) => account.accountLinkPage(root, token, { onSignedIn: home })],
  [/^#\/invitation\/([\w-]+)$/, ([token]) => communities.invitationPage(root, token, { onJoined: (id) => go(`#/community/${id}`) })],
  [/^#\/signin/, () => account.signInPage(root, { onSignedIn: afterSignIn })],
  [/^#\/community\/([\w-]+)$/, ([id]) => signedIn(() => communities.communityPage(root, id))],
  [/^#\/community\/([\w-]+)\/session\/([\w-]+)$/, ([id, sessionId]) => signedIn(() => sessionroom.sessionRoomPage(root, id, sessionId, liveConnection()))],
  [/^#\/community\/([\w-]+)\/session\/([\w-]+)\/review$/, ([id, sessionId]) => signedIn(() => reflection.reviewPage(root, id, sessionId))],
  [/^#\/community\/([\w-]+)\/reflection$/, ([id]) => signedIn(() => reflection.reflectionPage(root, id))],
  [/^#\/community\/([\w-]+)\/boards$/, ([id]) => signedIn(() => board.boardsPage(root, id))],
  [/^#\/community\/([\w-]+)\/themes$/, ([id]) => signedIn(() => themes.themesPage(root, id))],
  [/^#\/community\/([\w-]+)\/sponsor$/, ([id]) => signedIn(() => sponsor.sponsorPage(root, id))],
  [/^#\/community\/([\w-]+)\/sponsor\/themes\/([\w-]+)$/, ([id, theme]) => signedIn(() => sponsor.sponsorThemePage(root, id, theme))],
  [/^#\/community\/([\w-]+)\/journal$/, ([id]) => signedIn(() => journal.journalPage(root, id, liveConnection()))],
  [/^#\/board\/([\w-]+)$/, ([id]) => signedIn(() => board.boardPage(root, id, liveConnection()))],
  [/^#\/account$/, () => signedIn(() => account.accountPage(root, { onSignedOut: signedOut }))],
  [/^#\/admin$/, () => signedIn(() => communities.adminPage(root))],
  [/^#?\/?$/, () => signedIn(() => communities.myCommunitiesPage(root))],
];

function go(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

function home() {
  go('#/');
}

function afterSignIn() {
  const next = new URLSearchParams(location.hash.split('?')[1] ?? '').get('next');
  go(next && next.startsWith('#/') ? next : '#/');
}

function signedOut() {
  go('#/signin');
}

/** Signed out in another tab of this browser: this tab stops too, and says why. */
document.addEventListener('circle:signed-out-elsewhere', () => {
  const back = location.hash && !location.hash.startsWith('#/signin') ? `?next=${encodeURIComponent(location.hash)}` : '';
  history.replaceState(null, '', `#/signin${back}`);
  account.signInPage(root, { onSignedIn: afterSignIn });
  const told = h('div');
  root.querySelector('h1')?.after(told);
  notice(told, 'You signed out in another tab, so you are signed out here too.');
});

document.addEventListener('circle:signed-in-elsewhere', () => render());

function signedIn(render) {
  if (!session.account()) {
    account.signInPage(root, { onSignedIn: render });
    return;
  }
  render();
}

async function render() {
  const hash = location.hash || '#/';
  for (const [pattern, show] of routes) {
    const match = hash.match(pattern);
    if (match) {
      try {
        await show(match.slice(1));
      } catch (err) {
        const errors = h('div');
        page(root, 'Something went wrong', errors);
        showError(errors, err);
      }
      return;
    }
  }
  page(root, 'Page not found', h('p', { class: 'govuk-body', text: 'There is nothing at this address.' }));
}

function renderNav(me) {
  nav.replaceChildren();
  if (!me) return;
  const item = (href, text) => h('li', { class: 'circle-nav__item' }, h('a', { class: 'circle-nav__link', href, text }));
  const signOut = h('button', { class: 'circle-nav__button', type: 'button', text: 'Sign out',
    onclick: async () => {
      // Changes made offline and not yet sent go with the sign-out (the browser may be shared): ask first.
      const unsent = outbox.waiting(browserStorage(), me.id);
      if (unsent > 0 && !window.confirm(`${unsent === 1 ? '1 change you made has' : `${unsent} changes you made have`} not reached `
          + 'the server yet. If you sign out now, it will be lost. Sign out anyway?')) return;
      signOut.disabled = true;
      try {
        await session.signOut();
      } catch {
        // Signed out in this browser anyway; the server forgets the session when it expires.
      }
      signedOut();
    } });
  nav.append(h('ul', { class: 'circle-nav__list' },
    item('#/', 'Your communities'),
    me.admin ? item('#/admin', 'Administration') : null,
    item('#/account', `Your account (${me.displayName})`),
    h('li', { class: 'circle-nav__item' }, signOut)));
}

function connect(me) {
  if (!me) {
    connection?.close();
    connection = null;
    indicator.hidden = true;
    return;
  }
  indicator.hidden = false;
  if (connection) return;
  connection = new Connection();
  connection.addEventListener('state', (e) => {
    indicator.dataset.state = e.detail;
    indicator.textContent = LABELS[e.detail] ?? e.detail;
  });
  connection.open();
}

export function liveConnection() {
  return connection;
}

document.addEventListener('circle:session', (e) => {
  // Council laptops are shared: what someone typed on a board and did not send (drafts.js) is kept
  // for them alone, and goes when they sign out, in this tab or another, or when someone else signs in.
  // The same for changes made offline and still waiting to be sent (outbox.js).
  const storage = browserStorage();
  if (e.detail) {
    drafts.keepOnly(storage, e.detail.id);
    outbox.keepOnly(storage, e.detail.id);
  } else {
    drafts.clearAll(storage);
    outbox.clearAll(storage);
  }
  renderNav(e.detail);
  connect(e.detail);
});
window.addEventListener('hashchange', render);

/**
 * Circle works only at the address it is configured for: elsewhere (127.0.0.1 for localhost,
 * say) sign-in and live boards are refused as cross-site. Between two names of this machine,
 * go to the configured one; otherwise say which address to open.
 */
async function checkAddress() {
  let instance;
  try {
    instance = await api.get('/instance');
  } catch {
    return true;
  }
  const allowed = instance.allowedOrigins ?? [];
  if (allowed.includes(location.origin)) return true;
  const target = new URL(instance.publicUrl);
  const loopback = (host) => ['localhost', '127.0.0.1', '[::1]', '::1'].includes(host);
  if (loopback(location.hostname) && loopback(target.hostname)) {
    location.replace(`${target.origin}${target.pathname}${location.hash}`);
    return false;
  }
  const errors = h('div');
  page(root, 'Open Circle at its own address', errors,
    h('p', { class: 'govuk-body' }, 'This server is set up to be opened at ', link(instance.publicUrl, instance.publicUrl),
      '. At this address signing in and live boards do not work. Open that address instead, or ask whoever runs Circle to change CIRCLE_PUBLIC_URL.'));
  return false;
}

(async () => {
  if (!(await checkAddress())) return;
  try {
    await session.load();
  } catch {
    // Shown by the page below when the API cannot be reached.
  }
  renderNav(session.account());
  connect(session.account());
  await render();
})();
