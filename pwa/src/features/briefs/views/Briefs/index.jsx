// «لایحه‌های من» (/briefs): briefs still waiting on this device (send now, or remove), then the briefs the
// server received, each with where it stands on its way to the court.

import { useEffect, useState } from 'preact/hooks';
import { CaseTabs } from '../../../../components/CaseTabs/index.jsx';
import { Chip } from '../../../../components/Chip/index.jsx';
import { LoadFailed, Loading, SignedOutNotice, StaleNotice } from '../../../../components/DataState/index.jsx';
import { faDigits, t } from '../../../../i18n/index.js';
import { formatDateTime } from '../../../../lib/dates.js';
import { lastAccount, useSession } from '../../../../lib/session.js';
import { useDocumentTitle } from '../../../../lib/use-document-title.js';
import { usePersonalResource } from '../../../../lib/use-personal-resource.js';
import { statusLabel, statusTone } from '../../labels.js';
import { FAILED, SENDING, onOutboxChange, outboxEntries, removeEntry } from '../../outbox.js';
import { BRIEFS_PATH } from '../../paths.js';
import { replayNow } from '../../replay.js';
import '../../style.css';

function useOutbox(account) {
  const [entries, setEntries] = useState([]);
  useEffect(() => {
    if (!account) return undefined;
    let live = true;
    const load = () => outboxEntries(account).then((found) => live && setEntries(found), () => {});
    load();
    const stop = onOutboxChange(load);
    return () => {
      live = false;
      stop();
    };
  }, [account]);
  return entries;
}

function caseLabel(item) {
  return item.case_number || item.caseNumber ? faDigits(item.case_number || item.caseNumber) : item.case_id || item.caseId;
}

function WaitingHere({ entry }) {
  const state = entry.state === FAILED ? 'failed' : entry.state === SENDING ? 'sending' : 'queued';
  const reason = entry.problem?.detail || entry.problem?.title;
  async function discard() {
    if (window.confirm(t('briefs.list.discard_confirm'))) await removeEntry(entry.key);
  }
  return (
    <li class="brief-card brief-card--device" data-key={entry.key}>
      <div class="brief-card__head">
        <h3 class="brief-card__title">{t('briefs.editor.case', { case: caseLabel(entry) })}</h3>
        <Chip tone={statusTone(state)}>{statusLabel(state)}</Chip>
      </div>
      <p class="brief-card__meta">{formatDateTime(entry.createdAt)}</p>
      {entry.caseTitle && <p class="brief-card__meta">{entry.caseTitle}</p>}
      {state === 'failed' && reason && <p class="brief-problem">{t('briefs.list.failed', { reason })}</p>}
      <div class="brief-card__actions">
        {state === 'queued' && (
          <button type="button" class="button" onClick={() => replayNow().catch(() => {})}>
            {t('briefs.list.send_now')}
          </button>
        )}
        {state !== 'sending' && (
          <button type="button" class="button button--secondary" onClick={discard}>
            {t('briefs.list.discard')}
          </button>
        )}
      </div>
    </li>
  );
}

function Received({ brief }) {
  return (
    <li class="brief-card" data-brief-id={brief.id}>
      <div class="brief-card__head">
        <h3 class="brief-card__title">
          <a href={`/briefs/${encodeURIComponent(brief.id)}`}>{t('briefs.list.tracking', { code: faDigits(brief.tracking_code) })}</a>
        </h3>
        <Chip tone={statusTone(brief.status)}>{statusLabel(brief.status)}</Chip>
      </div>
      <p class="brief-card__meta">
        {t('briefs.editor.case', { case: caseLabel(brief) })}
        {brief.case_title ? ` — ${brief.case_title}` : ''}
      </p>
      <p class="brief-card__meta">
        {t('briefs.list.received_on', { date: formatDateTime(brief.received_at) })}
        {brief.file_count > 0 ? ` · ${t('briefs.list.files', { count: brief.file_count })}` : ''}
      </p>
      {brief.awaiting_sign_in && <p class="brief-note brief-note--wait">{t('briefs.awaiting_sign_in')}</p>}
    </li>
  );
}

export default function BriefsView() {
  const title = t('briefs.title_mine');
  useDocumentTitle(title);
  const session = useSession();
  const account = session.me?.account || (session.status === 'signed-out' ? null : lastAccount());
  const waiting = useOutbox(account);
  const resource = usePersonalResource(BRIEFS_PATH, { redirectOnUnauthorized: false, accept: Array.isArray });
  const { status, data, error, refresh } = resource;

  // When the outbox sends something, the server's list has it: read it again.
  useEffect(() => onOutboxChange((message) => message?.receipt && refresh()), [refresh]);

  let received;
  if (error?.status === 401 && !data) {
    received = <SignedOutNotice title={t('briefs.title_mine')} body={t('briefs.awaiting_sign_in')} />;
  } else if (status === 'loading') received = <Loading />;
  else if (status === 'failed') received = <LoadFailed error={error} onRetry={refresh} />;
  else if (!data.length && !waiting.length) received = <p class="view__lead">{t('briefs.list.empty')}</p>;
  else {
    received = (
      <ul class="briefs-list">
        {data.map((brief) => (
          <Received key={brief.id} brief={brief} />
        ))}
      </ul>
    );
  }

  return (
    <section class="view briefs-view" aria-labelledby="briefs-title">
      <h1 id="briefs-title" tabIndex={-1}>
        {title}
      </h1>
      <CaseTabs current="briefs" />
      {waiting.length > 0 && (
        <section aria-labelledby="briefs-device-title">
          <h2 id="briefs-device-title">{t('briefs.list.on_device')}</h2>
          <ul class="briefs-list">
            {waiting.map((entry) => (
              <WaitingHere key={entry.key} entry={entry} />
            ))}
          </ul>
        </section>
      )}
      {data && <StaleNotice resource={resource} />}
      {received}
    </section>
  );
}
