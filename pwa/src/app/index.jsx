// The app shell: skip link, header, the routed main region, the update prompt, the bottom navigation.

import { ErrorBoundary, LocationProvider, Route, Router } from 'preact-iso';
import { t } from '../i18n/index.js';
import { useLanguage } from '../i18n/use-language.js';
import { CLIENT_PATH } from '../lib/server-paths.js';
import { AppHeader } from './AppHeader/index.jsx';
import { BottomNav } from './BottomNav/index.jsx';
import { UpdatePrompt } from './UpdatePrompt/index.jsx';
import { HOME, NotFoundView, PLACES, ROUTES } from './routes.js';

// After a client-side navigation, move focus to the new view's heading so screen readers
// announce it; the first page load keeps the browser's default focus.
function focusViewHeading() {
  const heading = document.querySelector('#main h1');
  if (heading) heading.focus({ preventScroll: true });
}

export function App() {
  useLanguage(); // re-render everything with the new messages after a language switch
  return (
    // Links to server paths (sign-in, API, sandbox) are real navigations, not client routes.
    <LocationProvider scope={CLIENT_PATH}>
      <a class="skip-link" href="#main">
        {t('common.skip_to_content')}
      </a>
      <AppHeader />
      <main id="main" class="app-main" tabIndex={-1}>
        <ErrorBoundary>
          <Router onRouteChange={focusViewHeading}>
            <Route path="/" component={HOME.View} />
            {ROUTES.map((route) => (
              <Route key={route.path} path={route.path} component={route.View} />
            ))}
            <Route default component={NotFoundView} />
          </Router>
        </ErrorBoundary>
      </main>
      <UpdatePrompt />
      <BottomNav places={PLACES} />
    </LocationProvider>
  );
}
