// Background Sync for briefs (Chromium): when the connection returns, the worker sends what waits in the
// outbox on this device — each brief with its own Idempotency-Key, so a brief the page is also sending
// is still registered once. Elsewhere the page sends on `online` and at app start (replay.js).

import { workerCsrfToken } from '../../api/csrf.js';
import { SYNC_TAG, currentAccount, replayOutbox, sendWithFetch } from './outbox.js';

/** Sends the signed-in citizen's waiting briefs; rejects when they must wait, so the browser tries again. */
export async function replayFromWorker() {
  const account = await currentAccount(); // offline: rejects, and the sync is retried later
  if (!account) return; // signed out: the page sends them after the next sign-in
  const token = await workerCsrfToken();
  const result = await replayOutbox(account, (entry) => sendWithFetch(entry, { csrfToken: token }));
  if (result.stopped === 'offline' || result.stopped === 'later') throw new Error('briefs still waiting');
}

export function registerBriefSync() {
  self.addEventListener('sync', (event) => {
    if (event.tag === SYNC_TAG) event.waitUntil(replayFromWorker());
  });
}
