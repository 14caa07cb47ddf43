import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ME, fakeServer, mount, unmount, waitFor } from '../../../../test/render.jsx';
import { HEARINGS, NOW } from '../../test-data.js';
import { groupByDay } from './index.jsx';

vi.mock('../../../../lib/personal-cache.js', () => ({ keepResponse: vi.fn(async () => {}), keptResponse: vi.fn(async () => null) }));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  unmount();
  vi.useRealTimers();
});

describe('groupByDay', () => {
  it('groups by the day in Tehran, not in UTC', () => {
    const at = (starts_at, id) => ({ id, starts_at });
    const groups = groupByDay([at('2025-03-20T20:00:00Z', 'a'), at('2025-03-20T20:31:00Z', 'b'), at('2025-03-21T06:00:00Z', 'c')]);
    expect(groups.map((g) => [g.day, g.hearings.map((h) => h.id)])).toEqual([
      ['2025-03-20', ['a']],
      ['2025-03-21', ['b', 'c']],
    ]);
  });
});

describe('Hearings view', () => {
  it('shows the hearings under a heading per day, with countdowns, cancelled ones marked, and calendar files', async () => {
    fakeServer({ '/api/v1/me': ME, '/api/v1/hearings': HEARINGS });
    const { default: HearingsView } = await import('./index.jsx');
    const root = mount(<HearingsView />, '/cases/hearings');
    const days = await waitFor(() => root.querySelectorAll('.hearing-day').length && root.querySelectorAll('.hearing-day'));
    expect(days).toHaveLength(2);
    expect(days[0].querySelector('h2').textContent).toBe('سه‌شنبه ۱۰ آذر ۱۴۰۵۳ روز دیگر');
    const items = days[0].querySelectorAll('.case-hearing');
    expect(items).toHaveLength(2);
    expect(items[0].querySelector('.case-hearing__when').textContent).toBe('۸:۳۰');
    expect(items[0].querySelector('a[download]').getAttribute('href')).toBe('/api/v1/hearings/h-2.ics');
    expect(items[1].querySelector('.chip').textContent).toBe('لغو شد');
    expect(items[1].querySelector('a[download]')).toBeNull();
    expect(items[1].querySelector('.hearing-item__case').getAttribute('href')).toBe('/cases/c-000004');
    expect(root.querySelector('.hearings-view__export').getAttribute('href')).toBe('/api/v1/hearings.ics');
    expect(root.querySelector('.case-tabs [aria-current="page"]').getAttribute('href')).toBe('/cases/hearings');
  });
});
