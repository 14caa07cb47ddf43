import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ME, fakeServer, json, mount, unmount, waitFor } from '../../../../test/render.jsx';
import { CASES, NOW } from '../../test-data.js';

vi.mock('../../../../lib/personal-cache.js', () => ({
  keepResponse: vi.fn(async () => {}),
  keptResponse: vi.fn(async () => null),
}));

async function show(routes) {
  vi.resetModules();
  fakeServer({ '/api/v1/me': ME, ...routes });
  const { default: CasesView } = await import('./index.jsx');
  return mount(<CasesView />, '/cases');
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  localStorage.clear();
});
afterEach(() => {
  unmount();
  vi.useRealTimers();
});

describe('Cases view', () => {
  it('shows a card per case: subject, title link, case number in Persian digits with copy, role, status, next hearing', async () => {
    const root = await show({ '/api/v1/cases': CASES });
    const cards = await waitFor(() => root.querySelectorAll('.case-card').length && root.querySelectorAll('.case-card'));
    expect(cards).toHaveLength(2);
    const first = cards[0];
    expect(first.querySelector('.case-card__subject').textContent).toBe('شکایات مرتبط با چک');
    expect(first.querySelector('h2 a').getAttribute('href')).toBe('/cases/c-000001');
    expect(first.querySelector('.case-card__digits').textContent).toBe('۱۴۰۵۱۵۱۸۴۲۰۰۰۰۰۱');
    expect(first.querySelector('.copy-button__button').getAttribute('aria-label')).toBe(
      'کپی شماره پرونده ۱۴۰۵۱۵۱۸۴۲۰۰۰۰۰۱',
    );
    expect(first.textContent).toContain('نقش شما: شاکی');
    expect(first.querySelector('.chip').textContent).toBe('در جریان رسیدگی');
    expect(first.querySelector('.case-card__next').textContent).toBe('جلسه بعدی: ۳ روز دیگر');
    expect(first.querySelector('time').getAttribute('title')).toBe('سه‌شنبه ۱۰ آذر ۱۴۰۵، ساعت ۸:۳۰');
    expect(cards[1].querySelector('.case-card__next').textContent).toBe('جلسه‌ای پیش رو نیست');
    expect(root.querySelector('.stale-notice')).toBeNull();
  });

  it('copies the case number as ASCII digits', async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const root = await show({ '/api/v1/cases': CASES });
    const button = await waitFor(() => root.querySelector('.copy-button__button'));
    button.click();
    await waitFor(() => root.querySelector('.copy-button__status').textContent === 'کپی شد');
    expect(writeText).toHaveBeenCalledWith('1405151842000001');
  });

  it('explains signing in when signed out, with a link that comes back here', async () => {
    const unauthorized = () => json({ status: 401, title: 'ابتدا وارد شوید', code: 'unauthorized' }, 401);
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {});
    const root = await show({ '/api/v1/me': unauthorized, '/api/v1/cases': unauthorized });
    const notice = await waitFor(() => root.querySelector('.data-state--signed-out'));
    expect(notice.querySelector('h2').textContent).toBe('برای دیدن پرونده‌ها وارد شوید');
    expect(notice.querySelector('a').getAttribute('href')).toBe('/auth/login?next=%2Fcases');
    expect(assign).not.toHaveBeenCalled(); // the view explains instead of redirecting
  });

  it('says what to do when there are no cases', async () => {
    const root = await show({ '/api/v1/cases': { ...CASES, cases: [] } });
    const empty = await waitFor(() => root.querySelector('.data-state:not(.data-state--loading)'));
    expect(empty.textContent).toContain('پرونده‌ای ندارید');
    expect(empty.textContent).toContain('کد رهگیری');
  });

  it('marks the server’s last copy with when it was last updated, and refreshes on request', async () => {
    const stale = { ...CASES, stale: true, fetched_at: '2026-11-27T16:00:00Z' };
    const fetchMock = vi.fn();
    const root = await show({
      '/api/v1/cases': () => {
        fetchMock();
        return json(stale);
      },
    });
    const notice = await waitFor(() => root.querySelector('.stale-notice'));
    expect(notice.textContent).toContain('سامانه قضایی اکنون پاسخ نمی‌دهد');
    expect(notice.textContent).toContain('آخرین به‌روزرسانی: جمعه ۶ آذر ۱۴۰۵، ساعت ۱۹:۳۰');
    expect(root.querySelectorAll('.case-card')).toHaveLength(2);
    notice.querySelector('button').click();
    await waitFor(() => fetchMock.mock.calls.length === 2);
  });

  it('offline, shows the copy kept on this device for the last signed-in account', async () => {
    localStorage.setItem('hamrah.personal.account', 'acc-1');
    const { keptResponse } = await import('../../../../lib/personal-cache.js');
    keptResponse.mockImplementation(async (account, path) => (account === 'acc-1' && path === '/api/v1/cases' ? CASES : null));
    const offline = () => {
      throw new TypeError('Failed to fetch');
    };
    vi.resetModules();
    fakeServer({ '/api/v1/me': offline, '/api/v1/cases': offline });
    const { default: CasesView } = await import('./index.jsx');
    const root = mount(<CasesView />, '/cases');
    const notice = await waitFor(() => root.querySelector('.stale-notice'));
    expect(notice.textContent).toContain('به اینترنت وصل نیستید');
    expect(notice.textContent).toContain('آخرین به‌روزرسانی: شنبه ۷ آذر ۱۴۰۵، ساعت ۹:۲۹');
    expect(root.querySelectorAll('.case-card')).toHaveLength(2);
  });

  it('offline with nothing kept, says so and offers to retry', async () => {
    const offline = () => {
      throw new TypeError('Failed to fetch');
    };
    const root = await show({ '/api/v1/me': offline, '/api/v1/cases': offline });
    const failed = await waitFor(() => root.querySelector('.data-state--failed'));
    expect(failed.textContent).toContain('به اینترنت وصل نیستید');
    expect(failed.querySelector('button').textContent).toBe('تلاش دوباره');
  });

  it('the core down with nothing kept: the server’s problem title and detail', async () => {
    const root = await show({
      '/api/v1/cases': () =>
        json({ status: 503, title: 'سامانهٔ قضایی در دسترس نیست', detail: 'چند دقیقهٔ دیگر', code: 'core_unavailable' }, 503),
    });
    const failed = await waitFor(() => root.querySelector('.data-state--failed'));
    expect(failed.querySelector('.data-state__title').textContent).toBe('سامانهٔ قضایی در دسترس نیست');
    expect(failed.querySelector('.data-state__detail').textContent).toBe('چند دقیقهٔ دیگر');
  });

  it('keeps each answer on the device under the signed-in account', async () => {
    const { keepResponse } = await import('../../../../lib/personal-cache.js');
    keepResponse.mockClear();
    await show({ '/api/v1/cases': CASES });
    await waitFor(() => keepResponse.mock.calls.length);
    expect(keepResponse).toHaveBeenCalledWith('acc-1', '/api/v1/cases', CASES);
  });
});
