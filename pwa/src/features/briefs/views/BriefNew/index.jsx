// «تقدیم لایحه» (/cases/:id/briefs/new): write (the draft is kept on this device as you type), attach
// files or photos (photos made smaller here), review, send with a progress bar. The brief is put in the
// outbox on this device before the first byte leaves, with its Idempotency-Key: offline or on a dropped
// connection it waits there and goes when the connection returns, with the same key, exactly once.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, CSRF_COOKIE, readCookie } from '../../../../api/client.js';
import { upload } from '../../../../api/upload.js';
import { useDocumentTitle } from '../../../../lib/use-document-title.js';
import { SignInLink } from '../../../../components/SignInLink/index.jsx';
import { faDigits, formatNumber, getLocale, t } from '../../../../i18n/index.js';
import {
  MAX_FILE_BYTES,
  MAX_FILES,
  MAX_TEXT_CHARS,
  MAX_TOTAL_BYTES,
  checkLimits,
  countedLength,
  prepareAttachment,
} from '../../attachments.js';
import {
  QUEUED,
  SENDING,
  briefForm,
  briefPath,
  deleteDraft,
  enqueue,
  loadDraft,
  newKey,
  onOutboxChange,
  outcomeOf,
  removeEntry,
  saveDraft,
  updateEntry,
} from '../../outbox.js';
import { keepStorage, requestBackgroundSync } from '../../replay.js';
import { lastAccount, useSession } from '../../../../lib/session.js';
import { usePersonalResource } from '../../../../lib/use-personal-resource.js';
import { sizeText } from '../../labels.js';
import '../../style.css';
import './style.css';

const DRAFT_DELAY_MS = 400;
let nextFileId = 1;

function isCase(answer) {
  return typeof answer?.id === 'string' && typeof answer?.accepts_briefs === 'boolean';
}

function withPreview(file) {
  const url = file.type.startsWith('image/') ? URL.createObjectURL(file.blob) : null;
  return { ...file, id: nextFileId++, url };
}

function stored(file) {
  return { name: file.name, type: file.type, blob: file.blob };
}

function number(value) {
  return formatNumber(value, {}, getLocale());
}

function CaseLine({ caseId, data }) {
  const label = data?.case_number ? faDigits(data.case_number) : caseId;
  return (
    <p class="brief-editor__case">
      <span>{t('briefs.editor.case', { case: label })}</span>
      {data?.title && <span class="brief-editor__case-title">{data.title}</span>}
    </p>
  );
}

function Attachment({ file, onRemove }) {
  return (
    <li class="brief-attachment">
      {file.url ? (
        <img class="brief-attachment__preview" src={file.url} alt="" />
      ) : (
        <span class="brief-attachment__preview brief-attachment__preview--pdf" aria-hidden="true">
          PDF
        </span>
      )}
      <span class="brief-attachment__name">
        <bdi>{file.name}</bdi>
        <span class="brief-attachment__size">{sizeText(file.blob.size)}</span>
      </span>
      {onRemove && (
        <button type="button" class="brief-attachment__remove" onClick={() => onRemove(file.id)}>
          <span aria-hidden="true">×</span>
          <span class="brief-sr-only">{t('briefs.editor.remove', { name: file.name })}</span>
        </button>
      )}
    </li>
  );
}

function ServerProblem({ error }) {
  if (!error) return null;
  const messages = Object.values(error.errors || {}).flat();
  return (
    <div class="brief-problem" role="alert">
      <p class="brief-problem__title">{error.title}</p>
      {error.detail && <p>{error.detail}</p>}
      {messages.filter((m) => m !== error.detail).map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}

function Editor({ caseId, caseData, text, setText, files, addFiles, removeFile, preparing, notice, error, draft,
  onReview }) {
  const length = countedLength(text);
  const over = length > MAX_TEXT_CHARS;
  const [missing, setMissing] = useState(false);
  const textError = missing ? t('briefs.editor.text_required') : error?.fieldError('text');

  function review(event) {
    event.preventDefault();
    if (!text.trim()) {
      setMissing(true);
      return;
    }
    if (!over) onReview();
  }

  return (
    <form class="brief-editor" onSubmit={review} noValidate>
      <CaseLine caseId={caseId} data={caseData} />
      <ServerProblem error={error} />
      <div class="brief-field">
        <label for="brief-text" class="brief-field__label">
          {t('briefs.editor.text_label')}
        </label>
        <textarea
          id="brief-text"
          class="brief-field__text"
          rows={12}
          value={text}
          onInput={(event) => {
            setMissing(false);
            setText(event.currentTarget.value);
          }}
          aria-describedby="brief-text-hint brief-text-count"
          aria-invalid={over || Boolean(textError)}
          dir="auto"
        />
        <p id="brief-text-hint" class="brief-field__hint">
          {t('briefs.editor.text_hint')}
        </p>
        <p id="brief-text-count" class={over ? 'brief-field__count brief-field__count--over' : 'brief-field__count'}>
          {over
            ? t('briefs.editor.over', { count: number(length), max: number(MAX_TEXT_CHARS) })
            : t('briefs.editor.count', { count: number(length), max: number(MAX_TEXT_CHARS) })}
        </p>
        {textError && (
          <p class="brief-field__error" role="alert">
            {textError}
          </p>
        )}
        <p class="brief-field__draft" role="status">
          {draft === 'saved' ? t('briefs.editor.draft_saved') : ''}
        </p>
      </div>

      <fieldset class="brief-attachments">
        <legend>{t('briefs.editor.attachments')}</legend>
        <p id="brief-files-hint" class="brief-field__hint">
          {t('briefs.editor.attachments_hint', {
            max: number(MAX_FILES),
            file_mb: number(MAX_FILE_BYTES / 1048576),
            total_mb: number(MAX_TOTAL_BYTES / 1048576),
          })}
        </p>
        {files.length > 0 && (
          <ul class="brief-attachments__list">
            {files.map((file) => (
              <Attachment key={file.id} file={file} onRemove={removeFile} />
            ))}
          </ul>
        )}
        <div class="brief-attachments__add">
          <label class="button button--secondary brief-pick">
            <input
              type="file"
              class="brief-sr-only"
              accept="application/pdf,image/*"
              multiple
              aria-describedby="brief-files-hint"
              onChange={(event) => addFiles(event.currentTarget)}
            />
            <span>{t('briefs.editor.attach_files')}</span>
          </label>
          <label class="button button--secondary brief-pick">
            <input
              type="file"
              class="brief-sr-only"
              accept="image/*"
              capture="environment"
              onChange={(event) => addFiles(event.currentTarget)}
            />
            <span>{t('briefs.editor.attach_camera')}</span>
          </label>
        </div>
        <p class="brief-field__hint" role="status">
          {preparing ? t('briefs.editor.preparing') : ''}
        </p>
        {notice && (
          <p class="brief-field__error" role="alert">
            {t(notice.key, notice.params)}
          </p>
        )}
      </fieldset>

      <button type="submit" class="button brief-editor__next" disabled={over || preparing}>
        {t('briefs.editor.review')}
      </button>
    </form>
  );
}

function Review({ caseId, caseData, text, files, onEdit, onSend }) {
  return (
    <section class="brief-review" aria-labelledby="brief-review-title">
      <h2 id="brief-review-title">{t('briefs.review.title')}</h2>
      <p class="view__lead">{t('briefs.review.lead')}</p>
      <CaseLine caseId={caseId} data={caseData} />
      <div class="brief-review__text" dir="auto">
        {text}
      </div>
      {files.length > 0 ? (
        <ul class="brief-attachments__list">
          {files.map((file) => (
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

function Sending({ progress }) {
  const percent = Math.round(progress * 100);
  return (
    <section class="brief-sending" aria-live="polite">
      <p>{t('briefs.review.sending')}</p>
      <progress class="brief-progress" max={100} value={percent} aria-label={t('briefs.review.sending')} />
      <p class="brief-field__hint">{t('briefs.review.progress', { percent: number(percent) })}</p>
    </section>
  );
}

function Result({ step, receipt, error }) {
  if (step === 'sent') {
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
          <a class="button button--secondary" href={`/api/v1/briefs/${encodeURIComponent(receipt.id)}/receipt`}>
            {t('briefs.detail.receipt')}
          </a>
        </div>
      </section>
    );
  }
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

export default function BriefNewView({ params }) {
  const caseId = params?.id || '';
  const title = t('briefs.title_new');
  useDocumentTitle(title);
  const session = useSession();
  const account = session.me?.account || (session.status === 'signed-out' ? null : lastAccount());
  const caseResource = usePersonalResource(`/api/v1/cases/${encodeURIComponent(caseId)}`, {
    redirectOnUnauthorized: false,
    accept: isCase,
  });
  const caseData = caseResource.data;

  const [text, setText] = useState('');
  const [files, setFiles] = useState([]);
  const [draftLoaded, setDraftLoaded] = useState(false);
  const [draft, setDraft] = useState('idle');
  const [preparing, setPreparing] = useState(false);
  const [notice, setNotice] = useState(null);
  const [step, setStep] = useState('edit'); // edit | review | sending | sent | queued | signed-out
  const [progress, setProgress] = useState(0);
  const [receipt, setReceipt] = useState(null);
  const [error, setError] = useState(null);
  const keyRef = useRef(null);
  const filesRef = useRef(files);
  filesRef.current = files;

  // The draft kept for this case on this device, once we know whose it is.
  useEffect(() => {
    if (!account || draftLoaded) return;
    loadDraft(account, caseId)
      .then((kept) => {
        if (kept) {
          setText(kept.text || '');
          setFiles((kept.files || []).map(withPreview));
        }
      })
      .catch((problem) => console.warn('[briefs] the draft could not be read', problem))
      .finally(() => setDraftLoaded(true));
  }, [account, caseId, draftLoaded]);

  // Kept as you type (a moment after the last key), attachments included.
  useEffect(() => {
    if (!account || !draftLoaded || step !== 'edit') return undefined;
    const timer = setTimeout(() => {
      saveDraft(account, caseId, { text, files: files.map(stored) })
        .then(() => setDraft('saved'))
        .catch((problem) => console.warn('[briefs] the draft could not be kept', problem));
    }, DRAFT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [account, caseId, text, files, draftLoaded, step]);

  useEffect(() => () => filesRef.current.forEach((file) => file.url && URL.revokeObjectURL(file.url)), []);

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

  async function addFiles(input) {
    const picked = [...(input.files || [])];
    input.value = '';
    setNotice(null);
    setPreparing(true);
    let current = filesRef.current;
    try {
      for (const file of picked) {
        let prepared;
        try {
          prepared = await prepareAttachment(file);
        } catch {
          setNotice({ key: 'briefs.editor.not_accepted', params: { name: file.name } });
          continue;
        }
        const problem = checkLimits(current, prepared);
        if (problem) {
          setNotice(problem);
          break;
        }
        current = [...current, withPreview(prepared)];
        setFiles(current);
      }
    } finally {
      setPreparing(false);
    }
  }

  function removeFile(id) {
    setFiles((current) => {
      const gone = current.find((file) => file.id === id);
      if (gone?.url) URL.revokeObjectURL(gone.url);
      return current.filter((file) => file.id !== id);
    });
  }

  async function send() {
    setError(null);
    setProgress(0);
    setStep('sending');
    const key = newKey();
    keyRef.current = key;
    const entry = await enqueue({
      key,
      account,
      caseId,
      caseNumber: caseData?.case_number || null,
      caseTitle: caseData?.title || null,
      text,
      files: files.map(stored),
      csrfToken: readCookie(CSRF_COOKIE),
    });
    keepStorage();
    await deleteDraft(account, caseId).catch(() => {});
    await updateEntry(key, { state: SENDING, sendingSince: Date.now(), attempts: 1 });
    try {
      const { data } = await upload(briefPath(caseId), briefForm(entry), {
        headers: { 'Idempotency-Key': key },
        onProgress: setProgress,
      });
      await removeEntry(key);
      setReceipt(data);
      setStep('sent');
    } catch (problem) {
      const outcome = problem instanceof ApiError ? outcomeOf(problem.status, problem.problem) : 'later';
      if (outcome === 'failed') {
        // Refused for good (a damaged file, a closed case…): back to the editor to put it right.
        await removeEntry(key);
        await saveDraft(account, caseId, { text, files: files.map(stored) }).catch(() => {});
        keyRef.current = null;
        setError(problem);
        setStep('edit');
        return;
      }
      await updateEntry(key, { state: QUEUED, sendingSince: null });
      if (outcome !== 'signed-out') requestBackgroundSync();
      setError(problem instanceof ApiError && outcome === 'later' ? problem : null);
      setStep(outcome === 'signed-out' ? 'signed-out' : 'queued');
    }
  }

  let body;
  if (!account && session.status === 'signed-out') {
    body = (
      <div class="brief-result">
        <p>{t('auth.account.signed_out')}</p>
        <SignInLink />
      </div>
    );
  } else if (caseData && caseData.accepts_briefs === false && step === 'edit') {
    body = <p class="brief-problem">{t('briefs.editor.closed')}</p>;
  } else if (step === 'edit') {
    body = (
      <Editor
        caseId={caseId}
        caseData={caseData}
        text={text}
        setText={setText}
        files={files}
        addFiles={addFiles}
        removeFile={removeFile}
        preparing={preparing}
        notice={notice}
        error={error}
        draft={draft}
        onReview={() => setStep('review')}
      />
    );
  } else if (step === 'review') {
    body = (
      <Review caseId={caseId} caseData={caseData} text={text} files={files} onEdit={() => setStep('edit')}
        onSend={send} />
    );
  } else if (step === 'sending') {
    body = <Sending progress={progress} />;
  } else {
    body = <Result step={step} receipt={receipt} error={error} />;
  }

  return (
    <section class="view brief-new-view" aria-labelledby="brief-new-title">
      <h1 id="brief-new-title" tabIndex={-1}>
        {title}
      </h1>
      {body}
    </section>
  );
}
