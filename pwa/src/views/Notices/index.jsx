// The notices view: a placeholder until the notices feature lands.

import { useDocumentTitle } from '../../app/use-document-title.js';
import { t } from '../../i18n/index.js';
import './style.css';

export default function NoticesView() {
  const title = t('nav.notices');
  useDocumentTitle(title);
  return (
    <section class="view notices-view" aria-labelledby="notices-title">
      <h1 id="notices-title" tabIndex={-1}>
        {title}
      </h1>
      <p class="view__lead">{t('common.coming_soon.notices')}</p>
    </section>
  );
}
