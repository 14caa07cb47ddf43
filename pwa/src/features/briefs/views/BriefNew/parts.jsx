// Small pieces the steps of «تقدیم لایحه» share: the case line, one attachment, the server's problem.

import { faDigits, t } from '../../../../i18n/index.js';
import { sizeText } from '../../labels.js';

export function CaseLine({ caseId, data }) {
  const label = data?.case_number ? faDigits(data.case_number) : caseId;
  return (
    <p class="brief-editor__case">
      <span>{t('briefs.editor.case', { case: label })}</span>
      {data?.title && <span class="brief-editor__case-title">{data.title}</span>}
    </p>
  );
}

/** file: {id, name, blob, url}; onRemove(id) adds the remove button. */
export function Attachment({ file, onRemove }) {
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

/** The server's problem (ApiError): its title, detail and field messages. */
export function ServerProblem({ error }) {
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
