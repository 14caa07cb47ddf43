// The push API's paths, shared by the page (api.js, device.js) and the service worker (worker.js).

export const KEY_PATH = '/api/v1/push/key';
export const SUBSCRIPTIONS_PATH = '/api/v1/push/subscriptions';
export const PREFERENCES_PATH = '/api/v1/push/preferences';
export const TEST_PATH = '/api/v1/push/test';
