// An in-memory stand-in for the `idb` package (happy-dom has no IndexedDB), with the calls this app
// makes. Databases are created through their own upgrade() callback, so key paths are the real ones.
// Use: vi.mock('idb', () => import('<path>/test/fake-idb.js')); reset between tests with resetDatabases().

const databases = new Map();
let nextWriteFails = null;

function objectStore(store) {
  return {
    get: async (key) => structuredClone(store.rows.get(key)),
    getAll: async () => [...store.rows.values()].map((row) => structuredClone(row)),
    put: async (value, key) => {
      if (nextWriteFails) {
        const error = nextWriteFails;
        nextWriteFails = null;
        throw error;
      }
      store.rows.set(store.keyPath ? value[store.keyPath] : key, structuredClone(value));
    },
    delete: async (key) => {
      store.rows.delete(key);
    },
    clear: async () => store.rows.clear(),
  };
}

function connection(db) {
  const store = (name) => {
    if (!db.stores.has(name)) throw new DOMException(`no object store ${name}`, 'NotFoundError');
    return objectStore(db.stores.get(name));
  };
  return {
    get: (name, key) => store(name).get(key),
    getAll: (name) => store(name).getAll(),
    put: (name, value, key) => store(name).put(value, key),
    delete: (name, key) => store(name).delete(key),
    clear: (name) => store(name).clear(),
    getAllFromIndex: async (name, index, value) => (await store(name).getAll()).filter((row) => row[index] === value),
    transaction: (names) => ({
      store: store(Array.isArray(names) ? names[0] : names),
      objectStore: store,
      done: Promise.resolve(),
    }),
    close() {},
  };
}

export async function openDB(name, version, { upgrade } = {}) {
  let db = databases.get(name);
  if (!db) {
    db = { stores: new Map() };
    databases.set(name, db);
    upgrade?.({
      createObjectStore(storeName, { keyPath = null } = {}) {
        db.stores.set(storeName, { keyPath, rows: new Map() });
        return { createIndex() {} };
      },
    });
  }
  return connection(db);
}

/** The rows of a store, as kept (for assertions). */
export function rowsOf(name, storeName) {
  return [...(databases.get(name)?.stores.get(storeName)?.rows.values() || [])];
}

/** The next write throws `error` (a full disk, a private mode that refuses storage). */
export function failNextWrite(error) {
  nextWriteFails = error;
}

/** Empties every store of every database (call between tests; open connections stay usable). */
export function resetDatabases() {
  nextWriteFails = null;
  for (const db of databases.values()) for (const store of db.stores.values()) store.rows.clear();
}
