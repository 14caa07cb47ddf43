// Hook: opening a notice with the warning first, shared by the list and the notice page. Opening an
// unread notice counts as it being served (ابلاغ), so ReceiptDialog asks before openNotice() runs.

import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client.js';
import { t } from '../../i18n/index.js';
import { openNotice } from './api.js';
import { ReceiptDialog } from './components/ReceiptDialog/index.jsx';

/** {ask(notice), dialog}: render `dialog`; ask() shows it; `onOpened(notice)` gets the opened notice. */
export function useReceipt(onOpened) {
  const [asking, setAsking] = useState(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const opened = await openNotice(asking.id);
      setAsking(null);
      onOpened(opened);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.title : t('notices.failed'));
    } finally {
      setBusy(false);
    }
  }

  const dialog = (
    <ReceiptDialog notice={asking} busy={busy} error={error} onConfirm={confirm} onCancel={() => setAsking(null)} />
  );
  return { ask: setAsking, dialog };
}
