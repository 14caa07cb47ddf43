// Everything personal the app keeps in this browser, and clearing all of it at sign-out.
//
// By convention, personal data lives only in
//   - IndexedDB databases and Cache Storage caches named "hamrah-personal…" (PERSONAL_PREFIX),
//   - localStorage / sessionStorage keys starting with "hamrah.personal." (PERSONAL_KEY_PREFIX),
// so clearPersonalData() finds and deletes it even when the module that wrote it hasn't been loaded on
// this page. A module that keeps personal data anywhere else (or needs to close a connection first)
// registers how to clear it: registerPersonalStore(name, clear), and is told why (see below).

export const PERSONAL_PREFIX = 'hamrah-personal';
export const PERSONAL_KEY_PREFIX = 'hamrah.personal.';

// Names of the personal IndexedDB databases ever opened here, for browsers without indexedDB.databases().
const DATABASES_KEY = `${PERSONAL_KEY_PREFIX}databases`;
const DELETE_TIMEOUT_MS = 5000;

const stores = new Map();

/**
 * `clear(reason)` (may be async) is called by clearPersonalData(), before the conventional places are
 * swept; `reason` says why: 'sign-out' (the citizen signed out), 'session-ended' (the session expired),
 * 'account-changed' (someone else signed in on this device).
 * Registering a name again replaces its function; the returned function unregisters it.
 */
export function registerPersonalStore(name, clear) {
  stores.set(name, clear);
  return () => {
    if (stores.get(name) === clear) stores.delete(name);
  };
}

/** Note that a personal IndexedDB database exists (its name must start with PERSONAL_PREFIX). */
export function trackPersonalDatabase(name) {
  if (!name.startsWith(PERSONAL_PREFIX)) throw new Error(`a personal database must be named ${PERSONAL_PREFIX}…`);
  try {
    const names = new Set(JSON.parse(localStorage.getItem(DATABASES_KEY) || '[]'));
    if (names.has(name)) return;
    names.add(name);
    localStorage.setItem(DATABASES_KEY, JSON.stringify([...names]));
  } catch {
    // storage blocked: indexedDB.databases() still finds it where supported
  }
}

function trackedDatabases() {
  try {
    const names = JSON.parse(localStorage.getItem(DATABASES_KEY) || '[]');
    return Array.isArray(names) ? names.filter((n) => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

async function personalDatabases() {
  const names = new Set(trackedDatabases());
  if (typeof indexedDB !== 'undefined' && typeof indexedDB.databases === 'function') {
    try {
      for (const { name } of await indexedDB.databases()) if (name) names.add(name);
    } catch {
      // not allowed here (some private modes): the tracked names will do
    }
  }
  return [...names].filter((name) => name.startsWith(PERSONAL_PREFIX));
}

function deleteDatabase(name) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`deleting ${name} is blocked`)), DELETE_TIMEOUT_MS);
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => {
      clearTimeout(timer);
      resolve();
    };
    request.onerror = () => {
      clearTimeout(timer);
      reject(request.error);
    };
    // onblocked: another tab still has it open; it closes on versionchange, then onsuccess fires
  });
}

function clearStorage(storage) {
  if (!storage) return;
  for (let index = storage.length - 1; index >= 0; index -= 1) {
    const key = storage.key(index);
    if (key && key.startsWith(PERSONAL_KEY_PREFIX)) storage.removeItem(key);
  }
}

function webStorage(name) {
  try {
    return globalThis[name];
  } catch {
    return null; // access throws where storage is blocked
  }
}

/**
 * Deletes every personal thing kept in this browser: the registered stores, then the personal
 * caches, IndexedDB databases and storage keys. Resolves to {failed: [what could not be cleared]}.
 */
export async function clearPersonalData({ reason = 'sign-out' } = {}) {
  const failed = [];
  for (const [name, clear] of stores) {
    try {
      await clear(reason);
    } catch (error) {
      console.error(`[personal-data] could not clear ${name}`, error);
      failed.push(name);
    }
  }
  if (typeof caches !== 'undefined') {
    try {
      for (const name of await caches.keys()) {
        if (name.startsWith(PERSONAL_PREFIX)) await caches.delete(name);
      }
    } catch (error) {
      console.error('[personal-data] could not clear the caches', error);
      failed.push('caches');
    }
  }
  const undeleted = [];
  if (typeof indexedDB !== 'undefined') {
    for (const name of await personalDatabases()) {
      try {
        await deleteDatabase(name);
      } catch (error) {
        console.error(`[personal-data] could not delete ${name}`, error);
        undeleted.push(name);
      }
    }
  }
  for (const name of ['localStorage', 'sessionStorage']) {
    try {
      clearStorage(webStorage(name));
    } catch (error) {
      console.error(`[personal-data] could not clear ${name}`, error);
      failed.push(name);
    }
  }
  for (const name of undeleted) trackPersonalDatabase(name); // so the next attempt still finds it
  return { failed: [...failed, ...undeleted] };
}
