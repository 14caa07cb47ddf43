import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ME, fakeServer, json, mount, unmount, waitFor } from '../../../../test/render.jsx';

vi.mock('../../../../lib/personal-cache.js', () => ({
  keepResponse: vi.fn(async () => {}),
  keptResponse: vi.fn(async () => null),
}));

const UNREAD = {
  id: 'n-2',
  number: '140412345678',
  type: 'summons',
  type_label: 'احضاریه',
  title: 'احضار برای جلسه رسیدگی',
  case_id: 'c-1',
  case_number: '1405151842000001',
  issued_at: '2026-11-27T08:00:00Z',
  opened_at: null,
  unread: true,
  documents: [],
};
const READ = { ...UNREAD, id: 'n-1', title: 'ابلاغ رأی', unread: false, opened_at: '2026-11-20T09:00:00Z' };
const LIST = { notices: [UNREAD, READ], unread: 1 };

async function show(routes) {
  vi.resetModules();
  const fetchMock = fakeServer({ '/api/v1/me': ME, '/api/v1/notices': LIST, ...routes });
  const { default: NoticesView } = await import('./index.jsx');
  return { root: mount(<NoticesView />, '/notices'), fetchMock };
}

beforeEach(() => {
  localStorage.clear();
  HTMLDialogElement.prototype.showModal ??= function showModal() {
    this.open = true;
  };
});
afterEach(() => unmount());

describe('Notices view', () => {
  it('lists unread notices first, marked, with numbers in Persian digits', async () => {
    const { root } = await show({});
    const cards = await waitFor(() => root.querySelectorAll('.notice-card').length && root.querySelectorAll('.notice-card'));
    expect(cards[0].classList.contains('notice-card--unread')).toBe(true);
    expect(cards[0].querySelector('.chip').textContent).toBe('خوانده‌نشده');
    expect(cards[0].textContent).toContain('۱۴۰۴۱۲۳۴۵۶۷۸');
    expect(cards[1].querySelector('.chip')).toBeNull();
    expect(root.querySelector('.notices-view__count').textContent).toBe('ابلاغیه‌های خوانده‌نشده: ۱');
  });

  it('warns before opening an unread notice and opens it only on «ادامه»', async () => {
    const receipts = [];
    const { root } = await show({
      '/api/v1/notices/n-2/receipt': (init) => {
        receipts.push(init.method);
        return json({ ...UNREAD, unread: false, opened_at: '2026-11-28T10:00:00Z', body: 'متن' });
      },
    });
    const link = await waitFor(() => root.querySelector('.notice-card--unread h2 a'));
    link.click();
    const dialog = await waitFor(() => root.querySelector('dialog .receipt-dialog__warning') && root.querySelector('dialog'));
    expect(dialog.textContent).toContain('با باز کردن این ابلاغیه، ابلاغ انجام‌شده محسوب می‌شود');
    expect(receipts).toEqual([]); // nothing opened yet
    const [proceed, cancel] = dialog.querySelectorAll('button');
    expect(cancel.textContent).toBe('انصراف');
    cancel.click();
    await waitFor(() => !root.querySelector('dialog .receipt-dialog__warning'));
    expect(receipts).toEqual([]);

    link.click();
    const again = await waitFor(() => root.querySelector('dialog .receipt-dialog__warning') && root.querySelector('dialog'));
    again.querySelector('button').click();
    await waitFor(() => receipts.length === 1);
    expect(receipts).toEqual(['POST']);
    await waitFor(() => window.location.pathname === '/notices/n-2');
  });

  it('a read notice opens without a warning', async () => {
    const { root } = await show({});
    const link = await waitFor(() => root.querySelector('.notice-card:not(.notice-card--unread) h2 a'));
    expect(link.getAttribute('href')).toBe('/notices/n-1');
    link.click();
    expect(root.querySelector('dialog .receipt-dialog__warning')).toBeNull();
  });

  it('explains signing in when signed out', async () => {
    const unauthorized = () => json({ status: 401, title: 'ابتدا وارد شوید', code: 'unauthorized' }, 401);
    const { root } = await show({ '/api/v1/me': unauthorized, '/api/v1/notices': unauthorized });
    const notice = await waitFor(() => root.querySelector('.data-state--signed-out'));
    expect(notice.querySelector('a').getAttribute('href')).toBe('/auth/login?next=%2Fnotices');
  });
});
