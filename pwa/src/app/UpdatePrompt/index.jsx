// The "new version is ready" prompt: the waiting service worker takes over only when the user agrees.

import { t } from '../../i18n/index.js';
import { applyUpdate, dismissUpdate, useUpdateReady } from '../service-worker.js';
import './style.css';

export function UpdatePrompt() {
  const ready = useUpdateReady();
  return (
    // The live region stays in the page so screen readers announce the message when it appears.
    <div class="update-prompt-region" role="status" aria-live="polite">
      {ready && (
        <div class="update-prompt">
          <p class="update-prompt__text">{t('common.update.ready')}</p>
          <div class="update-prompt__actions">
            <button type="button" class="button button--on-dark" onClick={applyUpdate}>
              {t('common.actions.update')}
            </button>
            <button type="button" class="button button--quiet-on-dark" onClick={dismissUpdate}>
              {t('common.actions.later')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
