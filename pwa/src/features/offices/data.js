// Where the offices come from: the server when it answers, else the registry kept on this device (the
// bundle, cached by the service worker), with the same answers and a note of how old they are.

import { ApiError, OfflineError, api, request } from '../../api/client.js';
import { BUNDLE_PATH, CATALOG_PATH, NEAREST_PATH, OFFICES_PATH, officePath } from './paths.js';

const RECENT_KEY = 'hamrah.offices.recent-cities';
const RECENT_MAX = 5;

let directory = null;

/** The server can't be reached (offline, timeout) or is failing: time for the device's copy. */
export function unreachable(error) {
  return error instanceof OfflineError || (error instanceof ApiError && error.status >= 500);
}

async function bundleJson() {
  try {
    return await api.get(BUNDLE_PATH, { redirectOnUnauthorized: false, timeout: 20000 });
  } catch (error) {
    // Without a controlling service worker the page can still read the worker's cache itself.
    if (!unreachable(error) || typeof caches === 'undefined') throw error;
    const cached = await caches.match(BUNDLE_PATH);
    if (!cached) throw error;
    return cached.json();
  }
}

/** The offline directory (the bundle decoded once per page load; its code is loaded on demand). */
export function offlineDirectory() {
  directory ??= Promise.all([import('./bundle.js'), bundleJson()])
    .then(([{ OfficeDirectory }, bundle]) => new OfficeDirectory(bundle))
    .catch((error) => {
      directory = null;
      throw error;
    });
  return directory;
}

function within(ms, promise) {
  return Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(false), ms))]);
}

/** The service worker keeps the bundle (worker.js); on a first visit it may not control the page
 * yet, so wait for it and fetch the bundle once more through it. True when a copy is kept. */
async function ensureKept() {
  if (typeof caches === 'undefined' || !('serviceWorker' in navigator)) return false;
  if (await caches.match(BUNDLE_PATH)) return true;
  const controlled = await within(
    30000,
    navigator.serviceWorker.ready.then(
      () =>
        navigator.serviceWorker.controller ||
        new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })),
    ),
  );
  if (!controlled) return false;
  await fetch(BUNDLE_PATH, { credentials: 'same-origin' });
  return Boolean(await caches.match(BUNDLE_PATH));
}

/** Keep the registry on this device for offline use (asking the browser not to evict it first):
 * {updatedAt, count, kept}. */
export async function keepOfflineCopy() {
  try {
    await navigator.storage?.persist?.();
  } catch {
    // not granted: the copy may be evicted under storage pressure, and is fetched again then
  }
  const offices = await offlineDirectory();
  return { updatedAt: offices.updatedAt, count: offices.offices.length, kept: await ensureKept() };
}

function filterQuery({ kinds = [], services = [], openNow = false }) {
  return { kind: kinds, service: services, ...(openNow ? { open_now: 'true' } : {}) };
}

/** The server's answer ({answer}), or this device's directory ({offices}) when the server can't be reached. */
async function fromServerOrDevice(path, query) {
  try {
    return { answer: await request(path, { query, redirectOnUnauthorized: false, timeout: 10000 }) };
  } catch (error) {
    if (!unreachable(error)) throw error;
    try {
      return { offices: await offlineDirectory() };
    } catch {
      throw error; // nothing kept on this device: the original failure is the one to show
    }
  }
}

/**
 * The nearest offices to {lat, lon} matching the filters: {items, offline} where offline is null or
 * {updatedAt} when the answer comes from this device's copy.
 */
export async function nearestOffices({ lat, lon, limit = 10, ...filters }) {
  const { answer, offices } = await fromServerOrDevice(NEAREST_PATH, { lat, lon, limit, ...filterQuery(filters) });
  if (answer) return { items: answer.data, offline: null };
  return { items: offices.nearest({ lat, lon, limit, ...filters }), offline: { updatedAt: offices.updatedAt } };
}

/** A page of offices matching text and filters: {items, total, page, lastPage, offline}. */
export async function searchOffices({ q = '', province = null, city = null, page = 1, pageSize = 20, ...filters }) {
  const query = { ...filterQuery(filters), page, page_size: pageSize };
  if (q) query.q = q;
  if (province) query.province = province;
  if (city) query.city = city;
  const { answer, offices } = await fromServerOrDevice(OFFICES_PATH, query);
  if (answer) {
    let meta = {};
    try {
      meta = JSON.parse(answer.headers.get('X-Pagination') || '{}');
    } catch {
      // no pagination header: one page
    }
    return {
      items: answer.data,
      total: meta.total ?? answer.data.length,
      page,
      lastPage: meta.last_page ?? page,
      offline: null,
    };
  }
  const all = offices.search({ q, province, city, ...filters });
  const lastPage = Math.max(1, Math.ceil(all.length / pageSize));
  return {
    items: all.slice((page - 1) * pageSize, page * pageSize),
    total: all.length,
    page,
    lastPage,
    offline: { updatedAt: offices.updatedAt },
  };
}

/** One office: {office, offline}; a 404 ApiError when the registry has no such office. */
export async function getOffice(code) {
  const { answer, offices } = await fromServerOrDevice(officePath(code));
  if (answer) return { office: answer.data, offline: null };
  const office = offices.byCode.get(code);
  if (!office) throw new ApiError({ status: 404, title: '', detail: '', problem: { code: 'office_not_found' } });
  return { office: offices.item(office, new Date()), offline: { updatedAt: offices.updatedAt } };
}

/** Cities with an office, per province code: from the server's catalog, else from the device's copy. */
export async function citiesByProvince() {
  try {
    const catalog = await api.get(CATALOG_PATH, { redirectOnUnauthorized: false, timeout: 10000 });
    return Object.fromEntries(catalog.provinces.map((p) => [p.code, p.cities]));
  } catch (error) {
    if (!unreachable(error)) throw error;
    return (await offlineDirectory()).cities();
  }
}

/** The cities picked lately on this device, newest first: [{province, city}]. */
export function recentCities() {
  try {
    const saved = JSON.parse(localStorage.getItem(RECENT_KEY) || '[]');
    return Array.isArray(saved) ? saved.filter((c) => c && typeof c.city === 'string' && typeof c.province === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberCity(province, city) {
  const next = [{ province, city }, ...recentCities().filter((c) => !(c.province === province && c.city === city))].slice(
    0,
    RECENT_MAX,
  );
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(next));
  } catch {
    // storage blocked: not remembered
  }
  return next;
}

/** Links that open the office in a map app: Neshan, Balad, Google Maps and the phone's own (geo:). */
export function directionLinks({ lat, lon, name }) {
  const point = `${lat},${lon}`;
  return {
    neshan: `https://neshan.org/maps/@${point},16z,0p`,
    balad: `https://balad.ir/location?latitude=${lat}&longitude=${lon}&zoom=16`,
    google: `https://www.google.com/maps/dir/?api=1&destination=${point}`,
    geo: `geo:${point}?q=${point}(${encodeURIComponent(name)})`,
  };
}
