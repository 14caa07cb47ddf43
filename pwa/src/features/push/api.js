// The push API as the settings page uses it: what to be told about, this citizen's devices, a test push.
// (Subscribing this device is device.js's.) A 401 is left to the page, which explains signing in.

import { api } from '../../api/client.js';
import { PREFERENCES_PATH, SUBSCRIPTIONS_PATH, TEST_PATH } from './paths.js';

const QUIET = { redirectOnUnauthorized: false };

/** {topics, lead_times, quiet_hours, show_details, language}. */
export function loadPreferences() {
  return api.get(PREFERENCES_PATH, QUIET);
}

/** Saves a change (any of the fields above); resolves to the preferences as the server keeps them. */
export function savePreferences(change) {
  return api.put(PREFERENCES_PATH, change, QUIET);
}

/** [{id, label, created_at, last_success_at}]: the devices that get this citizen's pushes. */
export async function listDevices() {
  return (await api.get(SUBSCRIPTIONS_PATH, QUIET)).devices;
}

export function removeDevice(id) {
  return api.delete(`${SUBSCRIPTIONS_PATH}/${encodeURIComponent(id)}`, QUIET);
}

/** Sends a test push to every device; resolves to how many were sent one. */
export async function sendTestPush() {
  return (await api.post(TEST_PATH, undefined, QUIET)).devices;
}
