// Hook: the office finder's question and its answer. A question is one of: the nearest offices to a
// point, a text search, or a province (and city); filters apply to all three; further pages append.
// Answers come from the server, or from the registry kept on this device when the server can't be reached.

import { useEffect, useState } from 'preact/hooks';
import { NO_FILTERS } from './components/FilterSheet/index.jsx';
import { nearestOffices, searchOffices } from './data.js';

export const PAGE_SIZE = 20;
const NEAREST_LIMIT = 10;
const IDLE = { status: 'idle', items: [] };

async function answer(query, filters, page) {
  if (query.mode === 'nearest') {
    const { items, offline } = await nearestOffices({ lat: query.lat, lon: query.lon, limit: NEAREST_LIMIT, ...filters });
    return { items, total: items.length, page: 1, lastPage: 1, offline };
  }
  return searchOffices({ q: query.q, province: query.province, city: query.city, page, pageSize: PAGE_SIZE, ...filters });
}

/**
 * {query, filters, results, ask(query), setFilters(filters), more()}. query: null (nothing asked yet),
 * {mode: 'nearest', lat, lon}, {mode: 'search', q} or {mode: 'place', province, city}, with `page`.
 * results: {status: 'idle'|'loading'|'done'|'failed', items, total, page, lastPage, offline, error}.
 */
export function useOfficeSearch() {
  const [query, setQuery] = useState(null);
  const [filters, setFilterState] = useState(NO_FILTERS);
  const [results, setResults] = useState(IDLE);

  useEffect(() => {
    if (!query) return undefined;
    let live = true;
    const page = query.page || 1;
    setResults((previous) => ({ ...previous, status: 'loading', items: page > 1 ? previous.items : [] }));
    answer(query, filters, page).then(
      (found) =>
        live &&
        setResults((previous) => ({
          status: 'done',
          ...found,
          items: page > 1 ? [...previous.items, ...found.items] : found.items,
        })),
      (error) => live && setResults({ status: 'failed', items: [], error }),
    );
    return () => {
      live = false;
    };
  }, [query, filters]);

  return {
    query,
    filters,
    results,
    ask: setQuery,
    /** New filters start the list again from its first page. */
    setFilters(next) {
      setFilterState(next);
      if (query?.page > 1) setQuery({ ...query, page: 1 });
    },
    /** The next page, appended (text and place questions). */
    more() {
      setQuery({ ...query, page: results.page + 1 });
    },
  };
}
