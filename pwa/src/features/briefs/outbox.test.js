import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('idb', () => import('../../test/fake-idb.js'));
const { resetDatabases } = await import('../../test/fake-idb.js');

const outbox = await import('./outbox.js');
const { FAILED, QUEUED, SENDING, briefForm, enqueue, getEntry, outboxEntries, outcomeOf, replayOutbox, sendWithFetch } = outbox;

function entry(overrides = {}) {
  return {
    key: overrides.key || crypto.randomUUID(),
    account: 'acc-1',
    caseId: 'c-000001',
    text: 'متن لایحه',
    files: [{ name: 'a.pdf', type: 'application/pdf', blob: new Blob(['%PDF-1.7'], { type: 'application/pdf' }) }],
    csrfToken: 'kept-token',
    ...overrides,
  };
}

beforeEach(() => {
  resetDatabases();
});

describe('the outbox', () => {
  it('keeps a queued brief with its key, for its account only, oldest first', async () => {
    const first = await enqueue(entry({ key: 'k1', createdAt: 1 }));
    await enqueue(entry({ key: 'k2', createdAt: 2 }));
    await enqueue(entry({ key: 'k3', account: 'someone-else' }));
    expect(first.state).toBe(QUEUED);
    expect((await outboxEntries('acc-1')).map((e) => e.key)).toEqual(['k1', 'k2']);
    expect(await outboxEntries(null)).toEqual([]);
  });

  it('sends each waiting brief with its own Idempotency-Key and forgets it once received', async () => {
    await enqueue(entry({ key: 'k1' }));
    const send = vi.fn(async (e) => ({ status: 202, body: { id: 'b1', tracking_code: '140500000001', key: e.key } }));
    const result = await replayOutbox('acc-1', send);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0][0].key).toBe('k1');
    expect(result.sent).toEqual([{ key: 'k1', receipt: { id: 'b1', tracking_code: '140500000001', key: 'k1' } }]);
    expect(await getEntry('k1')).toBeNull();
  });

  it('keeps a brief when the connection drops, and sends it again later with the same key', async () => {
    await enqueue(entry({ key: 'k1' }));
    const offline = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect((await replayOutbox('acc-1', offline)).stopped).toBe('offline');
    expect((await getEntry('k1')).state).toBe(QUEUED);
    const online = vi.fn(async () => ({ status: 202, body: { id: 'b1' } }));
    await replayOutbox('acc-1', online);
    expect(online.mock.calls[0][0].key).toBe('k1');
    expect(await getEntry('k1')).toBeNull();
  });

  it('stops at the first brief that must wait, so they go in order', async () => {
    await enqueue(entry({ key: 'k1', createdAt: 1 }));
    await enqueue(entry({ key: 'k2', createdAt: 2 }));
    const send = vi.fn(async () => ({ status: 503, body: { code: 'core_unavailable' } }));
    const result = await replayOutbox('acc-1', send);
    expect(result.stopped).toBe('later');
    expect(send).toHaveBeenCalledTimes(1);
    expect((await outboxEntries('acc-1')).map((e) => e.state)).toEqual([QUEUED, QUEUED]);
  });

  it('marks a brief the server refused for good as failed, keeps its reason, and does not send it again', async () => {
    await enqueue(entry({ key: 'k1' }));
    const problem = { status: 422, code: 'brief_pdf_encrypted', detail: 'پیوست ۱ رمزگذاری شده است.' };
    const refuse = vi.fn(async () => ({ status: 422, body: problem }));
    expect((await replayOutbox('acc-1', refuse)).failed).toEqual(['k1']);
    const kept = await getEntry('k1');
    expect(kept.state).toBe(FAILED);
    expect(kept.problem).toEqual(problem);
    await replayOutbox('acc-1', refuse);
    expect(refuse).toHaveBeenCalledTimes(1);
  });

  it('waits for sign-in on 401 without losing the brief', async () => {
    await enqueue(entry({ key: 'k1' }));
    const result = await replayOutbox('acc-1', async () => ({ status: 401, body: { code: 'unauthorized' } }));
    expect(result.stopped).toBe('signed-out');
    expect((await getEntry('k1')).state).toBe(QUEUED);
  });

  it('leaves a brief another attempt is sending, unless that attempt is long dead', async () => {
    await enqueue(entry({ key: 'k1', state: SENDING, sendingSince: 1_000_000 }));
    const send = vi.fn(async () => ({ status: 202, body: {} }));
    await replayOutbox('acc-1', send, { now: 1_000_000 + 5_000 });
    expect(send).not.toHaveBeenCalled();
    await replayOutbox('acc-1', send, { now: 1_000_000 + 10 * 60_000 });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('never sends a brief of another account', async () => {
    await enqueue(entry({ key: 'k1', account: 'someone-else' }));
    const send = vi.fn();
    await replayOutbox('acc-1', send);
    expect(send).not.toHaveBeenCalled();
  });
});

describe('what an answer means', () => {
  it.each([
    [202, {}, 'sent'],
    [401, {}, 'signed-out'],
    [403, { code: 'csrf_failed' }, 'later'],
    [403, { code: 'forbidden' }, 'failed'],
    [404, { code: 'brief_case_not_found' }, 'failed'],
    [409, { code: 'idempotency_conflict' }, 'failed'],
    [413, { code: 'brief_files_too_large' }, 'failed'],
    [422, { code: 'brief_case_closed' }, 'failed'],
    [408, {}, 'later'],
    [429, {}, 'later'],
    [500, {}, 'later'],
    [503, {}, 'later'],
  ])('%i %j → %s', (status, problem, outcome) => {
    expect(outcomeOf(status, problem)).toBe(outcome);
  });
});

describe('the request', () => {
  it('is multipart: the text, then each file under its name, in order', async () => {
    const form = briefForm(entry({
      files: [
        { name: 'b.pdf', type: 'application/pdf', blob: new Blob(['1']) },
        { name: 'c.png', type: 'image/png', blob: new Blob(['2']) },
      ],
    }));
    expect(form.get('text')).toBe('متن لایحه');
    expect(form.getAll('files').map((f) => f.name)).toEqual(['b.pdf', 'c.png']);
  });

  it('carries the Idempotency-Key and the CSRF token (the current one, else the one kept)', async () => {
    const fetchImpl = vi.fn(async () => new Response('{"id":"b1"}', { status: 202, headers: { 'Content-Type': 'application/json' } }));
    const e = entry({ key: 'k-123' });
    expect(await sendWithFetch(e, { fetchImpl })).toEqual({ status: 202, body: { id: 'b1' } });
    const [url, init] = fetchImpl.mock.calls[0];
    expect(url).toBe('/api/v1/cases/c-000001/briefs');
    expect(init.method).toBe('POST');
    expect(init.headers['Idempotency-Key']).toBe('k-123');
    expect(init.headers['X-CSRF-Token']).toBe('kept-token');
    await sendWithFetch(e, { fetchImpl, csrfToken: 'fresh' });
    expect(fetchImpl.mock.calls[1][1].headers['X-CSRF-Token']).toBe('fresh');
  });
});
