// Entry of the PWA: fonts and base styles, the saved language, the shell, then the service worker.

import { render } from 'preact';
import './app/fonts.css';
import './app/style.css';
import { App } from './app/index.jsx';
import { registerServiceWorker } from './app/service-worker.js';
import { initI18n } from './i18n/index.js';

initI18n().finally(() => {
  render(<App />, document.getElementById('app'));
});

// Briefs waiting on this device go out at start and whenever the connection returns (loaded on demand).
window.addEventListener('load', () => {
  import('./lib/brief-replay.js')
    .then((briefs) => briefs.startBriefReplay())
    .catch((error) => console.warn('[briefs] could not start sending waiting briefs', error));
});

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    registerServiceWorker().catch((error) => console.error('[sw] registration failed', error));
    // Subscriptions die silently: at every start, check this device's against the server.
    import('./lib/push-device.js')
      .then((push) => push.syncPushOnStart())
      .catch((error) => console.warn('[push] could not check this device', error));
  });
}
