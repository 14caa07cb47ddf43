// «تقدیم لایحه» (/cases/:id/briefs/new): write (the draft is kept on this device as you type), attach
// files or photos (photos made smaller here), review, send with a progress bar. What is kept and how
// it is sent live in two hooks (useBriefDraft, useBriefSubmission); this view shows their steps.

import { SignInLink } from '../../../../components/SignInLink/index.jsx';
import { t } from '../../../../i18n/index.js';
import { lastAccount, useSession } from '../../../../lib/session.js';
import { useDocumentTitle } from '../../../../lib/use-document-title.js';
import { usePersonalResource } from '../../../../lib/use-personal-resource.js';
import { caseApiPath } from '../../../cases/index.js';
import { useBriefDraft } from '../../use-brief-draft.js';
import { useBriefSubmission } from '../../use-brief-submission.js';
import { Editor } from './Editor.jsx';
import { Result } from './Result.jsx';
import { Review, Sending } from './Review.jsx';
import '../../style.css';
import './style.css';

function isCase(answer) {
  return typeof answer?.id === 'string' && typeof answer?.accepts_briefs === 'boolean';
}

function Step({ caseId, caseData, draft, submission }) {
  const { step, error } = submission;
  if (caseData && caseData.accepts_briefs === false && step === 'edit') {
    return <p class="brief-problem">{t('briefs.editor.closed')}</p>;
  }
  const shared = { caseId, caseData, draft, error };
  if (step === 'edit') return <Editor {...shared} onReview={submission.review} />;
  if (step === 'review') return <Review {...shared} onEdit={submission.edit} onSend={submission.send} />;
  if (step === 'sending') return <Sending progress={submission.progress} />;
  return <Result step={step} receipt={submission.receipt} error={error} />;
}

export default function BriefNewView({ params }) {
  const caseId = params?.id || '';
  const title = t('briefs.title_new');
  useDocumentTitle(title);
  const session = useSession();
  const account = session.me?.account || (session.status === 'signed-out' ? null : lastAccount());
  const { data: caseData } = usePersonalResource(caseApiPath(caseId), {
    redirectOnUnauthorized: false,
    accept: isCase,
  });
  const draft = useBriefDraft({ account, caseId });
  const submission = useBriefSubmission({ account, caseId, caseData, draft });

  return (
    <section class="view brief-new-view" aria-labelledby="brief-new-title">
      <h1 id="brief-new-title" tabIndex={-1}>
        {title}
      </h1>
      {!account && session.status === 'signed-out' ? (
        <div class="brief-result">
          <p>{t('auth.account.signed_out')}</p>
          <SignInLink />
        </div>
      ) : (
        <Step caseId={caseId} caseData={caseData} draft={draft} submission={submission} />
      )}
    </section>
  );
}
