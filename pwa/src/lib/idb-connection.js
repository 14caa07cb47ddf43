// One lazily opened IndexedDB connection per database, shared by every caller in this context.
// When another tab or the service worker needs the database (a version upgrade, or deletion at
// sign-out), the connection is let go so that it is not blocked; the next call opens it again.

import { openDB } from 'idb';

/**
 * `open()` resolves to the connection, opening it on first use; `close()` lets it go;
 * `opened()` is the connection if one is open or opening, else null (nothing is opened for it).
 */
export function lazyDatabase(name, version, upgrade) {
  let opening = null;

  function close() {
    const current = opening;
    opening = null;
    if (current) current.then((db) => db.close(), () => {});
  }

  function open() {
    if (!opening) {
      opening = openDB(name, version, {
        upgrade,
        blocking: close,
        terminated() {
          opening = null;
        },
      }).catch((error) => {
        opening = null;
        throw error;
      });
    }
    return opening;
  }

  return { open, close, opened: () => opening };
}
