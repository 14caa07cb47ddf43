import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ME, fakeServer, json, mount, unmount, waitFor } from '../../../../test/render.jsx';
import { DETAIL, NOW } from '../../test-data.js';

vi.mock('../../../../lib/personal-cache.js', () => ({ keepResponse: vi.fn(async () => {}), keptResponse: vi.fn(async () => null) }));

async function show(answer, id = 'c-000001') {
  vi.resetModules();
  fakeServer({ '/api/v1/me': ME, [`/api/v1/cases/${id}`]: answer });
  const { default: CaseView } = await import('./index.jsx');
  const root = mount(<CaseView params={{ id }} />, `/cases/${id}`);
  await waitFor(() => !root.querySelector('.data-state--loading') && root.querySelector('h1'));
  return root;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  unmount();
  vi.useRealTimers();
});

describe('Case view', () => {
  it('shows the title, status, numbers with Persian digits, subject and role', async () => {
    const root = await show(DETAIL);
    expect(root.querySelector('h1').textContent).toBe('شکایت صدور چک بلامحل');
    expect(root.querySelector('.case-header .chip').textContent).toBe('در جریان رسیدگی');
    const facts = root.querySelector('.case-facts').textContent;
    expect(facts).toContain('۱۴۰۵۱۵۱۸۴۲۰۰۰۰۰۱');
    expect(facts).toContain('۰۵۳۲۸۱۲');
    expect(facts).toContain('۱۴۰۵۷۴۹۷۳۵۳۳۳۱');
    expect(facts).toContain('شکایات مرتبط با چک');
    expect(facts).toContain('شاکی');
  });

  it('lists the timeline oldest first, as the server ordered it, with Jalali dates', async () => {
    const root = await show(DETAIL);
    const entries = [...root.querySelectorAll('.timeline__entry')];
    expect(entries.map((e) => e.querySelector('.timeline__title').textContent)).toEqual([
      'ثبت شکوائیه',
      'ارجاع به شعبه',
      'برگزاری جلسه',
    ]);
    expect(entries[0].querySelector('time').textContent).toBe('چهارشنبه ۱ مهر ۱۴۰۵');
    expect(entries[0].querySelector('time').getAttribute('datetime')).toBe('2026-09-23T08:10:00Z');
  });

  it('offers the calendar file and a countdown only for hearings still to come', async () => {
    const root = await show(DETAIL);
    const hearings = [...root.querySelectorAll('.case-hearing')];
    expect(hearings).toHaveLength(2);
    expect(hearings[0].querySelector('a[download]')).toBeNull();
    expect(hearings[0].querySelector('.chip').textContent).toBe('برگزار شد');
    const link = hearings[1].querySelector('a[download]');
    expect(link.getAttribute('href')).toBe('/api/v1/hearings/h-2.ics');
    expect(hearings[1].querySelector('.case-hearing__countdown').textContent).toBe('۳ روز دیگر');
    expect(hearings[1].querySelector('.case-hearing__when').textContent).toBe('سه‌شنبه ۱۰ آذر ۱۴۰۵، ساعت ۸:۳۰');
  });

  it('marks you among the parties', async () => {
    const root = await show(DETAIL);
    const parties = [...root.querySelectorAll('.case-parties__party')];
    expect(parties[0].textContent).toContain('عاطفه رحیمی (شما)');
    expect(parties[1].textContent).not.toContain('شما)');
  });

  it('gives the branch address with directions on the map', async () => {
    const root = await show(DETAIL);
    const directions = root.querySelector('.case-actions a');
    expect(directions.getAttribute('href')).toBe(
      `https://www.openstreetmap.org/search?query=${encodeURIComponent('همدان، خیابان بوعلی، همدان')}`,
    );
    expect(root.querySelector('.case-branch__address').textContent).toBe('مجتمع قضایی شهید مفتح، همدان، خیابان بوعلی');
  });

  it('links to submitting a brief only while the case accepts briefs', async () => {
    let root = await show(DETAIL);
    expect(root.querySelector('.case-brief').getAttribute('href')).toBe('/cases/c-000001/briefs/new');
    unmount();
    root = await show({ ...DETAIL, status: 'closed', accepts_briefs: false });
    expect(root.querySelector('.case-brief')).toBeNull();
  });

  it('says the case is not among yours on 404', async () => {
    const root = await show(json({ status: 404, title: 'پیدا نشد', code: 'not_found' }, 404), 'c-999999');
    expect(root.querySelector('h1').textContent).toBe('پرونده پیدا نشد');
    expect(root.textContent).toContain('این پرونده در فهرست پرونده‌های شما نیست.');
  });

  it('sends a signed-out visitor to sign in and back to this case', async () => {
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {});
    await show(json({ status: 401, title: 'ابتدا وارد شوید', code: 'unauthorized' }, 401));
    expect(assign).toHaveBeenCalledWith('/auth/login?next=%2Fcases%2Fc-000001');
  });
});
