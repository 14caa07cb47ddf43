import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ME, fakeServer, json, mount, unmount, waitFor } from '../../../../test/render.jsx';

vi.mock('../../../../lib/personal-cache.js', () => ({
  keepResponse: vi.fn(async () => {}),
  keptResponse: vi.fn(async () => null),
}));

// The device's store, in memory: drafts and the outbox.
const drafts = new Map();
const queue = new Map();
vi.mock('../../outbox.js', async (original) => {
  const real = await original();
  return {
    ...real,
    saveDraft: vi.fn(async (account, caseId, draft) => drafts.set(`${account} ${caseId}`, draft)),
    loadDraft: vi.fn(async (account, caseId) => drafts.get(`${account} ${caseId}`) || null),
    deleteDraft: vi.fn(async (account, caseId) => drafts.delete(`${account} ${caseId}`)),
    enqueue: vi.fn(async (entry) => queue.set(entry.key, { state: 'queued', ...entry }).get(entry.key)),
    updateEntry: vi.fn(async (key, changes) => queue.set(key, { ...queue.get(key), ...changes }).get(key)),
    removeEntry: vi.fn(async (key) => queue.delete(key)),
    onOutboxChange: () => () => {},
  };
});
vi.mock('../../replay.js', () => ({ keepStorage: () => {}, requestBackgroundSync: vi.fn(async () => true) }));

const CASE = { id: 'c-000001', case_number: '1405151842000001', title: 'مطالبه وجه چک', accepts_briefs: true };

class FakeXhr {
  static answer = { status: 202, body: { id: 'b1', tracking_code: '140512345678', status: 'received' } };
  static sent = [];
  constructor() {
    this.headers = {};
    this.upload = {};
  }
  open(method, url) {
    this.url = url;
  }
  setRequestHeader(name, value) {
    this.headers[name] = value;
  }
  getAllResponseHeaders() {
    return 'Content-Type: application/json\r\n';
  }
  send(body) {
    FakeXhr.sent.push(this);
    setTimeout(() => {
      if (FakeXhr.answer === 'offline') {
        this.onerror();
        return;
      }
      this.status = FakeXhr.answer.status;
      this.responseText = JSON.stringify(FakeXhr.answer.body);
      this.body = body;
      this.onload();
    }, 0);
  }
}

async function show(caseData = CASE) {
  vi.resetModules();
  fakeServer({ '/api/v1/me': ME, '/api/v1/cases/c-000001': json(caseData) });
  const { default: BriefNewView } = await import('./index.jsx');
  return mount(<BriefNewView params={{ id: 'c-000001' }} />, '/cases/c-000001/briefs/new');
}

function type(root, text) {
  const area = root.querySelector('textarea');
  area.value = text;
  area.dispatchEvent(new Event('input', { bubbles: true }));
}

async function write(root, text) {
  type(root, text);
  const count = text.length.toLocaleString('fa-IR');
  await waitFor(() => root.querySelector('#brief-text-count').textContent.startsWith(`${count} از`));
}

function click(root, label) {
  const button = [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === label);
  if (!button) throw new Error(`no button ${label}`);
  button.click();
}

beforeEach(() => {
  drafts.clear();
  queue.clear();
  FakeXhr.sent = [];
  FakeXhr.answer = { status: 202, body: { id: 'b1', tracking_code: '140512345678', status: 'received' } };
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  localStorage.clear();
});
afterEach(() => unmount());

describe('the brief editor', () => {
  it('counts characters as the server will, in Persian digits', async () => {
    const root = await show();
    await waitFor(() => root.querySelector('textarea'));
    type(root, 'سلامِ');
    await waitFor(() => root.querySelector('#brief-text-count').textContent.startsWith('۴ از ۲۰٬۰۰۰'));
    expect(root.querySelector('.brief-editor__case').textContent).toContain('۱۴۰۵۱۵۱۸۴۲۰۰۰۰۰۱');
  });

  it('keeps the draft on the device as you type, and brings it back', async () => {
    let root = await show();
    await waitFor(() => root.querySelector('textarea'));
    await new Promise((resolve) => setTimeout(resolve, 50)); // the kept draft has been looked for
    type(root, 'پیش‌نویس من');
    await waitFor(() => drafts.get('acc-1 c-000001')?.text === 'پیش‌نویس من', 3000);
    unmount();
    root = await show();
    await waitFor(() => root.querySelector('textarea')?.value === 'پیش‌نویس من');
  });

  it('does not go to review without text', async () => {
    const root = await show();
    await waitFor(() => root.querySelector('textarea'));
    click(root, 'بازبینی');
    await waitFor(() => root.querySelector('.brief-field__error'));
    expect(root.querySelector('.brief-field__error').textContent).toBe('متن لایحه را بنویسید.');
    expect(root.querySelector('.brief-review')).toBeNull();
  });

  it('reviews, sends with an Idempotency-Key, and shows the tracking code', async () => {
    const root = await show();
    await waitFor(() => root.querySelector('textarea'));
    await write(root, 'متن لایحه');
    click(root, 'بازبینی');
    await waitFor(() => root.querySelector('.brief-review'));
    expect(root.querySelector('.brief-review__text').textContent).toBe('متن لایحه');
    click(root, 'ارسال لایحه');
    await waitFor(() => root.querySelector('.brief-result--sent'));
    const [xhr] = FakeXhr.sent;
    expect(xhr.url).toBe('/api/v1/cases/c-000001/briefs');
    expect(xhr.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(root.querySelector('.brief-result__code').textContent).toContain('۱۴۰۵۱۲۳۴۵۶۷۸');
    expect(queue.size).toBe(0); // received: nothing waits on the device
  });

  it('keeps the brief on the device with its key when the connection drops', async () => {
    FakeXhr.answer = 'offline';
    const root = await show();
    await waitFor(() => root.querySelector('textarea'));
    await write(root, 'متن لایحه');
    click(root, 'بازبینی');
    await waitFor(() => root.querySelector('.brief-review'));
    click(root, 'ارسال لایحه');
    await waitFor(() => root.querySelector('.brief-result--queued'));
    const [waiting] = [...queue.values()];
    expect(waiting.state).toBe('queued');
    expect(waiting.key).toBe(FakeXhr.sent[0].headers['Idempotency-Key']);
    expect(waiting.text).toBe('متن لایحه');
  });

  it('goes back to the editor with the reason when the server refuses the brief', async () => {
    FakeXhr.answer = {
      status: 422,
      body: { title: 'متن لایحه خالی است', status: 422, code: 'brief_text_missing', errors: { text: ['متن را بنویسید.'] } },
    };
    const root = await show();
    await waitFor(() => root.querySelector('textarea'));
    await write(root, 'متن');
    click(root, 'بازبینی');
    await waitFor(() => root.querySelector('.brief-review'));
    click(root, 'ارسال لایحه');
    await waitFor(() => root.querySelector('.brief-problem'));
    expect(root.querySelector('.brief-problem').textContent).toContain('متن لایحه خالی است');
    expect(root.querySelector('textarea').value).toBe('متن');
    expect(queue.size).toBe(0);
  });

  it('says so when the case takes no briefs', async () => {
    const root = await show({ ...CASE, accepts_briefs: false });
    await waitFor(() => root.querySelector('.brief-problem'));
    expect(root.querySelector('.brief-problem').textContent).toBe('این پرونده مختومه است و لایحه نمی‌پذیرد.');
    expect(root.querySelector('textarea')).toBeNull();
  });
});
