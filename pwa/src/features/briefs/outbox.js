// Briefs kept on this device: drafts as they are typed, and submissions the server has not yet
// acknowledged (the outbox). Used by the page and by the service worker, so no DOM here.
//
// A submission gets its Idempotency-Key when it is queued, before the first attempt, and keeps it on
// every retry (page, `online`, app start, Background Sync): the server registers it once, whoever
// sends it and however often. Entries belong to the account that wrote them and are only ever shown
// to or sent for that account. They survive an expired session (sent after the citizen signs in
// again) and are deleted only when sent, discarded, or at an explicit sign-out after a warning.

import { CSRF_HEADER } from '../../api/csrf.js';
import { lazyDatabase } from '../../lib/idb-connection.js';
import { briefPath } from './paths.js';

export const DATABASE = 'hamrah-briefs';
export const SYNC_TAG = 'brief-outbox';
export const CHANNEL = 'hamrah-briefs';
const DRAFTS = 'drafts';
const OUTBOX = 'outbox';

// Queued: waiting to be sent. Sending: an attempt is under way. Failed: the server refused it for
// good (bad file, closed case…): kept so the citizen sees why and can fix or discard it.
export const QUEUED = 'queued';
export const SENDING = 'sending';
export const FAILED = 'failed';

// An attempt older than this is presumed dead (a tab closed mid-upload) and may be made again.
const SENDING_STALE_MS = 2 * 60 * 1000;

const connection = lazyDatabase(DATABASE, 1, (db) => {
  db.createObjectStore(DRAFTS, { keyPath: 'id' });
  db.createObjectStore(OUTBOX, { keyPath: 'key' }).createIndex('account', 'account');
});
const database = connection.open;

/** Tells every page and the service worker that the outbox changed. */
export function announce(detail = {}) {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ type: 'outbox-changed', ...detail });
  channel.close();
}

/** Calls `listener(message)` when the outbox changes in any tab or the worker; returns the unsubscribe. */
export function onOutboxChange(listener) {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event) => listener(event.data);
  return () => channel.close();
}

// -- drafts ------------------------------------------------------------------------------------

function draftId(account, caseId) {
  if (!account) throw new Error('an account is needed to keep a draft');
  return `${account} ${caseId}`;
}

/** Keeps what is being written for a case: text and attachments ({name, type, blob}). */
export async function saveDraft(account, caseId, { text, files }) {
  const db = await database();
  await db.put(DRAFTS, { id: draftId(account, caseId), account, caseId, text, files, savedAt: Date.now() });
}

export async function loadDraft(account, caseId) {
  if (!account) return null;
  const db = await database();
  return (await db.get(DRAFTS, draftId(account, caseId))) || null;
}

export async function deleteDraft(account, caseId) {
  const db = await database();
  await db.delete(DRAFTS, draftId(account, caseId));
}

// -- the outbox --------------------------------------------------------------------------------

/** A new Idempotency-Key (a UUID v4). */
export function newKey() {
  return crypto.randomUUID();
}

/**
 * Queues a submission; the entry is safe on the device before the first byte is sent.
 * entry: {key, account, caseId, caseNumber, text, files: [{name, type, blob}], csrfToken}
 */
export async function enqueue(entry) {
  const db = await database();
  const record = { state: QUEUED, attempts: 0, createdAt: Date.now(), problem: null, ...entry };
  await db.put(OUTBOX, record);
  announce({ key: record.key });
  return record;
}

export async function getEntry(key) {
  const db = await database();
  return (await db.get(OUTBOX, key)) || null;
}

/** The account's entries, oldest first. */
export async function outboxEntries(account) {
  if (!account) return [];
  const db = await database();
  const entries = await db.getAllFromIndex(OUTBOX, 'account', account);
  return entries.sort((a, b) => a.createdAt - b.createdAt);
}

export async function updateEntry(key, changes) {
  const db = await database();
  const tx = db.transaction(OUTBOX, 'readwrite');
  const entry = await tx.store.get(key);
  if (entry) await tx.store.put({ ...entry, ...changes });
  await tx.done;
  announce({ key });
  return entry ? { ...entry, ...changes } : null;
}

export async function removeEntry(key) {
  const db = await database();
  await db.delete(OUTBOX, key);
  announce({ key });
}

/** How many of the account's briefs still wait on this device (failed ones included). */
export async function unsentCount(account) {
  return (await outboxEntries(account)).length;
}

/** Deletes every draft and queued brief on this device (explicit sign-out, after a warning). */
export async function clearBriefsOnDevice() {
  const db = await database();
  const tx = db.transaction([DRAFTS, OUTBOX], 'readwrite');
  await Promise.all([tx.objectStore(DRAFTS).clear(), tx.objectStore(OUTBOX).clear(), tx.done]);
  announce();
}

// -- sending -----------------------------------------------------------------------------------

/** The multipart body of a submission: `text`, then each attachment as `files`, in order. */
export function briefForm(entry) {
  const form = new FormData();
  form.append('text', entry.text);
  for (const file of entry.files || []) {
    form.append('files', new File([file.blob], file.name, { type: file.type || file.blob.type }), file.name);
  }
  return form;
}

/**
 * What an answer means for a queued brief:
 * 'sent' (2xx), 'failed' (refused for good: fix or discard), 'signed-out' (401: wait for sign-in),
 * 'later' (network, 5xx, 408, 429, a stale CSRF token: try again later).
 */
export function outcomeOf(status, problem) {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 401) return 'signed-out';
  if (status === 403 && String(problem?.code || '').startsWith('csrf')) return 'later'; // token rotated: next time
  if (status === 408 || status === 425 || status === 429 || status >= 500 || status === 0) return 'later';
  return 'failed';
}

/** One attempt with fetch (background replay); resolves to {status, body}; rejects only when offline. */
export async function sendWithFetch(entry, { csrfToken, language = 'fa', fetchImpl = fetch } = {}) {
  const headers = { 'Idempotency-Key': entry.key, Accept: 'application/json', 'Accept-Language': language };
  const token = csrfToken || entry.csrfToken;
  if (token) headers[CSRF_HEADER] = token;
  const response = await fetchImpl(briefPath(entry.caseId), {
    method: 'POST',
    body: briefForm(entry),
    headers,
    credentials: 'same-origin',
  });
  let body = null;
  try {
    body = await response.json();
  } catch {
    // an error page that is not JSON: the status says enough
  }
  return { status: response.status, body };
}

function isDue(entry, now) {
  if (entry.state === FAILED) return false;
  return entry.state !== SENDING || now - (entry.sendingSince || 0) > SENDING_STALE_MS;
}

/**
 * Sends every due brief of `account`, oldest first, with `send(entry)` → {status, body}.
 * Stops at the first one that cannot go now (offline, server trouble, signed out), so order is kept.
 * Resolves to {sent: [{key, receipt}], failed: [key], stopped: null | 'offline' | 'signed-out' | 'later'}.
 */
export async function replayOutbox(account, send, { now = Date.now() } = {}) {
  const result = { sent: [], failed: [], stopped: null };
  for (const entry of await outboxEntries(account)) {
    if (!isDue(entry, now)) continue;
    await updateEntry(entry.key, { state: SENDING, sendingSince: Date.now(), attempts: (entry.attempts || 0) + 1 });
    let answer;
    try {
      answer = await send(entry);
    } catch {
      await updateEntry(entry.key, { state: QUEUED, sendingSince: null });
      result.stopped = 'offline';
      break;
    }
    const outcome = outcomeOf(answer.status, answer.body);
    if (outcome === 'sent') {
      await removeEntry(entry.key);
      announce({ key: entry.key, receipt: answer.body });
      result.sent.push({ key: entry.key, receipt: answer.body });
    } else if (outcome === 'failed') {
      await updateEntry(entry.key, { state: FAILED, sendingSince: null, problem: answer.body || { status: answer.status } });
      result.failed.push(entry.key);
    } else {
      await updateEntry(entry.key, { state: QUEUED, sendingSince: null });
      result.stopped = outcome;
      break;
    }
  }
  return result;
}

/** Asks the server who is signed in; the account id, or null (signed out). Rejects when offline. */
export async function currentAccount(fetchImpl = fetch) {
  const response = await fetchImpl('/api/v1/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`GET /api/v1/me answered ${response.status}`);
  const me = await response.json();
  return typeof me?.account === 'string' ? me.account : null;
}
