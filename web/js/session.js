// Who is signed in, kept in memory only: the session itself lives in an HttpOnly cookie, which
// every tab of the browser shares. So signing out (or in) in one tab is told to the others at
// once, over a BroadcastChannel (and a storage event where that is missing).
import * as api from './api.js';

const CHANNEL = 'circle.session';
const STORAGE_KEY = 'circle.session.change';
// Set while a sign-out has not reached the server: the session cookie is HttpOnly, so only the
// server can end it, and until it has, a reload would sign the same person in again (on a shared
// laptop, for the next person). The next load finishes the sign-out before anything else.
const SIGNING_OUT = 'circle.session.signingOut';
/** How long sign-out waits for the server before this browser stops acting as the person anyway. */
const SIGN_OUT_WAIT_MS = 5000;

let current = null;
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;

export function account() {
  return current;
}

export async function load() {
  if (signOutPending() && !(await finishSignOut())) {
    // Still cannot reach the server: this browser stays signed out, and tries again next time.
    forget({ tell: false });
    return current;
  }
  try {
    const me = await api.get('/session');
    remember(me, { tell: false });
  } catch (e) {
    if (e.status !== 401) throw e;
    forget({ tell: false });
  }
  return current;
}

export function remember(signedIn, { tell = true } = {}) {
  const changed = current?.id !== signedIn.account?.id;
  current = signedIn.account;
  api.setCsrfToken(signedIn.csrfToken);
  // A session the server has just given: it replaced any cookie a sign-out could not end.
  setSignOutPending(false);
  document.dispatchEvent(new CustomEvent('circle:session', { detail: current }));
  if (tell && changed) announce('signed-in');
}

function forget({ tell }) {
  const was = current;
  current = null;
  api.setCsrfToken(null);
  if (was) document.dispatchEvent(new CustomEvent('circle:session', { detail: null }));
  if (tell) announce('signed-out');
}

export async function signIn(email, password) {
  remember(await api.post('/session', { email, password }));
  return current;
}

export async function signOut() {
  setSignOutPending(true);
  try {
    await Promise.race([api.del('/session'), new Promise((_, fail) => {
      setTimeout(() => fail(new api.ApiError(0, 'No connection', 'Could not reach Circle.')), SIGN_OUT_WAIT_MS);
    })]);
    setSignOutPending(false);
  } finally {
    // Even if the server could not be reached, this browser's tabs stop acting as this person.
    forget({ tell: true });
  }
}

/** Ends on the server a session this browser signed out of while it could not reach it; true once ended. */
async function finishSignOut() {
  try {
    const me = await api.get('/session');
    // Its CSRF token lets the sign-out through.
    api.setCsrfToken(me.csrfToken);
    await api.del('/session');
  } catch (e) {
    if (e.status !== 401) return false;
  }
  api.setCsrfToken(null);
  setSignOutPending(false);
  return true;
}

function signOutPending() {
  try {
    return localStorage.getItem(SIGNING_OUT) !== null;
  } catch {
    return false;
  }
}

function setSignOutPending(pending) {
  try {
    if (pending) localStorage.setItem(SIGNING_OUT, String(Date.now()));
    else localStorage.removeItem(SIGNING_OUT);
  } catch {
    // storage disabled: a sign-out that cannot reach the server is then only as good as the page
  }
}

/** After deleting the account: the server has ended the session already. */
export function signedOutHere() {
  forget({ tell: true });
}

function announce(kind) {
  const message = { kind, at: Date.now() };
  channel?.postMessage(message);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(message));
  } catch {
    // storage disabled: the channel alone tells the other tabs
  }
}

/**
 * Another tab signed out: stop here too, at once (the board stops sending, the page shows
 * sign-in). Another tab signed in: read who it is.
 */
async function heard(message) {
  if (!message || typeof message.kind !== 'string') return;
  if (message.kind === 'signed-out' && current) {
    forget({ tell: false });
    document.dispatchEvent(new CustomEvent('circle:signed-out-elsewhere'));
  } else if (message.kind === 'signed-in') {
    const before = current?.id;
    await load().catch(() => null);
    if (current?.id !== before) document.dispatchEvent(new CustomEvent('circle:signed-in-elsewhere'));
  }
}

let lastHeard = 0;
function once(message) {
  // Both the channel and the storage event may deliver the same news.
  if (!message || message.at === lastHeard) return;
  lastHeard = message.at;
  heard(message);
}

channel?.addEventListener('message', (e) => once(e.data));
window.addEventListener('storage', (e) => {
  if (e.key !== STORAGE_KEY || !e.newValue) return;
  try {
    once(JSON.parse(e.newValue));
  } catch {
    // not ours
  }
});
