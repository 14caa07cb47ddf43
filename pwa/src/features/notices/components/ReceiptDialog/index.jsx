// The warning before a notice is opened: opening it counts as it being served (ابلاغ), so the
// citizen reads that first and chooses «ادامه» or «انصراف». A modal <dialog>: focus stays inside,
// Escape cancels.

import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../../../i18n/index.js';
import './style.css';

/** notice: the notice to open (title shown), or null when closed; onConfirm / onCancel: the choice. */
export function ReceiptDialog({ notice, busy = false, error = null, onConfirm, onCancel }) {
  const dialog = useRef(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (notice && !element.open) element.showModal?.();
    if (!notice && element.open) element.close?.();
  }, [notice]);

  return (
    <dialog
      ref={dialog}
      class="receipt-dialog"
      aria-labelledby="receipt-dialog-title"
      aria-describedby="receipt-dialog-warning"
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      {notice && (
        <div class="receipt-dialog__body">
          <h2 id="receipt-dialog-title" class="receipt-dialog__title">
            {t('notices.warning.title')}
          </h2>
          <p class="receipt-dialog__notice">{notice.title}</p>
          <p id="receipt-dialog-warning" class="receipt-dialog__warning">
            {t('notices.warning.body')}
          </p>
          <p class="receipt-dialog__question">{t('notices.warning.question')}</p>
          {error && (
            <p class="receipt-dialog__error" role="alert">
              {error}
            </p>
          )}
          <div class="receipt-dialog__actions">
            <button type="button" class="button" onClick={onConfirm} disabled={busy}>
              {t('notices.warning.continue')}
            </button>
            <button type="button" class="button button--secondary" onClick={onCancel} disabled={busy}>
              {t('notices.warning.cancel')}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
