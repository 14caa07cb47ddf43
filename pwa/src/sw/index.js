// The service worker, served as /sw.js with scope "/". The shell's concerns live here (precaching,
// updates, activation); each feature's own part comes from its worker.js: the offices bundle kept for
// offline use, pushes and their notifications, Background Sync of waiting briefs.

import { registerBriefSync } from '../features/briefs/worker.js';
import { registerOfficesBundle } from '../features/offices/worker.js';
import { registerPush } from '../features/push/worker.js';
import { registerPrecache } from './precache.js';

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
