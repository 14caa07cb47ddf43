// Hook: what the finder prepares when it opens — the cities per province for the picker, and, when the
// phone is idle, the registry kept on this device so the finder also works offline.

import { useEffect, useState } from 'preact/hooks';
import { citiesByProvince, keepOfflineCopy } from './data.js';

function whenIdle(callback) {
  if (typeof requestIdleCallback === 'function') return requestIdleCallback(callback, { timeout: 3000 });
  return setTimeout(callback, 500);
}

function cancelIdle(handle) {
  if (typeof cancelIdleCallback === 'function') cancelIdleCallback(handle);
  else clearTimeout(handle);
}

/** {cities: null (loading) | {provinceCode: [city…]}, offlineReady: null | {updatedAt, count, kept}}. */
export function useRegistry() {
  const [cities, setCities] = useState(null);
  const [offlineReady, setOfflineReady] = useState(null);

  useEffect(() => {
    let live = true;
    citiesByProvince().then(
      (found) => live && setCities(found),
      () => live && setCities({}),
    );
    const idle = whenIdle(() =>
      keepOfflineCopy().then(
        (copy) => live && copy.kept && setOfflineReady(copy),
        () => {}, // offline with nothing kept yet: the server answers when it can
      ),
    );
    return () => {
      live = false;
      cancelIdle(idle);
    };
  }, []);

  return { cities, offlineReady };
}
