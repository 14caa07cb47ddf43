// The offices API's paths, shared by the page (data.js) and the service worker (worker.js): no imports,
// so the worker can take them without the page's code.

export const OFFICES_PATH = '/api/v1/offices';
export const NEAREST_PATH = '/api/v1/offices/nearest';
export const CATALOG_PATH = '/api/v1/catalog';
/** Every active office, compact, for offline use (cached by the service worker). */
export const BUNDLE_PATH = '/api/v1/offices/bundle';

export function officePath(code) {
  return `${OFFICES_PATH}/${encodeURIComponent(code)}`;
}
