// «دفاتر نزدیک من»: the button, why the location is asked for, and what happened when it was asked.

import { t } from '../../../../i18n/index.js';

/** state: useNearMe().state; onLocate: the tap. */
export function NearMe({ state, onLocate }) {
  return (
    <section class="offices-view__near" aria-labelledby="near-me-why">
      <button type="button" class="button offices-view__near-button" onClick={onLocate} disabled={state === 'asking'}>
        <LocateIcon />
        <span>{t('offices.near_me.button')}</span>
      </button>
      <p id="near-me-why" class="offices-view__hint">
        {t('offices.near_me.why')}
      </p>
      {state === 'asking' && (
        <p class="offices-view__status" role="status">
          {t('offices.near_me.locating')}
        </p>
      )}
      {(state === 'denied' || state === 'unavailable') && (
        <p class="offices-view__warning" role="alert">
          {t(`offices.near_me.${state}`)}
        </p>
      )}
    </section>
  );
}

function LocateIcon() {
  return (
    <svg class="icon" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="7" />
      <circle cx="12" cy="12" r="2" />
      <path d="M12 2v3M12 19v3M2 12h3M19 12h3" />
    </svg>
  );
}
