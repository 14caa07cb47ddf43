// Push in the service worker: every push shows a notification (browsers revoke subscriptions whose
// pushes show nothing, Safari first), a tap opens the right page, and a subscription the browser
// replaced is sent to the server again.
//
// The payload (bff/push/payloads.py) carries its own text in the citizen's language:
// {v, id, type, title, body, url, tag, renotify, lang, dir, ts, actions: [{action, title, url}]}.

import { CSRF_HEADER, workerCsrfToken } from '../../api/csrf.js';
import { toBase64url } from './base64url.js';
import { KEY_PATH, SUBSCRIPTIONS_PATH } from './paths.js';

const ICON = '/icons/icon-192.png';
const BADGE = '/icons/badge-96.png';
const FALLBACK = { title: 'همراه قضایی', body: 'پیام تازه‌ای در همراه قضایی دارید.', url: '/notices' };

/** The push's payload, or the fallback when it is empty or unreadable (a notification shows either way). */
export function readPayload(data) {
  let payload = null;
  try {
    payload = data ? data.json() : null;
  } catch {
    payload = null;
  }
  if (!payload || typeof payload !== 'object' || typeof payload.title !== 'string') return { ...FALLBACK };
  return payload;
}

/** A local path, or null: a notification only ever opens this app's pages (or an http(s) map link). */
function safeUrl(url, { external = false } = {}) {
  if (typeof url !== 'string') return null;
  if (url.startsWith('/') && !url.startsWith('//') && !url.includes('\\')) return url;
  if (external && /^https:\/\//i.test(url)) return url;
  return null;
}

/** What showNotification() gets for a payload. */
export function notificationFor(payload, maxActions = 2) {
  const actions = Array.isArray(payload.actions) ? payload.actions : [];
  const targets = {};
  const shown = [];
  for (const item of actions) {
    const url = safeUrl(item?.url, { external: item?.action === 'directions' });
    if (!url || typeof item.action !== 'string' || typeof item.title !== 'string') continue;
    targets[item.action] = url;
    if (shown.length < maxActions) shown.push({ action: item.action, title: item.title });
  }
  const options = {
    body: typeof payload.body === 'string' ? payload.body : '',
    dir: payload.dir === 'ltr' ? 'ltr' : 'rtl',
    lang: typeof payload.lang === 'string' ? payload.lang : 'fa',
    icon: ICON,
    badge: BADGE,
    data: { url: safeUrl(payload.url) || FALLBACK.url, targets, type: payload.type || null },
    actions: shown,
    timestamp: Number.isFinite(payload.ts) ? payload.ts : Date.now(),
  };
  if (typeof payload.tag === 'string' && payload.tag) {
    options.tag = payload.tag;
    // A change (a moved hearing) replaces the older notification and alerts again.
    options.renotify = payload.renotify === true;
  }
  return { title: payload.title, options };
}

// Events dispatched by script (tests) are not trusted, and waitUntil() throws on them.
function keepAlive(event, promise) {
  try {
    event.waitUntil(promise);
  } catch {
    // not a browser-dispatched event: nothing to keep alive
  }
  return promise;
}

async function showPush(sw, payload) {
  const { title, options } = notificationFor(payload, sw.Notification?.maxActions || 2);
  await sw.registration.showNotification(title, options);
  // Open windows refresh what they show (the notices list); the notification is shown regardless.
  const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows) client.postMessage({ type: 'push', kind: payload.type || null, url: options.data.url });
}

/** Focus a window of the app showing `url`, or navigate one there, or open a new one. */
export async function openPage(sw, url) {
  const target = new URL(url, sw.location.origin);
  if (target.origin !== sw.location.origin) return sw.clients.openWindow(target.href);
  const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const same = windows.find((client) => new URL(client.url).pathname === target.pathname);
  const client = same || windows.find((item) => 'navigate' in item);
  if (!client) return sw.clients.openWindow(target.href);
  let shown = client;
  if (!same || client.url !== target.href) shown = (await client.navigate(target.href)) || client;
  try {
    await shown.focus();
  } catch {
    // focusing needs a user's tap; the page is there either way
  }
  return shown;
}

/** The browser replaced the subscription: subscribe again if it did not, and tell the server. */
export async function resubscribe(sw, event) {
  let subscription = event.newSubscription || null;
  if (!subscription) {
    let key = event.oldSubscription?.options?.applicationServerKey || null;
    if (!key) {
      const answer = await fetch(KEY_PATH, { credentials: 'same-origin' });
      if (!answer.ok) return;
      key = (await answer.json()).public_key;
    }
    subscription = await sw.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  }
  const token = await workerCsrfToken(sw);
  // Without the CSRF cookie (a browser without cookieStore) the app sends it at its next start.
  if (!token) return;
  const headers = { 'Content-Type': 'application/json', [CSRF_HEADER]: token };
  const json = subscription.toJSON();
  const key = subscription.options?.applicationServerKey;
  const body = { ...json, ...(key ? { application_server_key: toBase64url(key) } : {}) };
  await fetch(SUBSCRIPTIONS_PATH, {
    method: 'POST', credentials: 'same-origin', headers, body: JSON.stringify(body),
  });
  if (event.oldSubscription?.endpoint && event.oldSubscription.endpoint !== json.endpoint) {
    await fetch(SUBSCRIPTIONS_PATH, {
      method: 'DELETE', credentials: 'same-origin', headers,
      body: JSON.stringify({ endpoint: event.oldSubscription.endpoint }),
    }).catch(() => {});
  }
}

export function registerPush(sw = self) {
  sw.addEventListener('push', (event) => {
    keepAlive(event, showPush(sw, readPayload(event.data)));
  });

  sw.addEventListener('notificationclick', (event) => {
    const data = event.notification.data || {};
    event.notification.close();
    const url = (event.action && data.targets?.[event.action]) || data.url || FALLBACK.url;
    keepAlive(event, openPage(sw, url));
  });

  sw.addEventListener('pushsubscriptionchange', (event) => {
    keepAlive(event, resubscribe(sw, event).catch((error) => console.error('[sw] re-subscribing failed', error)));
  });
}
