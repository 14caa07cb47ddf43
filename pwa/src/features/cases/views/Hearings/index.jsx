// Upcoming hearings (/cases/hearings), grouped by Tehran day, each with a countdown and an .ics
// download; one link exports them all.

import { CaseTabs } from '../../../../components/CaseTabs/index.jsx';
import { Chip } from '../../../../components/Chip/index.jsx';
import { StaleNotice, isSignedOut, resourceState } from '../../../../components/DataState/index.jsx';
import { CalendarIcon } from '../../../../components/Icon/index.jsx';
import { faDigits, t } from '../../../../i18n/index.js';
import { formatDate, formatRelative, formatTime, tehranDay } from '../../../../lib/dates.js';
import { useDocumentTitle } from '../../../../lib/use-document-title.js';
import { useNow } from '../../../../lib/use-now.js';
import { usePersonalResource } from '../../../../lib/use-personal-resource.js';
import { hearingTone, label } from '../../labels.js';
import { HEARINGS_CALENDAR_PATH, HEARINGS_PATH, calendarUrl } from '../../paths.js';
import '../../style.css';
import './style.css';

/** [{day: "YYYY-MM-DD", hearings: [...]}], in the order the hearings came (soonest first). */
export function groupByDay(hearings) {
  const groups = [];
  for (const hearing of hearings) {
    const day = tehranDay(hearing.starts_at);
    const last = groups[groups.length - 1];
    if (last && last.day === day) last.hearings.push(hearing);
    else groups.push({ day, first: hearing.starts_at, hearings: [hearing] });
  }
  return groups;
}

function HearingItem({ hearing, now }) {
  const cancelled = hearing.status === 'cancelled';
  return (
    <li class={`case-hearing${cancelled ? '' : ' case-hearing--upcoming'}`}>
      <div class="case-hearing__top">
        <time dateTime={hearing.starts_at} class="case-hearing__when">
          {formatTime(hearing.starts_at)}
        </time>
        {!cancelled && <span class="case-hearing__countdown">{formatRelative(hearing.starts_at, { now })}</span>}
        {cancelled && <Chip tone={hearingTone(hearing.status)}>{label('hearing_statuses', hearing.status)}</Chip>}
      </div>
      <a class="hearing-item__case" href={`/cases/${encodeURIComponent(hearing.case_id)}`}>
        {hearing.title}
      </a>
      <p class="case-muted">{t('cases.hearings.case', { number: faDigits(hearing.case_number) })}</p>
      <p class="case-muted">
        {hearing.branch} — {t('cases.case.room', { room: hearing.room })}
      </p>
      {!cancelled && (
        <a class="button button--secondary" href={calendarUrl(hearing.id)} download>
          <CalendarIcon size={20} />
          <span>{t('cases.case.add_to_calendar')}</span>
        </a>
      )}
    </li>
  );
}

export default function HearingsView() {
  const title = t('cases.tabs.hearings');
  useDocumentTitle(title);
  const resource = usePersonalResource(HEARINGS_PATH, {
    redirectOnUnauthorized: false,
    accept: (answer) => Array.isArray(answer?.hearings),
  });
  const { data } = resource;
  const now = useNow();
  const signedOut = isSignedOut(resource);

  let body = resourceState(resource); // signed out, loading, or failed with nothing kept
  if (!body && !data.hearings.length) body = <p class="data-state">{t('cases.hearings.empty')}</p>;
  else if (!body) {
    body = (
      <>
        <a class="button button--secondary hearings-view__export" href={HEARINGS_CALENDAR_PATH} download>
          <CalendarIcon size={20} />
          <span>{t('cases.hearings.export_all')}</span>
        </a>
        {groupByDay(data.hearings).map((group) => (
          <section key={group.day} class="hearing-day" aria-labelledby={`day-${group.day}`}>
            <h2 id={`day-${group.day}`} class="hearing-day__title">
              <span>{formatDate(group.first)}</span>
              <span class="hearing-day__relative">{formatRelative(group.first, { now })}</span>
            </h2>
            <ul class="case-hearings">
              {group.hearings.map((hearing) => (
                <HearingItem key={hearing.id} hearing={hearing} now={now} />
              ))}
            </ul>
          </section>
        ))}
      </>
    );
  }

  return (
    <section class="view cases-view hearings-view" aria-labelledby="hearings-view-title">
      <h1 id="hearings-view-title" tabIndex={-1}>
        {title}
      </h1>
      <CaseTabs current="hearings" />
      {!signedOut && <StaleNotice resource={resource} />}
      {body}
    </section>
  );
}
