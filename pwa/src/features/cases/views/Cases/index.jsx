// «پرونده‌ها»: the citizen's cases as cards (subject, case number, role, status, next hearing), readable
// offline and while the core is down; signed out, it explains how to sign in.

import { CaseTabs } from '../../../../components/CaseTabs/index.jsx';
import { Chip } from '../../../../components/Chip/index.jsx';
import { CopyButton } from '../../../../components/CopyButton/index.jsx';
import { StaleNotice, isSignedOut, resourceState } from '../../../../components/DataState/index.jsx';
import { faDigits, t } from '../../../../i18n/index.js';
import { formatDateTime, formatRelative } from '../../../../lib/dates.js';
import { useDocumentTitle } from '../../../../lib/use-document-title.js';
import { useNow } from '../../../../lib/use-now.js';
import { usePersonalResource } from '../../../../lib/use-personal-resource.js';
import { label, statusTone } from '../../labels.js';
import { CASES_PATH } from '../../paths.js';
import '../../style.css';
import './style.css';

function CaseCard({ item, now }) {
  const number = faDigits(item.case_number);
  const next = item.next_hearing;
  return (
    <li class="case-card">
      <div class="case-card__top">
        <span class="case-card__subject">{label('subjects', item.subject)}</span>
        <Chip tone={statusTone(item.status)}>{label('statuses', item.status)}</Chip>
      </div>
      <h2 class="case-card__title">
        <a href={`/cases/${encodeURIComponent(item.id)}`}>{item.title}</a>
      </h2>
      <div class="case-card__number">
        <span class="case-card__muted">{t('cases.list.case_number')}</span>
        <bdi class="case-card__digits">{number}</bdi>
        <CopyButton value={item.case_number} label={t('cases.list.copy', { number })} />
      </div>
      <p class="case-card__line">{t('cases.list.role', { role: label('roles', item.role) })}</p>
      <p class="case-card__line case-card__next">
        {next ? (
          <time dateTime={next.starts_at} title={formatDateTime(next.starts_at)}>
            {t('cases.list.next_hearing', { when: formatRelative(next.starts_at, { now }) })}
          </time>
        ) : (
          <span class="case-card__muted">{t('cases.list.no_hearing')}</span>
        )}
      </p>
    </li>
  );
}

export default function CasesView() {
  const title = t('cases.title');
  useDocumentTitle(title);
  const resource = usePersonalResource(CASES_PATH, {
    redirectOnUnauthorized: false,
    accept: (answer) => Array.isArray(answer?.cases),
  });
  const { data } = resource;
  const now = useNow();
  const signedOut = isSignedOut(resource);

  let body = resourceState(resource); // signed out, loading, or failed with nothing kept
  if (!body && !data.cases.length) {
    body = (
      <div class="data-state">
        <h2 class="data-state__title">{t('cases.list.empty_title')}</h2>
        <p class="data-state__detail">{t('cases.list.empty_body')}</p>
      </div>
    );
  } else if (!body) {
    body = (
      <ul class="case-list" aria-labelledby="cases-title">
        {data.cases.map((item) => (
          <CaseCard key={item.id} item={item} now={now} />
        ))}
      </ul>
    );
  }

  return (
    <section class="view cases-view" aria-labelledby="cases-title">
      <h1 id="cases-title" tabIndex={-1}>
        {title}
      </h1>
      <CaseTabs current="cases" />
      {!signedOut && <StaleNotice resource={resource} />}
      {body}
    </section>
  );
}
