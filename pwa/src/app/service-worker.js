// Registers the service worker (/sw.js, scope "/") and tells the shell when a new version waits.
// A new worker never takes over by itself: applyUpdate() asks it to (SKIP_WAITING), then we reload.

import { useEffect, useState } from 'preact/hooks';

const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

let workbox = null;
let updateReady = false;
let reloadRequested = false;
let lastUpdateCheck = Date.now();
const listeners = new Set();

function setUpdateReady(value) {
  updateReady = value;
  for (const listener of listeners) listener(value);
}

/** Starts the registration; call once after the page has loaded (production builds only). */
export async function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || workbox) return;
  // workbox-window stays out of the first load: nothing needs it before the page is up.
  const { Workbox } = await import('workbox-window');
  workbox = new Workbox('/sw.js', { scope: '/' });

  // A new worker installed and waits (also when it was already waiting from an earlier visit).
  workbox.addEventListener('waiting', () => setUpdateReady(true));

  // The new worker controls the page: reload so page and worker run the same version. Also when
  // the update was accepted in another tab, since the old version's files are gone from the cache.
  // The very first install (clients.claim, not an update) does not reload.
  workbox.addEventListener('controlling', (event) => {
    if (reloadRequested || event.isUpdate) window.location.reload();
  });

  await workbox.register();

  // A tab left open for days should still learn about new versions.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible') return;
    if (Date.now() - lastUpdateCheck < UPDATE_CHECK_INTERVAL_MS) return;
    lastUpdateCheck = Date.now();
    workbox.update().catch(() => {}); // offline: try again next time
  });
}

/** The user agreed: let the waiting worker take over; the page reloads when it controls. */
export function applyUpdate() {
  if (!workbox) return;
  reloadRequested = true;
  workbox.messageSkipWaiting(); // posts {type: 'SKIP_WAITING'} to the waiting worker
}

/** "Later": hide the prompt; the new version starts on the next visit after all tabs close. */
export function dismissUpdate() {
  setUpdateReady(false);
}

/** Hook: whether a new version is waiting for the user's consent. */
export function useUpdateReady() {
  const [ready, setReady] = useState(updateReady);
  useEffect(() => {
    setReady(updateReady);
    listeners.add(setReady);
    return () => listeners.delete(setReady);
  }, []);
  return ready;
}
