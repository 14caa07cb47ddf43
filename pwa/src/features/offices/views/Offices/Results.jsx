// The answer to the finder's question: its title, the filters and map buttons, whether it comes from
// this device's copy, the map (on demand), the offices, and «بیشتر» while there are more pages.

import { t } from '../../../../i18n/index.js';
import { filterCount } from '../../components/FilterSheet/index.jsx';
import { OfficeCard } from '../../components/OfficeCard/index.jsx';
import { OfflineNotice } from '../../components/OfflineNotice/index.jsx';

function resultsTitle(query) {
  if (query.mode === 'nearest') return t('offices.results.nearest');
  if (query.mode === 'search') return t('offices.results.search', { q: query.q });
  if (query.city) return t('offices.results.city', { city: query.city });
  return t('offices.results.province', { province: t(`catalog.provinces.${query.province}`) });
}

function Status({ query, results }) {
  const { status, items } = results;
  return (
    <>
      <p class="offices-view__status" role="status">
        {status === 'loading' && t('offices.results.loading')}
        {status === 'done' && items.length === 0 && t('offices.results.none')}
        {status === 'done' && items.length > 0 && query.mode !== 'nearest' && t('offices.results.count', { count: results.total })}
      </p>
      {status === 'failed' && (
        <p class="offices-view__warning" role="alert">
          {results.error?.title || t('offices.results.failed')}
        </p>
      )}
    </>
  );
}

/** search: useOfficeSearch(); map: useOfficeMap(); onFilters() opens the filter sheet. */
export function Results({ search, map, tileUrl, onFilters }) {
  const { query, results, filters } = search;
  const count = filterCount(filters);
  const { Map } = map;
  const now = new Date();
  return (
    <section class="offices-view__results" aria-labelledby="results-title" aria-busy={results.status === 'loading' ? 'true' : 'false'}>
      <div class="offices-view__results-head">
        <h2 id="results-title" class="offices-view__subtitle">
          {resultsTitle(query)}
        </h2>
        <div class="offices-view__tools">
          <button type="button" class="button offices-view__secondary" onClick={onFilters} aria-haspopup="dialog">
            {count ? t('offices.filters.open_count', { count }) : t('offices.filters.open')}
          </button>
          <button type="button" class="button offices-view__secondary" onClick={map.toggle} aria-expanded={map.open ? 'true' : 'false'}>
            {map.open ? t('offices.map.hide') : t('offices.map.show')}
          </button>
        </div>
      </div>
      <OfflineNotice offline={results.offline} class="offices-view__offline" />
      {map.failed && (
        <p class="offices-view__warning" role="alert">
          {t('offices.map.failed')}
        </p>
      )}
      {map.open && Map && results.items.length > 0 && (
        <Map offices={results.items} you={query.mode === 'nearest' ? query : null} tileUrl={tileUrl} />
      )}
      <Status query={query} results={results} />
      {results.items.length > 0 && (
        <ol class="offices-view__list">
          {results.items.map((office) => (
            <OfficeCard key={office.code} office={office} now={now} />
          ))}
        </ol>
      )}
      {results.status === 'done' && results.page < results.lastPage && (
        <button type="button" class="button offices-view__secondary offices-view__more" onClick={search.more}>
          {t('offices.results.more')}
        </button>
      )}
    </section>
  );
}
