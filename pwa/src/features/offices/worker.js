// The office registry for offline use: GET /api/v1/offices/bundle is public data, so it is cached —
// network first (a fresh copy whenever the server answers), the cached copy when it does not.

import { registerRoute } from 'workbox-routing';
import { BUNDLE_PATH } from './paths.js';

export const OFFICES_CACHE = 'offices-bundle-v1';

async function networkFirst(request) {
  const cache = await caches.open(OFFICES_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(BUNDLE_PATH, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(BUNDLE_PATH);
    if (cached) return cached;
    throw error;
  }
}

export function registerOfficesBundle() {
  registerRoute(
    ({ url, request }) => request.method === 'GET' && url.origin === self.location.origin && url.pathname === BUNDLE_PATH,
    ({ request }) => networkFirst(request),
  );
}
