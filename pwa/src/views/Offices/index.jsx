// The offices view: a placeholder until the offices feature lands.

import { useDocumentTitle } from '../../app/use-document-title.js';
import { t } from '../../i18n/index.js';
import './style.css';

export default function OfficesView() {
  const title = t('nav.offices');
  useDocumentTitle(title);
  return (
    <section class="view offices-view" aria-labelledby="offices-title">
      <h1 id="offices-title" tabIndex={-1}>
        {title}
      </h1>
      <p class="view__lead">{t('common.coming_soon.offices')}</p>
    </section>
  );
}
