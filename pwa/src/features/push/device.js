// This device and Web Push: whether it can get pushes, what the browser allows, turning pushes on
// (only after the citizen's tap) and off, and the check at every start that the server still holds
// this device's subscription for the key it uses now — subscriptions die silently, so the app looks.

import { ApiError, api } from '../../api/client.js';
import { fromBase64url, toBase64url } from './base64url.js';
import { KEY_PATH, SUBSCRIPTIONS_PATH } from './paths.js';

export { fromBase64url, toBase64url } from './base64url.js';

// The server's id of this device's subscription. Not personal: pushes keep coming after sign-out.
const DEVICE_KEY = 'hamrah.push.device';
const QUIET = { redirectOnUnauthorized: false };

export function isIos(nav = navigator) {
  return /iPad|iPhone|iPod/.test(nav.userAgent) || (nav.platform === 'MacIntel' && nav.maxTouchPoints > 1);
}

export function isStandalone(win = window) {
  return Boolean(win.matchMedia?.('(display-mode: standalone)').matches) || win.navigator.standalone === true;
}

/** 'supported', 'ios-home-screen' (iOS pushes only to an app added to the home screen) or 'unsupported'. */
export function pushSupport(win = window) {
  if (isIos(win.navigator) && !isStandalone(win)) return 'ios-home-screen';
  const able = 'serviceWorker' in win.navigator && 'PushManager' in win && 'Notification' in win;
  return able ? 'supported' : 'unsupported';
}

/** 'granted', 'denied' or 'default' (not asked yet). */
export function permission(win = window) {
  return 'Notification' in win ? win.Notification.permission : 'default';
}

export function rememberedDevice() {
  try {
    const value = Number(localStorage.getItem(DEVICE_KEY));
    return Number.isInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

function remember(id) {
  try {
    if (id) localStorage.setItem(DEVICE_KEY, String(id));
    else localStorage.removeItem(DEVICE_KEY);
  } catch {
    // storage blocked: the devices list then cannot mark this device
  }
}

/** Whether `subscription` was made for `publicKey` (unknown counts as yes: the server checks too). */
export function madeForKey(subscription, publicKey) {
  const key = subscription.options?.applicationServerKey;
  return !key || toBase64url(key) === publicKey;
}

async function registration() {
  return navigator.serviceWorker.ready;
}

export async function browserSubscription() {
  if (pushSupport() !== 'supported') return null;
  return (await registration()).pushManager.getSubscription();
}

function subscribeWith(reg, publicKey) {
  return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64url(publicKey) });
}

async function register(subscription, publicKey) {
  const body = { ...subscription.toJSON(), application_server_key: publicKey };
  const device = await api.post(SUBSCRIPTIONS_PATH, body, QUIET);
  remember(device.id);
  return device;
}

/** Register the subscription; when the server retired it (410) or the key changed (409), start afresh. */
async function registerOrRenew(reg, subscription, publicKey) {
  try {
    return await register(subscription, publicKey);
  } catch (error) {
    if (!(error instanceof ApiError) || (error.status !== 409 && error.status !== 410)) throw error;
    const key = error.problem?.application_server_key || publicKey;
    await subscription.unsubscribe().catch(() => {});
    return register(await subscribeWith(reg, key), key);
  }
}

/**
 * Turn pushes on for this device; call it from the citizen's tap (browsers ask for permission only
 * then). Resolves to {permission, device}; device is the server's record when permission was granted.
 */
export async function enablePush() {
  const answer = await window.Notification.requestPermission();
  if (answer !== 'granted') return { permission: answer, device: null };
  const { public_key: publicKey } = await api.get(KEY_PATH, QUIET);
  const reg = await registration();
  let subscription = await reg.pushManager.getSubscription();
  if (subscription && !madeForKey(subscription, publicKey)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription = subscription || (await subscribeWith(reg, publicKey));
  return { permission: 'granted', device: await registerOrRenew(reg, subscription, publicKey) };
}

/** Turn pushes off for this device: the server forgets it, the browser drops the subscription. */
export async function disablePush() {
  const subscription = await browserSubscription();
  if (subscription) {
    try {
      await api.delete(SUBSCRIPTIONS_PATH, { ...QUIET, json: { endpoint: subscription.endpoint } });
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error; // already gone there
    }
    await subscription.unsubscribe();
  }
  remember(null);
}

/**
 * At every start (signed in, permission granted): make sure the server holds this device's current
 * subscription, made for the server's current key; subscribe again when the browser or the server
 * dropped it. Resolves to what happened: skipped, none, offline, signed-out or synced.
 */
export async function syncPushOnStart() {
  if (pushSupport() !== 'supported' || permission() !== 'granted') return 'skipped';
  const reg = await registration();
  let subscription = await reg.pushManager.getSubscription();
  if (!subscription && !rememberedDevice()) return 'none'; // never turned on here, or turned off
  let publicKey;
  try {
    ({ public_key: publicKey } = await api.get(KEY_PATH, QUIET));
  } catch {
    return 'offline';
  }
  if (subscription && !madeForKey(subscription, publicKey)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  try {
    if (!subscription) {
      await api.get(SUBSCRIPTIONS_PATH, QUIET); // signed in? (a 401 ends here)
      subscription = await subscribeWith(reg, publicKey);
    }
    await registerOrRenew(reg, subscription, publicKey);
    return 'synced';
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return 'signed-out';
    throw error;
  }
}
