import { describe, expect, it, vi } from 'vitest';
import { notificationFor, openPage, readPayload, registerPush } from './worker.js';

const PAYLOAD = {
  v: 1,
  id: 7,
  type: 'hearing_changed',
  title: 'وقت رسیدگی تغییر کرد',
  body: 'زمان تازه: …',
  url: '/cases/c-1',
  tag: 'h-h-1',
  renotify: true,
  lang: 'fa',
  dir: 'rtl',
  ts: 1764000000000,
  actions: [
    { action: 'view', title: 'مشاهده', url: '/cases/c-1' },
    { action: 'directions', title: 'مسیریابی', url: 'https://www.openstreetmap.org/search?query=x' },
  ],
};

function fakeWorker({ windows = [] } = {}) {
  const listeners = {};
  const shown = [];
  const sw = {
    location: new URL('https://hamrah.example/sw.js'),
    addEventListener: (type, listener) => {
      listeners[type] = listener;
    },
    registration: { showNotification: vi.fn(async (title, options) => shown.push({ title, options })) },
    clients: {
      matchAll: vi.fn(async () => windows),
      openWindow: vi.fn(async (url) => ({ url })),
    },
    Notification: { maxActions: 2 },
  };
  return { sw, listeners, shown };
}

function windowClient(url) {
  return {
    url,
    postMessage: vi.fn(),
    focus: vi.fn(async function focus() {
      return this;
    }),
    navigate: vi.fn(async function navigate(target) {
      this.url = target;
      return this;
    }),
  };
}

function event(extra) {
  const waits = [];
  return { waitUntil: (promise) => waits.push(promise), waits, ...extra };
}

describe('the push handler', () => {
  it('reads the payload, or falls back to a generic notification (a push always shows one)', () => {
    expect(readPayload({ json: () => PAYLOAD }).title).toBe(PAYLOAD.title);
    for (const data of [null, { json: () => { throw new SyntaxError('x'); } }, { json: () => ({ body: 1 }) }]) {
      const fallback = readPayload(data);
      expect(fallback.title).toBe('همراه قضایی');
      expect(fallback.url).toBe('/notices');
    }
  });

  it('builds an RTL Persian notification with icon, badge, tag, renotify and actions', () => {
    const { title, options } = notificationFor(PAYLOAD);
    expect(title).toBe('وقت رسیدگی تغییر کرد');
    expect(options).toMatchObject({
      dir: 'rtl',
      lang: 'fa',
      tag: 'h-h-1',
      renotify: true,
      icon: '/icons/icon-192.png',
      badge: '/icons/badge-96.png',
      timestamp: PAYLOAD.ts,
    });
    expect(options.actions).toEqual([
      { action: 'view', title: 'مشاهده' },
      { action: 'directions', title: 'مسیریابی' },
    ]);
    expect(options.data.url).toBe('/cases/c-1');
    expect(options.data.targets.directions).toMatch(/^https:\/\/www\.openstreetmap\.org\//);
  });

  it('never leads a tap off the app, except a directions link to an https map', () => {
    const { options } = notificationFor({
      ...PAYLOAD,
      url: 'https://evil.example/',
      actions: [
        { action: 'view', title: 'مشاهده', url: '//evil.example/x' },
        { action: 'directions', title: 'مسیریابی', url: 'javascript:alert(1)' },
      ],
    });
    expect(options.data.url).toBe('/notices');
    expect(options.actions).toEqual([]);
  });

  it('shows the notification even when a window of the app is open, and tells that window', async () => {
    const open = windowClient('https://hamrah.example/notices');
    const { sw, listeners, shown } = fakeWorker({ windows: [open] });
    registerPush(sw);
    const push = event({ data: { json: () => PAYLOAD } });
    listeners.push(push);
    await Promise.all(push.waits);
    expect(shown).toHaveLength(1);
    expect(shown[0].options.dir).toBe('rtl');
    expect(open.postMessage).toHaveBeenCalledWith({ type: 'push', kind: 'hearing_changed', url: '/cases/c-1' });
  });

  it('a tap navigates an open window to the page, or opens one', async () => {
    const open = windowClient('https://hamrah.example/settings');
    const { sw, listeners } = fakeWorker({ windows: [open] });
    registerPush(sw);
    const close = vi.fn();
    const click = event({ notification: { close, data: notificationFor(PAYLOAD).options.data }, action: '' });
    listeners.notificationclick(click);
    await Promise.all(click.waits);
    expect(close).toHaveBeenCalled();
    expect(open.navigate).toHaveBeenCalledWith('https://hamrah.example/cases/c-1');
    expect(open.focus).toHaveBeenCalled();

    const { sw: empty } = fakeWorker();
    await openPage(empty, '/notices/n-1');
    expect(empty.clients.openWindow).toHaveBeenCalledWith('https://hamrah.example/notices/n-1');
  });

  it('the directions action opens the map in a new window', async () => {
    const { sw, listeners } = fakeWorker({ windows: [windowClient('https://hamrah.example/')] });
    registerPush(sw);
    const data = notificationFor(PAYLOAD).options.data;
    const click = event({ notification: { close: vi.fn(), data }, action: 'directions' });
    listeners.notificationclick(click);
    await Promise.all(click.waits);
    expect(sw.clients.openWindow).toHaveBeenCalledWith('https://www.openstreetmap.org/search?query=x');
  });

  it('a replaced subscription is sent to the server with the CSRF token', async () => {
    const { sw, listeners } = fakeWorker();
    registerPush(sw);
    sw.cookieStore = { get: vi.fn(async () => ({ value: 'token-1' })) };
    const fetchMock = vi.fn(async () => new Response('{}', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const fresh = {
      toJSON: () => ({ endpoint: 'https://push.example/new', keys: { p256dh: 'p', auth: 'a' } }),
      options: { applicationServerKey: new Uint8Array([1, 2, 3]).buffer },
    };
    const change = event({ newSubscription: fresh, oldSubscription: { endpoint: 'https://push.example/old' } });
    listeners.pushsubscriptionchange(change);
    await Promise.all(change.waits);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/v1/push/subscriptions');
    expect(init.method).toBe('POST');
    expect(init.headers['X-CSRF-Token']).toBe('token-1');
    expect(JSON.parse(init.body)).toMatchObject({ endpoint: 'https://push.example/new', application_server_key: 'AQID' });
    expect(fetchMock.mock.calls[1][1].method).toBe('DELETE');
  });
});
