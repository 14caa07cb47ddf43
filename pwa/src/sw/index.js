// The service worker, served as /sw.js with scope "/". Each concern lives in its own module;
// push (sw/push.js) and background sync (sw/sync.js) join here when those features land.

import { registerOfficesBundle } from './offices.js';
import { registerPrecache } from './precache.js';
import { registerPush } from './push.js';
import { registerBriefSync } from './sync.js';

registerPrecache();
registerOfficesBundle();
registerPush();
registerBriefSync();

// A new version installs and then waits: the page asks it to take over once the user agrees
// ("نسخه تازه آماده است" → «به‌روزرسانی»), so a page never runs against a worker of another version
// without a reload.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

// On the first install, control the open page at once so it works offline from then on.
self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});
