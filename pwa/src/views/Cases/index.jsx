// The cases view: a placeholder until the cases feature lands.

import { useDocumentTitle } from '../../app/use-document-title.js';
import { t } from '../../i18n/index.js';
import './style.css';

export default function CasesView() {
  const title = t('nav.cases');
  useDocumentTitle(title);
  return (
    <section class="view cases-view" aria-labelledby="cases-title">
      <h1 id="cases-title" tabIndex={-1}>
        {title}
      </h1>
      <p class="view__lead">{t('common.coming_soon.cases')}</p>
    </section>
  );
}
