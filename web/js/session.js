// Who is signed in, kept in memory only: the session itself lives in an HttpOnly cookie.
import * as api from './api.js';

let current = null;

export function account() {
  return current;
}

export async function load() {
  try {
    const me = await api.get('/session');
    remember(me);
  } catch (e) {
    if (e.status !== 401) throw e;
    current = null;
    api.setCsrfToken(null);
  }
  return current;
}

export function remember(signedIn) {
  current = signedIn.account;
  api.setCsrfToken(signedIn.csrfToken);
  document.dispatchEvent(new CustomEvent('circle:session', { detail: current }));
}

export async function signIn(email, password) {
  remember(await api.post('/session', { email, password }));
  return current;
}

export async function signOut() {
  await api.del('/session');
  current = null;
  api.setCsrfToken(null);
  document.dispatchEvent(new CustomEvent('circle:session', { detail: null }));
}
