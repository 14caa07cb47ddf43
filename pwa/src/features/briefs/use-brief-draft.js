// Hook: what the citizen is writing for a case — the text and the attachments (photos made smaller on
// the device) — kept on this device as they type, so nothing is lost to a closed tab or a dead battery.

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { checkLimits, prepareAttachment } from './attachments.js';
import { deleteDraft, loadDraft, saveDraft } from './outbox.js';

export const DRAFT_DELAY_MS = 400;
let nextFileId = 1;

function withPreview(file) {
  const url = file.type.startsWith('image/') ? URL.createObjectURL(file.blob) : null;
  return { ...file, id: nextFileId++, url };
}

/** An attachment as it is kept and sent: {name, type, blob} (no preview URL, no id). */
export function stored(file) {
  return { name: file.name, type: file.type, blob: file.blob };
}

/**
 * The draft of `account` for `caseId` (nothing is read or kept until the account is known):
 * {text, setText, files, addFiles(picked), removeFile(id), preparing, notice, saved, keep(), discard()}.
 * `files` are {id, name, type, blob, url} (url: an image preview); `notice` is why a file was not added
 * ({key, params} for t()); `saved` turns true once a change is kept; keep() and discard() act at once.
 */
export function useBriefDraft({ account, caseId }) {
  const [text, setText] = useState('');
  const [files, setFiles] = useState([]);
  const [loaded, setLoaded] = useState(false);
  const [saved, setSaved] = useState(false);
  const [preparing, setPreparing] = useState(false);
  const [notice, setNotice] = useState(null);
  const filesRef = useRef(files);
  filesRef.current = files;
  const timer = useRef(null);

  // The draft kept for this case on this device, once we know whose it is.
  useEffect(() => {
    if (!account || loaded) return;
    loadDraft(account, caseId)
      .then((kept) => {
        if (kept) {
          setText(kept.text || '');
          setFiles((kept.files || []).map(withPreview));
        }
      })
      .catch((problem) => console.warn('[briefs] the draft could not be read', problem))
      .finally(() => setLoaded(true));
  }, [account, caseId, loaded]);

  const keep = useCallback(
    () => saveDraft(account, caseId, { text, files: files.map(stored) }),
    [account, caseId, text, files],
  );

  // Kept a moment after the last change, attachments included.
  useEffect(() => {
    if (!account || !loaded) return undefined;
    timer.current = setTimeout(() => {
      keep()
        .then(() => setSaved(true))
        .catch((problem) => console.warn('[briefs] the draft could not be kept', problem));
    }, DRAFT_DELAY_MS);
    return () => clearTimeout(timer.current);
  }, [account, loaded, keep]);

  useEffect(() => () => filesRef.current.forEach((file) => file.url && URL.revokeObjectURL(file.url)), []);

  /** Adds picked files (File objects) in order; stops at the first one over a limit. */
  async function addFiles(picked) {
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

  /** Forgets the kept draft (the brief is on its way); a change made afterwards is kept again. */
  async function discard() {
    clearTimeout(timer.current);
    await deleteDraft(account, caseId);
  }

  return { text, setText, files, addFiles, removeFile, preparing, notice, saved, keep, discard };
}
