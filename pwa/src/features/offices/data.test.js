// The server answers when it can; when it can't, the registry kept on the device does, marked as such.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fixture from '../../../../tests/fixtures/office_queries.json';

function json(body, { status = 200, headers = {} } = {}) {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } });
}

let fetchMock;
let data;
beforeEach(async () => {
  vi.resetModules(); // each test starts without a decoded bundle in memory
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
  localStorage.clear();
  data = await import('./data.js');
});
afterEach(() => vi.unstubAllGlobals());

function route(handlers) {
  fetchMock.mockImplementation(async (url) => {
    const path = new URL(url, 'http://local.test').pathname;
    const handler = handlers[path];
    if (!handler) throw new TypeError('Failed to fetch');
    return handler(url);
  });
}

describe('nearest offices', () => {
  it('asks the server with the filters, and says the answer is not offline', async () => {
    route({ '/api/v1/offices/nearest': () => json([{ code: '1' }]) });
    const found = await data.nearestOffices({ lat: 32.65, lon: 51.67, kinds: ['independent'], services: ['brief'], openNow: true });
    expect(found).toEqual({ items: [{ code: '1' }], offline: null });
    const url = new URL(fetchMock.mock.calls[0][0], 'http://local.test');
    expect(url.searchParams.getAll('kind')).toEqual(['independent']);
    expect(url.searchParams.getAll('service')).toEqual(['brief']);
    expect(url.searchParams.get('open_now')).toBe('true');
    expect(url.searchParams.get('limit')).toBe('10');
  });

  it('answers from the bundle when the network is down, with the date of the data', async () => {
    route({ '/api/v1/offices/bundle': () => json(fixture.bundle) });
    fetchMock.mockImplementationOnce(async () => {
      throw new TypeError('Failed to fetch');
    });
    const found = await data.nearestOffices({ lat: 32.6525, lon: 51.6746, limit: 3 });
    expect(found.offline).toEqual({ updatedAt: fixture.bundle.updated_at });
    expect(found.items).toHaveLength(3);
    expect(found.items[0].distance_km).toBeLessThan(found.items[2].distance_km);
  });

  it('answers from the bundle when the server fails (5xx)', async () => {
    route({
      '/api/v1/offices/nearest': () => json({ title: 'down', status: 503 }, { status: 503 }),
      '/api/v1/offices/bundle': () => json(fixture.bundle),
    });
    const found = await data.nearestOffices({ lat: 33.48, lon: 48.35, limit: 2 });
    expect(found.offline).not.toBeNull();
    expect(found.items.map((o) => o.city)).toEqual(['خرم‌آباد', 'خرم‌آباد']);
  });

  it('does not hide a bad request behind offline data', async () => {
    route({ '/api/v1/offices/nearest': () => json({ title: 'invalid', status: 422, errors: { lat: ['x'] } }, { status: 422 }) });
    await expect(data.nearestOffices({ lat: 91, lon: 0 })).rejects.toMatchObject({ status: 422 });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('reports the original failure when nothing is kept on the device', async () => {
    route({});
    await expect(data.nearestOffices({ lat: 32, lon: 51 })).rejects.toMatchObject({ name: 'OfflineError' });
  });
});

describe('search', () => {
  it('reads the X-Pagination header of the server', async () => {
    route({
      '/api/v1/offices': () => json([{ code: 'a' }], { headers: { 'X-Pagination': '{"total": 41, "last_page": 3, "page": 2}' } }),
    });
    const found = await data.searchOffices({ q: 'اصفهان', page: 2 });
    expect(found).toEqual({ items: [{ code: 'a' }], total: 41, page: 2, lastPage: 3, offline: null });
    const url = new URL(fetchMock.mock.calls[0][0], 'http://local.test');
    expect(url.searchParams.get('q')).toBe('اصفهان');
    expect(url.searchParams.get('page_size')).toBe('20');
  });

  it('pages the device answer the same way offline', async () => {
    route({ '/api/v1/offices/bundle': () => json(fixture.bundle) });
    const first = await data.searchOffices({ province: 'qom', pageSize: 10 });
    const second = await data.searchOffices({ province: 'qom', page: 3, pageSize: 10 });
    expect(first.total).toBe(24);
    expect(first.lastPage).toBe(3);
    expect(first.items).toHaveLength(10);
    expect(second.items).toHaveLength(4);
    expect(second.offline.updatedAt).toBe(fixture.bundle.updated_at);
  });
});

describe('one office', () => {
  it('finds an office in the bundle offline, and a 404 for an unknown code', async () => {
    route({ '/api/v1/offices/bundle': () => json(fixture.bundle) });
    const code = fixture.search[0].expected[0];
    const found = await data.getOffice(code);
    expect(found.office.code).toBe(code);
    expect(found.office.hours.sat).toBeDefined();
    await expect(data.getOffice('00000000')).rejects.toMatchObject({ status: 404 });
  });
});

describe('recent cities', () => {
  it('keeps the last five, newest first, without repeats', () => {
    for (const city of ['a', 'b', 'c', 'd', 'e', 'f', 'b']) data.rememberCity('tehran', city);
    expect(data.recentCities().map((c) => c.city)).toEqual(['b', 'f', 'e', 'd', 'c']);
  });
});

describe('directions', () => {
  it('links to Neshan, Balad, Google Maps and the geo: scheme with the coordinates', () => {
    const links = data.directionLinks({ lat: 32.6552, lon: 51.67116, name: 'دفتر (نمونه)' });
    expect(links.google).toBe('https://www.google.com/maps/dir/?api=1&destination=32.6552,51.67116');
    expect(links.balad).toContain('latitude=32.6552&longitude=51.67116');
    expect(links.neshan).toContain('32.6552,51.67116');
    expect(links.geo).toBe('geo:32.6552,51.67116?q=32.6552,51.67116(%D8%AF%D9%81%D8%AA%D8%B1%20(%D9%86%D9%85%D9%88%D9%86%D9%87))');
  });
});
