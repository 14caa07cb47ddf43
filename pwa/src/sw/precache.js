// The offline shell: every built file (HTML, JS including each view's chunk, CSS, fonts, icons)
// is precached, and navigations to app routes are answered with the cached index.html.
// Nothing under /api/ is cached here: that is personal data, and it needs a plan for sign-out first.

import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { SERVER_PATH } from '../lib/server-paths.js';

export function registerPrecache() {
  // The build replaces self.__WB_MANIFEST with the list of files and their revisions.
  precacheAndRoute(self.__WB_MANIFEST);
  cleanupOutdatedCaches();
  registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [SERVER_PATH] }));
}
