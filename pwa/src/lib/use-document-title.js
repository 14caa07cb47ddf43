// Hook: the tab/window title for the current view ("دفاتر — همراه قضایی").

import { useEffect } from 'preact/hooks';
import { t } from '../i18n/index.js';

export function useDocumentTitle(page) {
  useEffect(() => {
    document.title = t('common.document_title', { page });
  }, [page]);
}
