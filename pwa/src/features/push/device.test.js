import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json } from '../../test/render.jsx';
import {
  disablePush,
  enablePush,
  fromBase64url,
  madeForKey,
  pushSupport,
  rememberedDevice,
  syncPushOnStart,
  toBase64url,
} from './device.js';

const KEY = 'BAECAwQFBgcICQ'; // a short stand-in for the server's applicationServerKey
const ANDROID = 'Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile Safari/537.36';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Version/17.4 Safari/604.1';

function fakeSubscription(endpoint, key = KEY) {
  return {
    endpoint,
    options: { applicationServerKey: fromBase64url(key).buffer },
    toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh: 'p256', auth: 'auth' } }),
    unsubscribe: vi.fn(async () => true),
  };
}

function fakeBrowser({ granted = 'granted', current = null, answer = granted } = {}) {
  let subscription = current;
  const pushManager = {
    getSubscription: vi.fn(async () => subscription),
    subscribe: vi.fn(async ({ applicationServerKey }) => {
      subscription = fakeSubscription(`https://push.example/${pushManager.subscribe.mock.calls.length}`,
        toBase64url(applicationServerKey));
      return subscription;
    }),
  };
  const requestPermission = vi.fn(async () => answer);
  vi.stubGlobal('Notification', { permission: granted, requestPermission });
  vi.stubGlobal('PushManager', function PushManager() {});
  vi.stubGlobal('navigator', {
    ...navigator,
    userAgent: ANDROID,
    serviceWorker: { ready: Promise.resolve({ pushManager }) },
  });
  return { pushManager, requestPermission };
}

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

describe('this device and Web Push', () => {
  it('on iOS outside the home screen, pushes need the app added to the home screen first', () => {
    const matchMedia = (standalone) => () => ({ matches: standalone });
    const iphone = { navigator: { userAgent: IPHONE, serviceWorker: {} }, matchMedia: matchMedia(false) };
    expect(pushSupport(iphone)).toBe('ios-home-screen');
    const installed = { ...iphone, matchMedia: matchMedia(true), PushManager: {}, Notification: {} };
    expect(pushSupport(installed)).toBe('supported');
    expect(pushSupport({ navigator: { userAgent: ANDROID }, matchMedia: matchMedia(false) })).toBe('unsupported');
  });

  it('base64url keys round-trip, and a subscription is checked against the server key', () => {
    const bytes = new Uint8Array([251, 255, 0, 62, 63]);
    expect(toBase64url(fromBase64url(toBase64url(bytes)))).toBe(toBase64url(bytes));
    expect(madeForKey(fakeSubscription('x'), KEY)).toBe(true);
    expect(madeForKey(fakeSubscription('x', 'AAAA'), KEY)).toBe(false);
  });

  it('permission refused: nothing is subscribed or sent', async () => {
    const { pushManager } = fakeBrowser({ granted: 'default', answer: 'denied' });
    const fetchMock = fakeServer({});
    expect(await enablePush()).toEqual({ permission: 'denied', device: null });
    expect(pushManager.subscribe).not.toHaveBeenCalled();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('permission granted: subscribes with the server key and registers this device', async () => {
    const { pushManager, requestPermission } = fakeBrowser({ granted: 'default', answer: 'granted' });
    const posted = [];
    fakeServer({
      '/api/v1/push/key': { public_key: KEY, key_id: 'k1' },
      '/api/v1/push/subscriptions': (init) => {
        posted.push(JSON.parse(init.body));
        return json({ id: 42, label: 'Chrome · Android', created_at: '2026-11-28T10:00:00Z', last_success_at: null });
      },
    });
    const result = await enablePush();
    expect(requestPermission).toHaveBeenCalledTimes(1);
    expect(result.device.id).toBe(42);
    expect(toBase64url(pushManager.subscribe.mock.calls[0][0].applicationServerKey)).toBe(KEY);
    expect(pushManager.subscribe.mock.calls[0][0].userVisibleOnly).toBe(true);
    expect(posted[0]).toMatchObject({ endpoint: 'https://push.example/1', application_server_key: KEY });
    expect(rememberedDevice()).toBe(42);
  });

  it('at start, a subscription the server retired is replaced by a fresh one', async () => {
    const old = fakeSubscription('https://push.example/old');
    const { pushManager } = fakeBrowser({ current: old });
    localStorage.setItem('hamrah.push.device', '7');
    const posted = [];
    fakeServer({
      '/api/v1/push/key': { public_key: KEY, key_id: 'k1' },
      '/api/v1/push/subscriptions': (init) => {
        const body = JSON.parse(init.body);
        posted.push(body.endpoint);
        if (body.endpoint.endsWith('/old')) {
          return json({ status: 410, title: 'منقضی', code: 'push_subscription_retired' }, 410);
        }
        return json({ id: 8, label: 'x', created_at: '2026-11-28T10:00:00Z', last_success_at: null });
      },
    });
    expect(await syncPushOnStart()).toBe('synced');
    expect(old.unsubscribe).toHaveBeenCalled();
    expect(pushManager.subscribe).toHaveBeenCalledTimes(1);
    expect(posted).toEqual(['https://push.example/old', 'https://push.example/1']);
    expect(rememberedDevice()).toBe(8);
  });

  it('at start, a subscription made for an older server key is replaced', async () => {
    const old = fakeSubscription('https://push.example/old', 'AAAA');
    const { pushManager } = fakeBrowser({ current: old });
    fakeServer({
      '/api/v1/push/key': { public_key: KEY, key_id: 'k2' },
      '/api/v1/push/subscriptions': json({ id: 9, label: 'x', created_at: '2026-11-28T10:00:00Z' }),
    });
    expect(await syncPushOnStart()).toBe('synced');
    expect(old.unsubscribe).toHaveBeenCalled();
    expect(toBase64url(pushManager.subscribe.mock.calls[0][0].applicationServerKey)).toBe(KEY);
  });

  it('at start, a device that never turned pushes on is left alone', async () => {
    const { pushManager } = fakeBrowser();
    const fetchMock = fakeServer({});
    expect(await syncPushOnStart()).toBe('none');
    expect(pushManager.subscribe).not.toHaveBeenCalled();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('turning off forgets the device at the server and in the browser', async () => {
    const current = fakeSubscription('https://push.example/mine');
    fakeBrowser({ current });
    localStorage.setItem('hamrah.push.device', '5');
    const deleted = [];
    fakeServer({
      '/api/v1/push/subscriptions': (init) => {
        deleted.push([init.method, JSON.parse(init.body).endpoint]);
        return new Response(null, { status: 204 });
      },
    });
    await disablePush();
    expect(deleted).toEqual([['DELETE', 'https://push.example/mine']]);
    expect(current.unsubscribe).toHaveBeenCalled();
    expect(rememberedDevice()).toBeNull();
  });
});
