// The page's side of the brief outbox: send what waits at app start, when the connection returns, and
// on demand; ask the service worker for Background Sync where the browser has it (Chromium), so a
// brief also goes after the tab is closed. Every attempt repeats the brief's own Idempotency-Key.

import { CSRF_COOKIE, readCookie } from '../../api/client.js';
import { getLanguage } from '../../i18n/index.js';
import { registerPersonalStore } from '../../lib/personal-data.js';
import { loadSession } from '../../lib/session.js';
import { SYNC_TAG, clearBriefsOnDevice, replayOutbox, sendWithFetch } from './outbox.js';

let running = null;

/**
 * Sends every due brief of whoever is signed in; resolves to replayOutbox's result (or a reason it could
 * not). `refresh` asks the server again who is signed in (after the connection returns).
 */
export function replayNow({ refresh = true } = {}) {
  if (!running) {
    running = (async () => {
      const session = await loadSession({ refresh });
      if (session.status !== 'signed-in') return { sent: [], failed: [], stopped: session.unreachable ? 'offline' : 'signed-out' };
      return replayOutbox(session.me.account, (entry) =>
        sendWithFetch(entry, { csrfToken: readCookie(CSRF_COOKIE), language: getLanguage() }),
      );
    })().finally(() => {
      running = null;
    });
  }
  return running;
}

/** Asks the service worker to send the outbox once the connection is back (where Background Sync exists). */
export async function requestBackgroundSync() {
  try {
    if (!('serviceWorker' in navigator)) return false;
    const registration = await navigator.serviceWorker.ready;
    if (!registration.sync) return false;
    await registration.sync.register(SYNC_TAG);
    return true;
  } catch {
    return false; // not allowed (private mode) or no worker yet: `online` and app start still send
  }
}

/** Asks the browser not to evict this origin's storage while briefs wait in it. */
export function keepStorage() {
  navigator.storage?.persist?.().catch(() => {});
}

// Signing out deletes the drafts and waiting briefs (the settings page warns first). An ended session
// or another citizen on the device does not: the briefs wait, and are only ever shown to or sent for
// the account that wrote them.
registerPersonalStore('briefs', async (reason) => {
  if (reason === undefined || reason === 'sign-out') await clearBriefsOnDevice();
});

let started = false;

/** At app start: send what waits, and again whenever the connection returns. */
export function startBriefReplay() {
  if (started) return;
  started = true;
  const replay = (refresh) => replayNow({ refresh }).catch((error) => console.warn('[briefs] could not send the outbox', error));
  window.addEventListener('online', () => replay(true));
  replay(false); // the shell asks who is signed in at start anyway: share that answer
}
