// «ابلاغیه‌ها»: the citizen's electronic notices, unread first. Opening an unread notice counts as
// it being served, so the app warns first (ReceiptDialog) and opens it only on «ادامه».

import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { Chip } from '../../../../components/Chip/index.jsx';
import { StaleNotice, isSignedOut, resourceState } from '../../../../components/DataState/index.jsx';
import { faDigits, t } from '../../../../i18n/index.js';
import { formatDate } from '../../../../lib/dates.js';
import { useDocumentTitle } from '../../../../lib/use-document-title.js';
import { usePersonalResource } from '../../../../lib/use-personal-resource.js';
import { NOTICES_PATH, noticePath } from '../../api.js';
import { useReceipt } from '../../use-receipt.jsx';
import './style.css';

function NoticeCard({ item, onAsk }) {
  const href = noticePath(item.id);
  return (
    <li class={`notice-card${item.unread ? ' notice-card--unread' : ''}`}>
      <div class="notice-card__top">
        <span class="notice-card__type">{item.type_label}</span>
        {item.unread && <Chip tone="warning">{t('notices.unread')}</Chip>}
      </div>
      <h2 class="notice-card__title">
        <a
          href={href}
          onClick={(event) => {
            if (!item.unread) return;
            // The warning comes first. (Opened in a new tab, the notice page warns the same way.)
            event.preventDefault();
            event.stopPropagation(); // the router would follow the link regardless of preventDefault()
            onAsk(item);
          }}
        >
          {item.title}
        </a>
      </h2>
      <p class="notice-card__line">
        <bdi>{t('notices.number', { number: faDigits(item.number) })}</bdi>
        {' · '}
        <bdi>{t('notices.case_number', { number: faDigits(item.case_number) })}</bdi>
      </p>
      <p class="notice-card__line notice-card__muted">
        <time dateTime={item.issued_at}>{t('notices.issued_at', { date: formatDate(item.issued_at) })}</time>
        {item.opened_at && (
          <>
            {' · '}
            <time dateTime={item.opened_at}>{t('notices.opened_at', { date: formatDate(item.opened_at) })}</time>
          </>
        )}
      </p>
    </li>
  );
}

export default function NoticesView() {
  const title = t('nav.notices');
  useDocumentTitle(title);
  const { route } = useLocation();
  const resource = usePersonalResource(NOTICES_PATH, {
    redirectOnUnauthorized: false,
    accept: (answer) => Array.isArray(answer?.notices),
  });
  const { data, refresh } = resource;
  const { ask, dialog } = useReceipt((opened) => route(noticePath(opened.id)));
  const signedOut = isSignedOut(resource);

  // A push arrived while the list is open: show the new notice too.
  useEffect(() => {
    const worker = navigator.serviceWorker;
    if (!worker) return undefined;
    const onMessage = (event) => {
      if (event.data?.type === 'push') refresh();
    };
    worker.addEventListener('message', onMessage);
    return () => worker.removeEventListener('message', onMessage);
  }, [refresh]);

  let body = resourceState(resource, { title: t('notices.sign_in'), body: t('notices.lead') });
  if (!body && !data.notices.length) body = <p class="data-state">{t('notices.empty')}</p>;
  else if (!body) {
    body = (
      <>
        {data.unread > 0 && <p class="notices-view__count">{t('notices.unread_count', { count: data.unread })}</p>}
        <ul class="notice-list" aria-labelledby="notices-title">
          {data.notices.map((item) => (
            <NoticeCard key={item.id} item={item} onAsk={ask} />
          ))}
        </ul>
      </>
    );
  }

  return (
    <section class="view notices-view" aria-labelledby="notices-title">
      <h1 id="notices-title" tabIndex={-1}>
        {title}
      </h1>
      <p class="view__lead">{t('notices.lead')}</p>
      {!signedOut && <StaleNotice resource={resource} />}
      {body}
      {dialog}
    </section>
  );
}
