// The citizen's own API answers kept on this device, so their cases stay readable offline.
// Each answer is stored under the citizen's opaque account id (from GET /api/v1/me) and the path, so
// one person's copy is never read for another on a shared device; sign-out deletes the whole database.

import { lazyDatabase } from './idb-connection.js';
import { PERSONAL_PREFIX, registerPersonalStore, trackPersonalDatabase } from './personal-data.js';

export const DATABASE = `${PERSONAL_PREFIX}-responses`;
const STORE = 'responses';

const connection = lazyDatabase(DATABASE, 1, (db) => {
  db.createObjectStore(STORE);
});

function database() {
  if (!connection.opened()) trackPersonalDatabase(DATABASE);
  return connection.open();
}

function keyOf(account, path) {
  if (!account) throw new Error('an account is needed to keep personal data');
  return `${account} ${path}`;
}

/** Keeps `body`, the answer to GET `path`, for `account`. */
export async function keepResponse(account, path, body) {
  const db = await database();
  await db.put(STORE, { body, kept_at: Date.now() }, keyOf(account, path));
}

/** The answer to GET `path` last kept for `account`, or null. */
export async function keptResponse(account, path) {
  if (!account) return null;
  const db = await database();
  const record = await db.get(STORE, keyOf(account, path));
  return record ? record.body : null;
}

// At sign-out: empty the store and let go of the connection so the database can be deleted.
registerPersonalStore('kept-responses', async () => {
  const opened = connection.opened();
  if (!opened) return;
  const db = await opened;
  await db.clear(STORE);
  connection.close();
});
