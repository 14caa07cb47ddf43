import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderHook, waitFor } from '../../test/render.jsx';

vi.mock('idb', () => import('../../test/fake-idb.js'));

const { resetDatabases } = await import('../../test/fake-idb.js');
const { loadDraft, saveDraft } = await import('./outbox.js');
const { DRAFT_DELAY_MS, useBriefDraft } = await import('./use-brief-draft.js');
const { MAX_FILE_BYTES } = await import('./attachments.js');

function pdf(name, bytes = 8) {
  return new File([new Uint8Array(bytes)], name, { type: 'application/pdf' });
}

let hook;
afterEach(() => hook?.unmount());
beforeEach(() => resetDatabases());

describe('useBriefDraft', () => {
  it('brings back what was kept for this case once it knows whose draft it is', async () => {
    await saveDraft('acc-1', 'c-1', { text: 'پیش‌نویس من', files: [{ name: 'a.pdf', type: 'application/pdf', blob: pdf('a.pdf') }] });
    hook = renderHook(useBriefDraft, { account: null, caseId: 'c-1' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(hook.result.current.text).toBe(''); // not yet: the account is unknown
    hook.rerender({ account: 'acc-1', caseId: 'c-1' });
    await waitFor(() => hook.result.current.text === 'پیش‌نویس من');
    expect(hook.result.current.files.map((file) => file.name)).toEqual(['a.pdf']);
  });

  it('keeps a change a moment after it is made, and says so', async () => {
    hook = renderHook(useBriefDraft, { account: 'acc-1', caseId: 'c-1' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    hook.result.current.setText('متن تازه');
    await waitFor(() => hook.result.current.saved, DRAFT_DELAY_MS * 5);
    expect((await loadDraft('acc-1', 'c-1')).text).toBe('متن تازه');
  });

  it('adds PDFs, refuses what is neither a PDF nor an image, and stops at a file over the limit', async () => {
    hook = renderHook(useBriefDraft, { account: 'acc-1', caseId: 'c-1' });
    const note = new File(['hello'], 'note.txt', { type: 'text/plain' });
    await hook.result.current.addFiles([pdf('a.pdf'), note]);
    await waitFor(() => hook.result.current.notice);
    expect(hook.result.current.files.map((file) => file.name)).toEqual(['a.pdf']);
    expect(hook.result.current.notice).toEqual({ key: 'briefs.editor.not_accepted', params: { name: 'note.txt' } });

    await hook.result.current.addFiles([pdf('big.pdf', MAX_FILE_BYTES + 1), pdf('after.pdf')]);
    await waitFor(() => hook.result.current.notice?.key === 'briefs.editor.too_large');
    expect(hook.result.current.files.map((file) => file.name)).toEqual(['a.pdf']);
    expect(hook.result.current.preparing).toBe(false);

    hook.result.current.removeFile(hook.result.current.files[0].id);
    await waitFor(() => hook.result.current.files.length === 0);
  });

  it('forgets the kept draft on discard, and a save that was waiting does not bring it back', async () => {
    hook = renderHook(useBriefDraft, { account: 'acc-1', caseId: 'c-1' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    hook.result.current.setText('یک');
    await waitFor(() => hook.result.current.text === 'یک');
    await hook.result.current.keep();
    hook.result.current.setText('دو'); // its save is still waiting…
    await waitFor(() => hook.result.current.text === 'دو');
    await hook.result.current.discard(); // …when the brief goes
    await new Promise((resolve) => setTimeout(resolve, DRAFT_DELAY_MS * 2));
    expect(await loadDraft('acc-1', 'c-1')).toBeNull();
  });
});
