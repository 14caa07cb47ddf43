// The editor step: the text (counted as the server counts it) and the attachments, then «بازبینی».

import { useState } from 'preact/hooks';
import { formatNumber, t } from '../../../../i18n/index.js';
import { MAX_FILE_BYTES, MAX_FILES, MAX_TEXT_CHARS, MAX_TOTAL_BYTES, countedLength } from '../../attachments.js';
import { Attachment, CaseLine, ServerProblem } from './parts.jsx';

function TextField({ draft, missing, onInput, error }) {
  const length = countedLength(draft.text);
  const over = length > MAX_TEXT_CHARS;
  const textError = missing ? t('briefs.editor.text_required') : error?.fieldError?.('text');
  const count = { count: formatNumber(length), max: formatNumber(MAX_TEXT_CHARS) };
  return (
    <div class="brief-field">
      <label for="brief-text" class="brief-field__label">
        {t('briefs.editor.text_label')}
      </label>
      <textarea
        id="brief-text"
        class="brief-field__text"
        rows={12}
        value={draft.text}
        onInput={(event) => onInput(event.currentTarget.value)}
        aria-describedby="brief-text-hint brief-text-count"
        aria-invalid={over || Boolean(textError)}
        dir="auto"
      />
      <p id="brief-text-hint" class="brief-field__hint">
        {t('briefs.editor.text_hint')}
      </p>
      <p id="brief-text-count" class={over ? 'brief-field__count brief-field__count--over' : 'brief-field__count'}>
        {over ? t('briefs.editor.over', count) : t('briefs.editor.count', count)}
      </p>
      {textError && (
        <p class="brief-field__error" role="alert">
          {textError}
        </p>
      )}
      <p class="brief-field__draft" role="status">
        {draft.saved ? t('briefs.editor.draft_saved') : ''}
      </p>
    </div>
  );
}

function FilePicker({ label, onPick, ...input }) {
  return (
    <label class="button button--secondary brief-pick">
      <input
        type="file"
        class="brief-sr-only"
        {...input}
        onChange={(event) => {
          const picked = [...(event.currentTarget.files || [])];
          event.currentTarget.value = '';
          onPick(picked);
        }}
      />
      <span>{label}</span>
    </label>
  );
}

function AttachmentsField({ draft }) {
  return (
    <fieldset class="brief-attachments">
      <legend>{t('briefs.editor.attachments')}</legend>
      <p id="brief-files-hint" class="brief-field__hint">
        {t('briefs.editor.attachments_hint', {
          max: formatNumber(MAX_FILES),
          file_mb: formatNumber(MAX_FILE_BYTES / 1048576),
          total_mb: formatNumber(MAX_TOTAL_BYTES / 1048576),
        })}
      </p>
      {draft.files.length > 0 && (
        <ul class="brief-attachments__list">
          {draft.files.map((file) => (
            <Attachment key={file.id} file={file} onRemove={draft.removeFile} />
          ))}
        </ul>
      )}
      <div class="brief-attachments__add">
        <FilePicker
          label={t('briefs.editor.attach_files')}
          onPick={draft.addFiles}
          accept="application/pdf,image/*"
          multiple
          aria-describedby="brief-files-hint"
        />
        <FilePicker label={t('briefs.editor.attach_camera')} onPick={draft.addFiles} accept="image/*" capture="environment" />
      </div>
      <p class="brief-field__hint" role="status">
        {draft.preparing ? t('briefs.editor.preparing') : ''}
      </p>
      {draft.notice && (
        <p class="brief-field__error" role="alert">
          {t(draft.notice.key, draft.notice.params)}
        </p>
      )}
    </fieldset>
  );
}

/** draft: useBriefDraft(); error: the server's refusal, if any; onReview() when the text is there. */
export function Editor({ caseId, caseData, draft, error, onReview }) {
  const [missing, setMissing] = useState(false);
  const over = countedLength(draft.text) > MAX_TEXT_CHARS;

  function review(event) {
    event.preventDefault();
    if (!draft.text.trim()) {
      setMissing(true);
      return;
    }
    if (!over) onReview();
  }

  return (
    <form class="brief-editor" onSubmit={review} noValidate>
      <CaseLine caseId={caseId} data={caseData} />
      <ServerProblem error={error} />
      <TextField
        draft={draft}
        missing={missing}
        error={error}
        onInput={(text) => {
          setMissing(false);
          draft.setText(text);
        }}
      />
      <AttachmentsField draft={draft} />
      <button type="submit" class="button brief-editor__next" disabled={over || draft.preparing}>
        {t('briefs.editor.review')}
      </button>
    </form>
  );
}
