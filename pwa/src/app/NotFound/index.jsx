// The view for a client route that does not exist.

import { useLocation } from 'preact-iso';
import { ForwardIcon } from '../../components/Icon/index.jsx';
import { t } from '../../i18n/index.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import './style.css';

export default function NotFoundView() {
  const { path } = useLocation();
  const title = t('common.not_found.title');
  useDocumentTitle(title);
  return (
    <section class="view not-found-view" aria-labelledby="not-found-title">
      <h1 id="not-found-title" tabIndex={-1}>
        {title}
      </h1>
      {/* FSI…PDI isolate the (left-to-right) path inside the sentence */}
      <p class="view__lead">{t('common.not_found.body', { path: `\u2068${path}\u2069` })}</p>
      <a class="button not-found-view__home" href="/offices">
        <span>{t('common.not_found.home')}</span>
        <ForwardIcon size={20} />
      </a>
    </section>
  );
}
