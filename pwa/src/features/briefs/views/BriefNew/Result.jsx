// Where a submission ends: received (the tracking code and the receipt), or waiting on this device —
// for the connection, or for the citizen to sign in again.

import { SignInLink } from '../../../../components/SignInLink/index.jsx';
import { faDigits, t } from '../../../../i18n/index.js';
import { receiptUrl } from '../../paths.js';
import { ServerProblem } from './parts.jsx';

function Sent({ receipt }) {
  return (
    <section class="brief-result brief-result--sent" role="status">
      <h2>{t('briefs.result.sent_title')}</h2>
      <p class="brief-result__code" data-tracking-code={receipt.tracking_code}>
        {t('briefs.result.tracking_code', { code: faDigits(receipt.tracking_code) })}
      </p>
      <p>{t('briefs.result.sent_lead')}</p>
      <div class="brief-review__actions">
        <a class="button" href={`/briefs/${encodeURIComponent(receipt.id)}`}>
          {t('briefs.result.view')}
        </a>
        <a class="button button--secondary" href={receiptUrl(receipt.id)}>
          {t('briefs.detail.receipt')}
        </a>
      </div>
    </section>
  );
}

/** step: 'sent', 'queued' or 'signed-out' (useBriefSubmission). */
export function Result({ step, receipt, error }) {
  if (step === 'sent') return <Sent receipt={receipt} />;
  return (
    <section class="brief-result brief-result--queued" role="status">
      <h2>{t('briefs.result.queued_title')}</h2>
      <p>{step === 'signed-out' ? t('briefs.awaiting_sign_in') : t('briefs.result.queued_lead')}</p>
      {error && <ServerProblem error={error} />}
      <div class="brief-review__actions">
        {step === 'signed-out' && <SignInLink />}
        <a class="button button--secondary" href="/briefs">
          {t('briefs.result.mine')}
        </a>
      </div>
    </section>
  );
}
