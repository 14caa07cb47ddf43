// One case (/cases/:id): numbers, status, the branch with directions, hearings (add to calendar),
// parties, the timeline from oldest to newest, and «تقدیم لایحه» while the case accepts briefs.

import { ApiError } from '../../../../api/client.js';
import { Chip } from '../../../../components/Chip/index.jsx';
import { CopyButton } from '../../../../components/CopyButton/index.jsx';
import { LoadFailed, Loading, StaleNotice } from '../../../../components/DataState/index.jsx';
import { CalendarIcon, ForwardIcon, PlaceIcon } from '../../../../components/Icon/index.jsx';
import { faDigits, t } from '../../../../i18n/index.js';
import { formatDate, formatDateTime, formatRelative } from '../../../../lib/dates.js';
import { useDocumentTitle } from '../../../../lib/use-document-title.js';
import { useNow } from '../../../../lib/use-now.js';
import { usePersonalResource } from '../../../../lib/use-personal-resource.js';
import { hearingTone, label, statusTone } from '../../labels.js';
import { directionsUrl } from '../../links.js';
import { calendarUrl, caseApiPath } from '../../paths.js';
import '../../style.css';
import './style.css';

function isCase(answer) {
  return typeof answer?.id === 'string' && ['parties', 'timeline', 'hearings'].every((k) => Array.isArray(answer[k]));
}

function Numbers({ item }) {
  const rows = [
    { key: 'case_number', label: t('cases.list.case_number'), value: item.case_number, copy: true },
    { key: 'archive_number', label: t('cases.case.archive_number'), value: item.archive_number },
    { key: 'tracking_code', label: t('cases.case.tracking_code'), value: item.tracking_code },
  ].filter((row) => row.value);
  return (
    <dl class="case-facts">
      {rows.map((row) => (
        <div key={row.key} class="case-facts__row">
          <dt>{row.label}</dt>
          <dd>
            <bdi class="case-facts__digits">{faDigits(row.value)}</bdi>
            {row.copy && <CopyButton value={row.value} label={t('cases.list.copy', { number: faDigits(row.value) })} />}
          </dd>
        </div>
      ))}
      <div class="case-facts__row">
        <dt>{t('cases.case.subject')}</dt>
        <dd>{label('subjects', item.subject)}</dd>
      </div>
      <div class="case-facts__row">
        <dt>{t('cases.case.role')}</dt>
        <dd>{label('roles', item.role)}</dd>
      </div>
    </dl>
  );
}

function Branch({ court }) {
  const address = `${court.complex}، ${court.address}`;
  return (
    <section class="case-section" aria-labelledby="branch-title">
      <h2 id="branch-title">{t('cases.case.branch')}</h2>
      <p class="case-branch__name">
        {court.branch} — {court.court}
      </p>
      <address class="case-branch__address">{address}</address>
      <div class="case-actions">
        <a class="button button--secondary" href={directionsUrl(`${court.address}، ${court.city}`)} target="_blank" rel="noopener noreferrer">
          <PlaceIcon size={20} />
          <span>{t('cases.case.directions')}</span>
        </a>
        <CopyButton value={address} label={t('cases.case.copy_address')} />
      </div>
    </section>
  );
}

function Hearings({ hearings, now }) {
  return (
    <section class="case-section" aria-labelledby="hearings-title">
      <h2 id="hearings-title">{t('cases.case.hearings')}</h2>
      {hearings.length === 0 ? (
        <p class="case-muted">{t('cases.case.no_hearings')}</p>
      ) : (
        <ul class="case-hearings">
          {hearings.map((hearing) => {
            const upcoming = new Date(hearing.ends_at).getTime() > now && hearing.status === 'scheduled';
            return (
              <li key={hearing.id} class={`case-hearing${upcoming ? ' case-hearing--upcoming' : ''}`}>
                <div class="case-hearing__top">
                  <time dateTime={hearing.starts_at} class="case-hearing__when">
                    {formatDateTime(hearing.starts_at)}
                  </time>
                  <Chip tone={hearingTone(hearing.status)}>{label('hearing_statuses', hearing.status)}</Chip>
                </div>
                {upcoming && <p class="case-hearing__countdown">{formatRelative(hearing.starts_at, { now })}</p>}
                <p class="case-muted">{t('cases.case.room', { room: hearing.room })}</p>
                {upcoming && (
                  <a class="button button--secondary" href={calendarUrl(hearing.id)} download>
                    <CalendarIcon size={20} />
                    <span>{t('cases.case.add_to_calendar')}</span>
                  </a>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function Parties({ parties }) {
  return (
    <section class="case-section" aria-labelledby="parties-title">
      <h2 id="parties-title">{t('cases.case.parties')}</h2>
      <ul class="case-parties">
        {parties.map((party, index) => (
          <li key={index} class="case-parties__party">
            <span class="case-parties__name">
              {party.name}
              {party.is_you && <span class="case-parties__you"> ({t('cases.case.you')})</span>}
            </span>
            <span class="case-muted">{label('roles', party.role)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Timeline({ entries }) {
  return (
    <section class="case-section" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('cases.case.timeline')}</h2>
      <ol class="timeline">
        {entries.map((entry) => (
          <li key={entry.id} class={`timeline__entry timeline__entry--${entry.type}`} data-type={entry.type}>
            <time dateTime={entry.at} class="timeline__when">
              {formatDate(entry.at)}
            </time>
            <p class="timeline__title">{entry.title}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

function NotFound() {
  return (
    <div class="data-state">
      <p class="data-state__title">{t('cases.case.not_found_title')}</p>
      <p class="data-state__detail">{t('cases.case.not_found_body')}</p>
    </div>
  );
}

export default function CaseView({ params }) {
  const id = params?.id || '';
  const resource = usePersonalResource(caseApiPath(id), { accept: isCase });
  const { status, data, error } = resource;
  const now = useNow();
  const missing = error instanceof ApiError && error.status === 404;
  const title = data?.title || (missing ? t('cases.case.not_found_title') : t('cases.title'));
  useDocumentTitle(title);

  let body = null;
  if (status === 'loading') body = <Loading />;
  else if (missing) body = <NotFound />;
  else if (status === 'failed') body = <LoadFailed error={error} onRetry={resource.refresh} />;
  else {
    body = (
      <>
        <div class="case-header">
          <Chip tone={statusTone(data.status)}>{label('statuses', data.status)}</Chip>
        </div>
        <StaleNotice resource={resource} />
        <Numbers item={data} />
        {data.accepts_briefs && (
          <a class="button case-brief" href={`/cases/${encodeURIComponent(data.id)}/briefs/new`}>
            <span>{t('cases.case.submit_brief')}</span>
            <ForwardIcon size={20} />
          </a>
        )}
        <Hearings hearings={data.hearings} now={now} />
        <Branch court={data.court} />
        <Parties parties={data.parties} />
        <Timeline entries={data.timeline} />
      </>
    );
  }

  return (
    <article class="view case-view" aria-labelledby="case-title">
      <a class="case-back" href="/cases">
        <ForwardIcon size={20} />
        <span>{t('cases.case.back')}</span>
      </a>
      <h1 id="case-title" tabIndex={-1}>
        {status === 'ready' ? data.title : title}
      </h1>
      {body}
    </article>
  );
}
