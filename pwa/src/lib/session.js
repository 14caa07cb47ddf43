// Who is signed in (GET /api/v1/me), shared by the shell and the views; signing in and out.
//
// status: 'unknown' (no answer yet; `unreachable` when offline or the server is in trouble),
// 'signed-in' (with `me`: name, masked national code and mobile, account id), 'signed-out'.
// When the answer shows that the session ended or someone else signed in on this device, whatever
// was kept here for the previous citizen is deleted first (lib/personal-data.js).

import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, localPath, loginUrl } from '../api/client.js';
import { PERSONAL_KEY_PREFIX, clearPersonalData } from './personal-data.js';

const ACCOUNT_KEY = `${PERSONAL_KEY_PREFIX}account`;
// Where to return after signing in, kept across the trip to the identity provider and back.
const RETURN_KEY = 'hamrah.signin.next';
const SIGNIN_PATH = '/signin';

let state = { status: 'unknown', me: null };
let pending = null;
const listeners = new Set();

function publish(next) {
  state = next;
  for (const listener of listeners) listener(state);
}

/** The account id of whoever was last signed in on this device (for reading kept data offline). */
export function lastAccount() {
  try {
    return localStorage.getItem(ACCOUNT_KEY);
  } catch {
    return null;
  }
}

function rememberAccount(account) {
  try {
    localStorage.setItem(ACCOUNT_KEY, account);
  } catch {
    // storage blocked: nothing is kept offline then
  }
}

function validMe(data) {
  return Boolean(data && typeof data.name === 'string' && typeof data.account === 'string' && data.account);
}

async function settle(request) {
  try {
    const me = await request;
    if (!validMe(me)) return { status: 'unknown', me: null };
    const previous = lastAccount();
    if (previous && previous !== me.account) await clearPersonalData({ reason: 'account-changed' }); // another citizen
    rememberAccount(me.account);
    return { status: 'signed-in', me };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      if (lastAccount()) await clearPersonalData({ reason: 'session-ended' }); // what was kept for it goes too
      return { status: 'signed-out', me: null };
    }
    pending = null; // offline or the server in trouble: ask again next time
    return { status: 'unknown', me: null, unreachable: true };
  }
}

/** Asks the server who is signed in (once per page load unless `refresh`); resolves to the state. */
export function loadSession({ refresh = false } = {}) {
  if (!pending || refresh) {
    const request = api.get('/api/v1/me', { redirectOnUnauthorized: false, timeout: 8000 });
    pending = settle(request).then((next) => {
      publish(next);
      return next;
    });
  }
  return pending;
}

export function currentSession() {
  return state;
}

/** Hook: the session state, asking the server on first use. */
export function useSession() {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    listeners.add(setCurrent);
    setCurrent(state);
    loadSession();
    return () => listeners.delete(setCurrent);
  }, []);
  return current;
}

/** The sign-in URL that brings the citizen back to `path` (never back to the sign-in page itself). */
export function signInHref(path) {
  let next = path;
  if (!next || next === SIGNIN_PATH || next.startsWith(`${SIGNIN_PATH}?`) || next.startsWith(`${SIGNIN_PATH}/`)) {
    try {
      next = sessionStorage.getItem(RETURN_KEY) || '/';
    } catch {
      next = '/';
    }
  }
  return loginUrl(localPath(next));
}

/** Call when the citizen sets off to sign in, so a failed attempt can retry towards the same place. */
export function rememberReturn(href) {
  try {
    const next = new URL(href, window.location.origin).searchParams.get('next');
    if (next) sessionStorage.setItem(RETURN_KEY, localPath(next));
  } catch {
    // nothing remembered: a retry returns to the home page
  }
}

/**
 * Signs out: ends the server session (which revokes the tokens and deletes what the server kept),
 * deletes everything personal kept in this browser, then ends the identity provider's session
 * (its end-session URL redirects back to the app). Rejects if the server could not be reached.
 */
export async function signOut() {
  let answer;
  try {
    answer = await api.post('/auth/logout', undefined, { redirectOnUnauthorized: false });
  } finally {
    await clearPersonalData(); // even when the server is unreachable, this device forgets
  }
  pending = Promise.resolve({ status: 'signed-out', me: null });
  publish({ status: 'signed-out', me: null });
  const target = answer?.end_session_url;
  window.location.assign(typeof target === 'string' && /^https?:\/\//i.test(target) ? target : '/');
}
