// Hook: sending one brief, as a small state machine the view only renders.
//
//   edit ─review()─▶ review ─send()─▶ sending ─▶ sent        (202: the receipt)
//    ▲  ◀──edit()────┘  ▲               ├──▶ queued          (offline, server trouble: waits on this device)
//    │                  │               ├──▶ signed-out      (waits until the citizen signs in again)
//    │                  └───────────────┤                    (could not be kept on this device: not sent)
//    └──────────────────────────────────┘                    (refused for good: fix it; the draft is back)
//
// The brief goes into the outbox on this device, with its Idempotency-Key, before the first byte leaves:
// a queued brief is sent later (connection back, app start, Background Sync) with the same key, so the
// server registers it exactly once; the view shows its receipt if that happens while it is open.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, CSRF_COOKIE, readCookie } from '../../api/client.js';
import { upload } from '../../api/upload.js';
import { t } from '../../i18n/index.js';
import {
  QUEUED,
  SENDING,
  briefForm,
  enqueue,
  newKey,
  onOutboxChange,
  outcomeOf,
  removeEntry,
  updateEntry,
} from './outbox.js';
import { briefPath } from './paths.js';
import { keepStorage, requestBackgroundSync } from './replay.js';
import { stored } from './use-brief-draft.js';

/**
 * `draft`: the text and files to send, with keep() and discard() (useBriefDraft); `caseData`: the case
 * (its number and title travel with a brief that waits here). Returns
 * {step, progress (0..1 while sending), receipt (once sent), error (an ApiError to show), review(), edit(), send()}.
 */
export function useBriefSubmission({ account, caseId, caseData, draft }) {
  const [step, setStep] = useState('edit');
  const [progress, setProgress] = useState(0);
  const [receipt, setReceipt] = useState(null);
  const [error, setError] = useState(null);
  const keyRef = useRef(null);

  // A brief waiting here may be sent by the app in the background (connection back): show its receipt.
  useEffect(
    () =>
      onOutboxChange((message) => {
        if (message?.key && message.key === keyRef.current && message.receipt) {
          setReceipt(message.receipt);
          setStep('sent');
        }
      }),
    [],
  );

  function finish(nextStep, { answer = null, problem = null } = {}) {
    if (answer) setReceipt(answer);
    setError(problem);
    setStep(nextStep);
  }

  /** Puts the brief in the outbox and marks the first attempt; null when this device cannot keep it. */
  async function keepOnDevice(key) {
    try {
      const entry = await enqueue({
        key,
        account,
        caseId,
        caseNumber: caseData?.case_number || null,
        caseTitle: caseData?.title || null,
        text: draft.text,
        files: draft.files.map(stored),
        csrfToken: readCookie(CSRF_COOKIE),
      });
      keepStorage();
      await draft.discard().catch(() => {});
      await updateEntry(key, { state: SENDING, sendingSince: Date.now(), attempts: 1 });
      return entry;
    } catch (problem) {
      console.error('[briefs] the brief could not be kept on this device', problem);
      await removeEntry(key).catch(() => {});
      await draft.keep().catch(() => {}); // the draft stays, as it was before send()
      return null;
    }
  }

  /** What a failed attempt leaves: back to the editor (refused for good) or waiting on this device. */
  async function afterFailure(key, problem) {
    const outcome = problem instanceof ApiError ? outcomeOf(problem.status, problem.problem) : 'later';
    if (outcome === 'failed') {
      // Refused for good (a damaged file, a closed case…): back to the editor to put it right.
      await removeEntry(key);
      await draft.keep().catch(() => {});
      keyRef.current = null;
      finish('edit', { problem });
      return;
    }
    await updateEntry(key, { state: QUEUED, sendingSince: null });
    if (outcome !== 'signed-out') requestBackgroundSync();
    const shown = problem instanceof ApiError && outcome === 'later' ? problem : null;
    finish(outcome === 'signed-out' ? 'signed-out' : 'queued', { problem: shown });
  }

  async function send() {
    if (step !== 'review') return;
    setError(null);
    setProgress(0);
    setStep('sending');
    const key = newKey();
    keyRef.current = key;
    const entry = await keepOnDevice(key);
    if (!entry) {
      keyRef.current = null;
      finish('review', { problem: new ApiError({ status: 0, title: t('briefs.review.not_kept') }) });
      return;
    }
    try {
      const { data } = await upload(briefPath(caseId), briefForm(entry), {
        headers: { 'Idempotency-Key': key },
        onProgress: setProgress,
      });
      await removeEntry(key);
      finish('sent', { answer: data });
    } catch (problem) {
      await afterFailure(key, problem);
    }
  }

  return {
    step,
    progress,
    receipt,
    error,
    review: () => {
      setError(null);
      setStep('review');
    },
    edit: () => setStep('edit'),
    send,
  };
}
