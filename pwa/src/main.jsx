// Entry of the PWA: fonts and base styles, the saved language, the shell, then (once the page has
// loaded) the service worker and each feature's start-up work.

import { render } from 'preact';
import './app/fonts.css';
import './app/style.css';
import { App } from './app/index.jsx';
import { startFeatures } from './app/routes.js';
import { registerServiceWorker } from './app/service-worker.js';
import { initI18n } from './i18n/index.js';

initI18n().finally(() => {
  render(<App />, document.getElementById('app'));
});

window.addEventListener('load', () => {
  const serviceWorker = import.meta.env.PROD && 'serviceWorker' in navigator;
  if (serviceWorker) registerServiceWorker().catch((error) => console.error('[sw] registration failed', error));
  startFeatures({ serviceWorker });
});
