import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, OfflineError } from '../../api/errors.js';
import { renderHook, waitFor } from '../../test/render.jsx';

// The device's store is the real outbox over an in-memory IndexedDB; the upload and the browser's
// Background Sync are the edges this hook hands work to.
vi.mock('idb', () => import('../../test/fake-idb.js'));
vi.mock('../../api/upload.js', () => ({ upload: vi.fn() }));
vi.mock('./replay.js', () => ({ keepStorage: vi.fn(), requestBackgroundSync: vi.fn(async () => true) }));

const { failNextWrite, resetDatabases } = await import('../../test/fake-idb.js');
const { upload } = await import('../../api/upload.js');
const { requestBackgroundSync } = await import('./replay.js');
const outbox = await import('./outbox.js');
const { useBriefSubmission } = await import('./use-brief-submission.js');

const CASE = { id: 'c-000001', case_number: '1405151842000001', title: 'مطالبه وجه چک', accepts_briefs: true };
const RECEIPT = { id: 'b1', tracking_code: '140512345678', status: 'received', sha256: 'ab'.repeat(32) };
const PDF = { id: 1, name: 'a.pdf', type: 'application/pdf', blob: new Blob(['%PDF-1.7']), url: null };

function fakeDraft(text = 'متن لایحه') {
  return { text, files: [PDF], keep: vi.fn(async () => {}), discard: vi.fn(async () => {}) };
}

let hook;
function submission(draft = fakeDraft()) {
  hook = renderHook(useBriefSubmission, { account: 'acc-1', caseId: CASE.id, caseData: CASE, draft });
  return hook.result;
}

async function sendFromReview(result) {
  result.current.review();
  await waitFor(() => result.current.step === 'review');
  result.current.send();
}

function problem(status, body = {}) {
  return new ApiError({ status, title: body.title || `answered ${status}`, errors: body.errors, problem: { status, ...body } });
}

beforeEach(() => {
  resetDatabases();
  document.cookie = 'csrf_token=token-1';
  upload.mockReset();
  requestBackgroundSync.mockClear();
});
afterEach(() => hook?.unmount());

describe('useBriefSubmission', () => {
  it('starts in the editor and moves between editing and review', async () => {
    const result = submission();
    expect(result.current.step).toBe('edit');
    result.current.review();
    await waitFor(() => result.current.step === 'review');
    result.current.edit();
    await waitFor(() => result.current.step === 'edit');
  });

  it('does not send from the editor, only after review', async () => {
    const result = submission();
    await result.current.send();
    expect(upload).not.toHaveBeenCalled();
    expect(await outbox.outboxEntries('acc-1')).toEqual([]);
  });

  it('keeps the brief on the device with its key before uploading, then shows the receipt and forgets it', async () => {
    let seenOnDevice = null;
    upload.mockImplementation(async (path, form, { headers, onProgress }) => {
      seenOnDevice = await outbox.getEntry(headers['Idempotency-Key']);
      onProgress(0.5);
      return { status: 202, data: RECEIPT };
    });
    const draft = fakeDraft();
    const result = submission(draft);
    await sendFromReview(result);
    await waitFor(() => result.current.step === 'sent');

    const [path, form, options] = upload.mock.calls[0];
    expect(path).toBe('/api/v1/cases/c-000001/briefs');
    expect(form.get('text')).toBe('متن لایحه');
    expect(form.getAll('files').map((file) => file.name)).toEqual(['a.pdf']);
    expect(options.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(seenOnDevice).toMatchObject({
      key: options.headers['Idempotency-Key'],
      account: 'acc-1',
      caseId: 'c-000001',
      caseNumber: CASE.case_number,
      caseTitle: CASE.title,
      state: 'sending',
      attempts: 1,
      csrfToken: 'token-1',
    });
    expect(draft.discard).toHaveBeenCalledOnce();
    expect(result.current.receipt).toEqual(RECEIPT);
    expect(result.current.progress).toBe(0.5);
    expect(await outbox.outboxEntries('acc-1')).toEqual([]);
  });

  it('leaves the brief waiting on the device when the connection drops, and asks for Background Sync', async () => {
    upload.mockRejectedValue(new OfflineError(new TypeError('network error')));
    const result = submission();
    await sendFromReview(result);
    await waitFor(() => result.current.step === 'queued');
    const [waiting] = await outbox.outboxEntries('acc-1');
    expect(waiting).toMatchObject({ state: 'queued', sendingSince: null, text: 'متن لایحه' });
    expect(waiting.key).toBe(upload.mock.calls[0][2].headers['Idempotency-Key']);
    expect(requestBackgroundSync).toHaveBeenCalledOnce();
    expect(result.current.error).toBeNull();
  });

  it('says what the server said when it is in trouble, and the brief waits', async () => {
    upload.mockRejectedValue(problem(503, { title: 'سامانه در دسترس نیست' }));
    const result = submission();
    await sendFromReview(result);
    await waitFor(() => result.current.step === 'queued');
    expect(result.current.error.title).toBe('سامانه در دسترس نیست');
    expect(await outbox.outboxEntries('acc-1')).toHaveLength(1);
  });

  it('waits for the citizen to sign in again after a 401, without Background Sync', async () => {
    upload.mockRejectedValue(problem(401));
    const result = submission();
    await sendFromReview(result);
    await waitFor(() => result.current.step === 'signed-out');
    expect(requestBackgroundSync).not.toHaveBeenCalled();
    expect((await outbox.outboxEntries('acc-1'))[0].state).toBe('queued');
  });

  it('goes back to the editor with the reason, and keeps the draft again, when the brief is refused for good', async () => {
    upload.mockRejectedValue(problem(422, { title: 'متن لایحه خالی است', errors: { text: ['متن را بنویسید.'] } }));
    const draft = fakeDraft();
    const result = submission(draft);
    await sendFromReview(result);
    await waitFor(() => result.current.step === 'edit' && result.current.error);
    expect(result.current.error.fieldError('text')).toBe('متن را بنویسید.');
    expect(draft.keep).toHaveBeenCalledOnce();
    expect(await outbox.outboxEntries('acc-1')).toEqual([]);
  });

  it('treats a rotated CSRF token as "try later", not as a refusal', async () => {
    upload.mockRejectedValue(problem(403, { code: 'csrf_mismatch' }));
    const result = submission();
    await sendFromReview(result);
    await waitFor(() => result.current.step === 'queued');
  });

  it('does not send what this device could not keep, and says so at review', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const draft = fakeDraft();
    const result = submission(draft);
    failNextWrite(new DOMException('quota', 'QuotaExceededError'));
    await sendFromReview(result);
    await waitFor(() => result.current.step === 'review' && result.current.error);
    expect(result.current.error.title).toBe('لایحه روی این دستگاه نگه داشته نشد، پس فرستاده نشد. فضای ذخیرهٔ مرورگر را بررسی کنید و دوباره بفرستید.');
    expect(upload).not.toHaveBeenCalled();
    expect(draft.discard).not.toHaveBeenCalled();
    expect(error).toHaveBeenCalled();
  });

  it('shows the receipt when the app sends the waiting brief in the background, and only for its own key', async () => {
    upload.mockRejectedValue(new OfflineError(new TypeError('network error')));
    const result = submission();
    await sendFromReview(result);
    await waitFor(() => result.current.step === 'queued');
    const [waiting] = await outbox.outboxEntries('acc-1');
    outbox.announce({ key: 'some-other-brief', receipt: { ...RECEIPT, id: 'b0' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(result.current.step).toBe('queued');
    outbox.announce({ key: waiting.key, receipt: RECEIPT });
    await waitFor(() => result.current.step === 'sent');
    expect(result.current.receipt).toEqual(RECEIPT);
  });
});
