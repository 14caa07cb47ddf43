// One notice (/notices/:id). Reading it here never opens it: an unread notice shows the warning and
// is opened — served — only after «ادامه»; then its text and attachments appear.

import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { Chip } from '../../../../components/Chip/index.jsx';
import { LoadFailed, Loading, SignedOutNotice, isSignedOut } from '../../../../components/DataState/index.jsx';
import { faDigits, t } from '../../../../i18n/index.js';
import { formatDate, formatDateTime } from '../../../../lib/dates.js';
import { useDocumentTitle } from '../../../../lib/use-document-title.js';
import { usePersonalResource } from '../../../../lib/use-personal-resource.js';
import { noticeApiPath } from '../../api.js';
import { useReceipt } from '../../use-receipt.jsx';
import './style.css';

function Facts({ notice }) {
  return (
    <dl class="notice-facts">
      <div>
        <dt>{t('notices.labels.number')}</dt>
        <dd>
          <bdi>{faDigits(notice.number)}</bdi>
        </dd>
      </div>
      <div>
        <dt>{t('notices.labels.case_number')}</dt>
        <dd>
          <a href={`/cases/${encodeURIComponent(notice.case_id)}`}>
            <bdi>{faDigits(notice.case_number)}</bdi>
          </a>
        </dd>
      </div>
      <div>
        <dt>{t('notices.labels.issued_at')}</dt>
        <dd>
          <time dateTime={notice.issued_at}>{formatDate(notice.issued_at)}</time>
        </dd>
      </div>
      {notice.opened_at && (
        <div>
          <dt>{t('notices.labels.opened_at')}</dt>
          <dd>
            <time dateTime={notice.opened_at}>{formatDateTime(notice.opened_at)}</time>
          </dd>
        </div>
      )}
    </dl>
  );
}

function Opened({ notice }) {
  return (
    <>
      <section class="notice-text" aria-labelledby="notice-text-title">
        <h2 id="notice-text-title">{t('notices.text')}</h2>
        <p class="notice-text__body">{notice.body}</p>
      </section>
      {notice.documents.length > 0 && (
        <section aria-labelledby="notice-documents-title">
          <h2 id="notice-documents-title">{t('notices.documents')}</h2>
          <ul class="notice-documents">
            {notice.documents.map((doc) => (
              <li key={doc.id}>
                <a class="button button--secondary" href={doc.url} download={doc.name}>
                  {t('notices.download', { name: doc.name })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

export default function NoticeView() {
  const { params } = useRoute();
  const resource = usePersonalResource(noticeApiPath(params.id), {
    redirectOnUnauthorized: false,
    accept: (answer) => typeof answer?.id === 'string',
  });
  const [opened, setOpened] = useState(null);
  const { ask, dialog } = useReceipt((notice) => {
    setOpened(notice);
    resource.refresh();
  });
  const notice = opened || resource.data;
  useDocumentTitle(notice?.title || t('nav.notices'));
  const signedOut = isSignedOut(resource);

  let body;
  if (signedOut) body = <SignedOutNotice title={t('notices.sign_in')} body={t('notices.lead')} />;
  else if (!notice && resource.status === 'loading') body = <Loading />;
  else if (!notice) body = <LoadFailed error={resource.error} onRetry={resource.refresh} />;
  else {
    body = (
      <>
        <p class="notice-view__type">
          <span>{notice.type_label}</span> {notice.unread && <Chip tone="warning">{t('notices.unread')}</Chip>}
        </p>
        <Facts notice={notice} />
        {notice.unread ? (
          <div class="notice-warning">
            <p class="notice-warning__text">{t('notices.warning.body')}</p>
            <button type="button" class="button" onClick={() => ask(notice)}>
              {t('notices.open')}
            </button>
          </div>
        ) : (
          notice.body !== undefined && <Opened notice={notice} />
        )}
      </>
    );
  }

  return (
    <section class="view notice-view" aria-labelledby="notice-title">
      <a class="notice-view__back" href="/notices">
        {t('notices.back')}
      </a>
      <h1 id="notice-title" tabIndex={-1}>
        {notice?.title || t('nav.notices')}
      </h1>
      {body}
      {dialog}
    </section>
  );
}
