import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ME, fakeServer, json, mount, unmount, waitFor } from '../../../../test/render.jsx';

vi.mock('../../../../lib/personal-cache.js', () => ({
  keepResponse: vi.fn(async () => {}),
  keptResponse: vi.fn(async () => null),
}));
const waiting = [];
vi.mock('../../outbox.js', async (original) => ({
  ...(await original()),
  outboxEntries: vi.fn(async (account) => waiting.filter((e) => e.account === account)),
  onOutboxChange: () => () => {},
}));
vi.mock('../../replay.js', () => ({ replayNow: vi.fn(async () => ({})) }));

const BRIEFS = [
  {
    id: 'b2', case_id: 'c-000001', case_number: '1405151842000001', case_title: 'مطالبه وجه چک', tracking_code: '140512345678',
    status: 'registered', sha256: 'a'.repeat(64), received_at: '2026-11-28T08:00:00+00:00', registered_at: '2026-11-28T08:05:00+00:00',
    core_tracking_code: '14051111111111', rejection: null, awaiting_sign_in: false, file_count: 2,
  },
  {
    id: 'b1', case_id: 'c-000001', case_number: '1405151842000001', case_title: 'مطالبه وجه چک', tracking_code: '140500000001',
    status: 'received', sha256: 'b'.repeat(64), received_at: '2026-11-27T08:00:00+00:00', registered_at: null,
    core_tracking_code: null, rejection: null, awaiting_sign_in: true, file_count: 0,
  },
];

async function show(routes) {
  vi.resetModules();
  fakeServer({ '/api/v1/me': ME, ...routes });
  const { default: BriefsView } = await import('./index.jsx');
  return mount(<BriefsView />, '/briefs');
}

beforeEach(() => {
  waiting.length = 0;
  localStorage.clear();
});
afterEach(() => unmount());

describe('My briefs', () => {
  it('lists the received briefs with tracking codes in Persian digits, status and links', async () => {
    const root = await show({ '/api/v1/briefs': BRIEFS });
    const cards = await waitFor(() => root.querySelectorAll('.brief-card').length && root.querySelectorAll('.brief-card'));
    expect(cards).toHaveLength(2);
    expect(cards[0].querySelector('a').getAttribute('href')).toBe('/briefs/b2');
    expect(cards[0].querySelector('a').textContent).toBe('کد رهگیری ۱۴۰۵۱۲۳۴۵۶۷۸');
    expect(cards[0].querySelector('.chip').textContent).toBe('در دادگاه ثبت شد');
    expect(cards[0].textContent).toContain('۲ پیوست');
    expect(cards[1].querySelector('.brief-note--wait').textContent).toBe('ارسال به دادگاه پس از ورود دوباره انجام می‌شود.');
    expect(root.querySelector('.case-tabs [aria-current="page"]').getAttribute('href')).toBe('/briefs');
  });

  it('shows the briefs still waiting on this device, and only this account\'s', async () => {
    waiting.push(
      { key: 'k1', account: 'acc-1', caseId: 'c-000001', caseNumber: '1405151842000001', state: 'queued', createdAt: Date.now() },
      { key: 'k2', account: 'acc-1', caseId: 'c-000001', state: 'failed', createdAt: Date.now(), problem: { detail: 'پیوست ۱ رمزدار است.' } },
      { key: 'k3', account: 'someone-else', caseId: 'c-000009', state: 'queued', createdAt: Date.now() },
    );
    const root = await show({ '/api/v1/briefs': [] });
    const cards = await waitFor(() => root.querySelectorAll('.brief-card--device').length === 2 && root.querySelectorAll('.brief-card--device'));
    expect(cards[0].querySelector('.chip').textContent).toBe('روی دستگاه، در انتظار اتصال');
    expect(cards[0].textContent).toContain('۱۴۰۵۱۵۱۸۴۲۰۰۰۰۰۱');
    expect(cards[1].querySelector('.chip').textContent).toBe('ارسال نشد');
    expect(cards[1].querySelector('.brief-problem').textContent).toBe('ارسال نشد: پیوست ۱ رمزدار است.');
  });

  it('says so when there is nothing yet', async () => {
    const root = await show({ '/api/v1/briefs': [] });
    await waitFor(() => root.querySelector('.view__lead'));
    expect(root.querySelector('.view__lead').textContent).toContain('هنوز لایحه‌ای نفرستاده‌اید');
  });

  it('asks to sign in when signed out', async () => {
    const root = await show({ '/api/v1/me': json({ status: 401 }, 401), '/api/v1/briefs': json({ status: 401, title: 'ابتدا وارد شوید' }, 401) });
    await waitFor(() => root.querySelector('.data-state--signed-out'));
  });
});
