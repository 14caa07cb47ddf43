// The review step (the brief as it will be sent: «ویرایش» or «ارسال لایحه») and the sending step.

import { formatNumber, t } from '../../../../i18n/index.js';
import { Attachment, CaseLine, ServerProblem } from './parts.jsx';

export function Review({ caseId, caseData, draft, error, onEdit, onSend }) {
  return (
    <section class="brief-review" aria-labelledby="brief-review-title">
      <h2 id="brief-review-title">{t('briefs.review.title')}</h2>
      <p class="view__lead">{t('briefs.review.lead')}</p>
      <ServerProblem error={error} />
      <CaseLine caseId={caseId} data={caseData} />
      <div class="brief-review__text" dir="auto">
        {draft.text}
      </div>
      {draft.files.length > 0 ? (
        <ul class="brief-attachments__list">
          {draft.files.map((file) => (
            <Attachment key={file.id} file={file} />
          ))}
        </ul>
      ) : (
        <p class="brief-field__hint">{t('briefs.review.no_files')}</p>
      )}
      <div class="brief-review__actions">
        <button type="button" class="button button--secondary" onClick={onEdit}>
          {t('briefs.review.edit')}
        </button>
        <button type="button" class="button" onClick={onSend}>
          {t('briefs.review.send')}
        </button>
      </div>
    </section>
  );
}

/** progress: 0..1 of the upload. */
export function Sending({ progress }) {
  const percent = Math.round(progress * 100);
  return (
    <section class="brief-sending" aria-live="polite">
      <p>{t('briefs.review.sending')}</p>
      <progress class="brief-progress" max={100} value={percent} aria-label={t('briefs.review.sending')} />
      <p class="brief-field__hint">{t('briefs.review.progress', { percent: formatNumber(percent) })}</p>
    </section>
  );
}
