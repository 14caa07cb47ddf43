// «از نسخهٔ ذخیره‌شده روی گوشی (…)»: the answer comes from the registry kept on this device, of that date.

import { t } from '../../../../i18n/index.js';
import { formatDate } from '../../../../lib/dates.js';

/** offline: null (the server answered: nothing shown) or {updatedAt}; `class` is the view's own. */
export function OfflineNotice({ offline, class: className }) {
  if (!offline) return null;
  const date = offline.updatedAt ? formatDate(offline.updatedAt, { weekday: false }) : '—';
  return (
    <p class={className} role="status">
      {t('offices.offline.notice', { date })}
    </p>
  );
}
