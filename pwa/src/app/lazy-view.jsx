// A routed view: loaded on demand (its own chunk), re-rendered when the language changes, and
// replaced by a retry message when its chunk can't be loaded.

import { lazy } from 'preact-iso';
import { t } from '../i18n/index.js';
import { useLanguage } from '../i18n/use-language.js';

function ViewFailed() {
  return (
    <section class="view view--failed">
      <h1 tabIndex={-1}>{t('common.view_failed')}</h1>
      <button type="button" class="button" onClick={() => window.location.reload()}>
        {t('common.actions.retry')}
      </button>
    </section>
  );
}

export function lazyView(load) {
  const View = lazy(() =>
    load().catch((error) => {
      console.error('[router] a view could not be loaded', error);
      return { default: ViewFailed };
    }),
  );
  // The router keeps the routed element between renders, so a re-render of the shell doesn't
  // reach the view; subscribing here re-renders it (state kept) after a language switch.
  function RoutedView(props) {
    useLanguage();
    return <View {...props} />;
  }
  RoutedView.preload = View.preload;
  return RoutedView;
}
