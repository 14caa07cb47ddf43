// One brief (/briefs/:id): where it stands, its receipt (tracking codes, time, SHA-256, files with their
// hashes), the printable receipt page, and sharing it.

import { ApiError } from '../../../../api/client.js';
import { Chip } from '../../../../components/Chip/index.jsx';
import { CopyButton } from '../../../../components/CopyButton/index.jsx';
import { LoadFailed, Loading, StaleNotice } from '../../../../components/DataState/index.jsx';
import { faDigits, t } from '../../../../i18n/index.js';
import { formatDateTime } from '../../../../lib/dates.js';
import { useDocumentTitle } from '../../../../lib/use-document-title.js';
import { usePersonalResource } from '../../../../lib/use-personal-resource.js';
import { grouped, rejectionText, sizeText, statusLabel, statusTone } from '../../labels.js';
import { briefApiPath, receiptUrl } from '../../paths.js';
import '../../style.css';

function isBrief(answer) {
  return typeof answer?.id === 'string' && typeof answer?.tracking_code === 'string' && Array.isArray(answer.files);
}

async function share(brief) {
  const url = new URL(receiptUrl(brief.id), window.location.origin).href;
  await navigator.share({ title: t('briefs.receipt.title'), text: t('briefs.detail.share_text', { code: faDigits(brief.tracking_code) }), url });
}

function Facts({ brief }) {
  const rows = [
    { key: 'status', label: t('briefs.receipt.status'), value: <Chip tone={statusTone(brief.status)}>{statusLabel(brief.status)}</Chip> },
    {
      key: 'case',
      label: t('briefs.detail.case'),
      value: (
        <>
          <bdi>{brief.case_number ? faDigits(brief.case_number) : brief.case_id}</bdi>
          {brief.case_title && <span class="brief-card__meta"> — {brief.case_title}</span>}
        </>
      ),
    },
    { key: 'received', label: t('briefs.detail.received_at'), value: formatDateTime(brief.received_at) },
    brief.core_tracking_code && {
      key: 'core',
      label: t('briefs.detail.core_tracking_code'),
      value: (
        <>
          <bdi data-core-tracking-code={brief.core_tracking_code}>{faDigits(brief.core_tracking_code)}</bdi>
          <CopyButton value={brief.core_tracking_code} label={t('briefs.detail.core_tracking_code')} />
        </>
      ),
    },
    brief.registered_at && { key: 'registered', label: t('briefs.detail.registered_at'), value: formatDateTime(brief.registered_at) },
    brief.rejection && { key: 'rejection', label: t('briefs.detail.rejection'), value: rejectionText(brief.rejection) },
  ].filter(Boolean);
  return (
    <dl class="brief-facts">
      {rows.map((row) => (
        <div key={row.key}>
          <dt>{row.label}</dt>
          <dd>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export default function BriefView({ params }) {
  const id = params?.id || '';
  const resource = usePersonalResource(briefApiPath(id), { accept: isBrief });
  const { status, data: brief, error, refresh } = resource;
  const missing = error instanceof ApiError && error.status === 404;
  const title = brief ? t('briefs.detail.title', { code: faDigits(brief.tracking_code) }) : t('briefs.title_mine');
  useDocumentTitle(title);

  let body;
  if (status === 'loading') body = <Loading />;
  else if (missing) body = <p class="view__lead">{t('briefs.detail.not_found')}</p>;
  else if (status === 'failed') body = <LoadFailed error={error} onRetry={refresh} />;
  else {
    body = (
      <>
        <StaleNotice resource={resource} />
        <p class="brief-result__code" data-tracking-code={brief.tracking_code}>
          {t('briefs.result.tracking_code', { code: faDigits(brief.tracking_code) })}
        </p>
        {brief.awaiting_sign_in && <p class="brief-note brief-note--wait">{t('briefs.awaiting_sign_in')}</p>}
        <Facts brief={brief} />
        <div class="brief-card__actions">
          <a class="button" href={receiptUrl(brief.id)}>
            {t('briefs.detail.receipt')}
          </a>
          {typeof navigator !== 'undefined' && navigator.share ? (
            <button type="button" class="button button--secondary" onClick={() => share(brief).catch(() => {})}>
              {t('briefs.detail.share')}
            </button>
          ) : (
            <CopyButton value={new URL(receiptUrl(brief.id), window.location.origin).href} label={t('briefs.detail.share')} />
          )}
        </div>
        <section class="brief-section" aria-labelledby="brief-fingerprint-title">
          <h2 id="brief-fingerprint-title">{t('briefs.detail.fingerprint')}</h2>
          <p class="brief-sha" dir="ltr">
            {grouped(brief.sha256)}
          </p>
          <p class="brief-note">{t('briefs.receipt.fingerprint_help')}</p>
        </section>
        {brief.files.length > 0 && (
          <section class="brief-section" aria-labelledby="brief-files-title">
            <h2 id="brief-files-title">{t('briefs.detail.files')}</h2>
            <ul class="brief-attachments__list">
              {brief.files.map((file) => (
                <li key={file.sha256 + file.name} class="brief-attachment">
                  <span class="brief-attachment__name">
                    <bdi>{file.name}</bdi>
                    <span class="brief-attachment__size">
                      {t(`briefs.types.${file.content_type}`)} · {sizeText(file.size)}
                    </span>
                    <span class="brief-sha" dir="ltr">
                      {grouped(file.sha256)}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}
        <details class="brief-section">
          <summary>{t('briefs.detail.text')}</summary>
          <p class="brief-text" dir="auto">
            {brief.text}
          </p>
        </details>
      </>
    );
  }

  return (
    <section class="view brief-view" aria-labelledby="brief-title">
      <h1 id="brief-title" tabIndex={-1}>
        {title}
      </h1>
      {body}
    </section>
  );
}
