import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderHook, waitFor } from '../../test/render.jsx';
import { NO_FILTERS } from './components/FilterSheet/index.jsx';

// Where the answers come from (server or this device) is data.js's business, tested on its own.
vi.mock('./data.js', () => ({ nearestOffices: vi.fn(), searchOffices: vi.fn() }));
const { nearestOffices, searchOffices } = await import('./data.js');
const { PAGE_SIZE, useOfficeSearch } = await import('./use-office-search.js');

const office = (code) => ({ code, name: `دفتر ${code}` });
function page(codes, { page: number = 1, lastPage = 1, total = codes.length } = {}) {
  return { items: codes.map(office), total, page: number, lastPage, offline: null };
}

let hook;
beforeEach(() => {
  nearestOffices.mockReset();
  searchOffices.mockReset();
  hook = renderHook(useOfficeSearch);
});
afterEach(() => hook.unmount());

const codes = () => hook.result.current.results.items.map((item) => item.code);

describe('useOfficeSearch', () => {
  it('asks nothing until there is a question', () => {
    expect(hook.result.current.query).toBeNull();
    expect(hook.result.current.results.status).toBe('idle');
    expect(nearestOffices).not.toHaveBeenCalled();
    expect(searchOffices).not.toHaveBeenCalled();
  });

  it('asks for the ten nearest offices to a point, with the filters, on one page', async () => {
    nearestOffices.mockResolvedValue({ items: [office('1'), office('2')], offline: { updatedAt: '2026-11-01' } });
    hook.result.current.setFilters({ ...NO_FILTERS, openNow: true });
    hook.result.current.ask({ mode: 'nearest', lat: 32.65, lon: 51.67 });
    await waitFor(() => hook.result.current.results.status === 'done');
    expect(nearestOffices).toHaveBeenCalledWith({ lat: 32.65, lon: 51.67, limit: 10, services: [], kinds: [], openNow: true });
    expect(hook.result.current.results).toMatchObject({ total: 2, page: 1, lastPage: 1, offline: { updatedAt: '2026-11-01' } });
  });

  it('appends the next page of a place, and starts again from the first page when the filters change', async () => {
    searchOffices.mockResolvedValueOnce(page(['a', 'b'], { lastPage: 2, total: 3 }));
    hook.result.current.ask({ mode: 'place', province: 'esfahan', city: 'کاشان' });
    await waitFor(() => hook.result.current.results.status === 'done');
    expect(searchOffices).toHaveBeenLastCalledWith(
      expect.objectContaining({ province: 'esfahan', city: 'کاشان', page: 1, pageSize: PAGE_SIZE }),
    );

    searchOffices.mockResolvedValueOnce(page(['c'], { page: 2, lastPage: 2, total: 3 }));
    hook.result.current.more();
    await waitFor(() => codes().length === 3);
    expect(codes()).toEqual(['a', 'b', 'c']);
    expect(searchOffices).toHaveBeenLastCalledWith(expect.objectContaining({ page: 2 }));

    searchOffices.mockResolvedValueOnce(page(['b']));
    hook.result.current.setFilters({ ...NO_FILTERS, kinds: ['independent'] });
    await waitFor(() => codes().join() === 'b');
    expect(searchOffices).toHaveBeenLastCalledWith(expect.objectContaining({ page: 1, kinds: ['independent'] }));
  });

  it('reports a failure with the error and no stale offices', async () => {
    searchOffices.mockResolvedValueOnce(page(['a']));
    hook.result.current.ask({ mode: 'search', q: 'کاشان' });
    await waitFor(() => codes().length === 1);
    const problem = Object.assign(new Error('down'), { title: 'سامانه در دسترس نیست' });
    searchOffices.mockRejectedValueOnce(problem);
    hook.result.current.ask({ mode: 'search', q: 'قم' });
    await waitFor(() => hook.result.current.results.status === 'failed');
    expect(hook.result.current.results).toMatchObject({ items: [], error: problem });
  });

  it('drops a late answer to an earlier question', async () => {
    let answerFirst;
    searchOffices.mockReturnValueOnce(new Promise((resolve) => (answerFirst = resolve)));
    searchOffices.mockResolvedValueOnce(page(['second']));
    hook.result.current.ask({ mode: 'search', q: 'اول' });
    await waitFor(() => searchOffices.mock.calls.length === 1);
    hook.result.current.ask({ mode: 'search', q: 'دوم' });
    await waitFor(() => codes().join() === 'second');
    answerFirst(page(['first']));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(codes()).toEqual(['second']);
  });
});
