// The offices (/offices): «دفاتر نزدیک من» (location asked only after that tap), search, province and
// city picker with recent cities, filters, results with open state and distance, and a map on demand.
// Offline, the same questions are answered from the registry kept on the phone, marked with its date.

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useAppConfig } from '../../../../api/app-config.js';
import { useDocumentTitle } from '../../../../lib/use-document-title.js';
import { FilterSheet, NO_FILTERS, filterCount } from '../../components/FilterSheet/index.jsx';
import { OfficeCard } from '../../components/OfficeCard/index.jsx';
import { getLocale, t } from '../../../../i18n/index.js';
import { formatDate } from '../../../../lib/dates.js';
import {
  citiesByProvince,
  keepOfflineCopy,
  nearestOffices,
  recentCities,
  rememberCity,
  searchOffices,
} from '../../data.js';
import './style.css';

const PAGE_SIZE = 20;
const GEOLOCATION = { enableHighAccuracy: false, timeout: 15000, maximumAge: 5 * 60 * 1000 };

function whenIdle(callback) {
  if (typeof requestIdleCallback === 'function') return requestIdleCallback(callback, { timeout: 3000 });
  return setTimeout(callback, 500);
}

function locate() {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) {
      reject(Object.assign(new Error('no geolocation'), { code: 2 }));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ lat: position.coords.latitude, lon: position.coords.longitude }),
      reject,
      GEOLOCATION,
    );
  });
}

function NearMe({ state, onLocate }) {
  return (
    <section class="offices-view__near" aria-labelledby="near-me-why">
      <button type="button" class="button offices-view__near-button" onClick={onLocate} disabled={state === 'asking'}>
        <LocateIcon />
        <span>{t('offices.near_me.button')}</span>
      </button>
      <p id="near-me-why" class="offices-view__hint">
        {t('offices.near_me.why')}
      </p>
      {state === 'asking' && (
        <p class="offices-view__status" role="status">
          {t('offices.near_me.locating')}
        </p>
      )}
      {(state === 'denied' || state === 'unavailable') && (
        <p class="offices-view__warning" role="alert">
          {t(`offices.near_me.${state}`)}
        </p>
      )}
    </section>
  );
}

function LocateIcon() {
  return (
    <svg class="icon" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="7" />
      <circle cx="12" cy="12" r="2" />
      <path d="M12 2v3M12 19v3M2 12h3M19 12h3" />
    </svg>
  );
}

function SearchForm({ initial, onSearch }) {
  const [text, setText] = useState(initial);
  return (
    <form
      class="offices-view__search"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) onSearch(text.trim());
      }}
    >
      <label for="offices-q" class="offices-view__label">
        {t('offices.search.label')}
      </label>
      <div class="offices-view__search-row">
        <input
          id="offices-q"
          type="search"
          name="q"
          value={text}
          placeholder={t('offices.search.placeholder')}
          autocomplete="off"
          enterkeyhint="search"
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <button type="submit" class="button">
          {t('offices.search.submit')}
        </button>
      </div>
    </form>
  );
}

function Picker({ provinceRef, cities, recent, onPick }) {
  const [province, setProvince] = useState('');
  const [city, setCity] = useState('');
  const collator = useMemo(() => new Intl.Collator(getLocale()), [getLocale()]);
  const provinces = Object.keys(cities || {})
    .map((code) => ({ code, label: t(`catalog.provinces.${code}`) }))
    .sort((a, b) => collator.compare(a.label, b.label));
  return (
    <section class="offices-view__picker" aria-labelledby="picker-title">
      <h2 id="picker-title" class="offices-view__subtitle">
        {t('offices.picker.legend')}
      </h2>
      {recent.length > 0 && (
        <div class="offices-view__recent">
          <p class="offices-view__label" id="recent-title">
            {t('offices.picker.recent')}
          </p>
          <ul class="offices-view__recent-list" aria-labelledby="recent-title">
            {recent.map((item) => (
              <li key={`${item.province}/${item.city}`}>
                <button type="button" class="offices-view__chip" onClick={() => onPick(item.province, item.city)}>
                  {item.city}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form
        class="offices-view__picker-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (province) onPick(province, city || null);
        }}
      >
        <div class="offices-view__field">
          <label for="offices-province" class="offices-view__label">
            {t('offices.picker.province')}
          </label>
          <select
            id="offices-province"
            ref={provinceRef}
            name="province"
            value={province}
            onChange={(event) => {
              setProvince(event.currentTarget.value);
              setCity('');
            }}
          >
            <option value="">{t('offices.picker.choose_province')}</option>
            {provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <div class="offices-view__field">
          <label for="offices-city" class="offices-view__label">
            {t('offices.picker.city')}
          </label>
          <select id="offices-city" name="city" value={city} disabled={!province} onChange={(event) => setCity(event.currentTarget.value)}>
            <option value="">{t('offices.picker.all_cities')}</option>
            {(cities?.[province] || []).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button offices-view__secondary" disabled={!province}>
          {t('offices.picker.show')}
        </button>
      </form>
    </section>
  );
}

function resultsTitle(query) {
  if (!query) return '';
  if (query.mode === 'nearest') return t('offices.results.nearest');
  if (query.mode === 'search') return t('offices.results.search', { q: query.q });
  if (query.city) return t('offices.results.city', { city: query.city });
  return t('offices.results.province', { province: t(`catalog.provinces.${query.province}`) });
}

function OfflineNotice({ offline }) {
  if (!offline) return null;
  return (
    <p class="offices-view__offline" role="status">
      {t('offices.offline.notice', { date: offline.updatedAt ? formatDate(offline.updatedAt, { weekday: false }) : '—' })}
    </p>
  );
}

async function run(query, filters, page) {
  if (query.mode === 'nearest') {
    const { items, offline } = await nearestOffices({ lat: query.lat, lon: query.lon, limit: 10, ...filters });
    return { items, total: items.length, page: 1, lastPage: 1, offline };
  }
  return searchOffices({ q: query.q, province: query.province, city: query.city, page, pageSize: PAGE_SIZE, ...filters });
}

export default function OfficesView() {
  const title = t('offices.title');
  useDocumentTitle(title);
  const { mapTileUrl } = useAppConfig();
  const provinceRef = useRef(null);
  const [locating, setLocating] = useState('idle');
  const [query, setQuery] = useState(null);
  const [filters, setFilters] = useState(NO_FILTERS);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [results, setResults] = useState({ status: 'idle', items: [] });
  const [cities, setCities] = useState(null);
  const [recent, setRecent] = useState(recentCities);
  const [offlineReady, setOfflineReady] = useState(null);
  const [mapView, setMapView] = useState({ open: false, Map: null, failed: false });

  useEffect(() => {
    let live = true;
    citiesByProvince().then(
      (found) => live && setCities(found),
      () => live && setCities({}),
    );
    const idle = whenIdle(() =>
      keepOfflineCopy().then(
        (copy) => live && copy.kept && setOfflineReady(copy),
        () => {}, // offline with nothing kept yet: the server answers when it can
      ),
    );
    return () => {
      live = false;
      if (typeof cancelIdleCallback === 'function') cancelIdleCallback(idle);
      else clearTimeout(idle);
    };
  }, []);

  useEffect(() => {
    if (!query) return undefined;
    let live = true;
    setResults((previous) => ({ ...previous, status: 'loading', items: query.page > 1 ? previous.items : [] }));
    run(query, filters, query.page || 1).then(
      (found) =>
        live &&
        setResults((previous) => ({
          status: 'done',
          ...found,
          items: (query.page || 1) > 1 ? [...previous.items, ...found.items] : found.items,
        })),
      (error) => live && setResults({ status: 'failed', items: [], error }),
    );
    return () => {
      live = false;
    };
  }, [query, filters]);

  async function findNearMe() {
    setLocating('asking');
    try {
      const coords = await locate();
      setLocating('idle');
      setQuery({ mode: 'nearest', ...coords });
    } catch (error) {
      setLocating(error?.code === 1 ? 'denied' : 'unavailable');
      provinceRef.current?.focus();
    }
  }

  function pick(province, city) {
    if (city) setRecent(rememberCity(province, city));
    setQuery({ mode: 'place', province, city });
  }

  async function toggleMap() {
    if (mapView.open) {
      setMapView({ ...mapView, open: false });
      return;
    }
    try {
      const Map = mapView.Map || (await import('../../components/OfficeMap/index.jsx')).default;
      setMapView({ open: true, Map, failed: false });
    } catch (error) {
      console.error('[offices] the map could not be loaded', error);
      setMapView({ open: false, Map: null, failed: true });
    }
  }

  const now = new Date();
  const count = filterCount(filters);
  const { Map } = mapView;
  return (
    <section class="view offices-view" aria-labelledby="offices-title" data-offline-ready={offlineReady ? 'true' : undefined}>
      <h1 id="offices-title" tabIndex={-1}>
        {title}
      </h1>
      <p class="view__lead">{t('offices.lead')}</p>
      <NearMe state={locating} onLocate={findNearMe} />
      <SearchForm initial="" onSearch={(q) => setQuery({ mode: 'search', q })} />
      <Picker provinceRef={provinceRef} cities={cities} recent={recent} onPick={pick} />

      {query && (
        <section class="offices-view__results" aria-labelledby="results-title" aria-busy={results.status === 'loading' ? 'true' : 'false'}>
          <div class="offices-view__results-head">
            <h2 id="results-title" class="offices-view__subtitle">
              {resultsTitle(query)}
            </h2>
            <div class="offices-view__tools">
              <button type="button" class="button offices-view__secondary" onClick={() => setSheetOpen(true)} aria-haspopup="dialog">
                {count ? t('offices.filters.open_count', { count }) : t('offices.filters.open')}
              </button>
              <button type="button" class="button offices-view__secondary" onClick={toggleMap} aria-expanded={mapView.open ? 'true' : 'false'}>
                {mapView.open ? t('offices.map.hide') : t('offices.map.show')}
              </button>
            </div>
          </div>
          <OfflineNotice offline={results.offline} />
          {mapView.failed && (
            <p class="offices-view__warning" role="alert">
              {t('offices.map.failed')}
            </p>
          )}
          {mapView.open && Map && results.items.length > 0 && (
            <Map offices={results.items} you={query.mode === 'nearest' ? query : null} tileUrl={mapTileUrl} />
          )}
          <p class="offices-view__status" role="status">
            {results.status === 'loading' && t('offices.results.loading')}
            {results.status === 'done' && results.items.length === 0 && t('offices.results.none')}
            {results.status === 'done' && results.items.length > 0 && query.mode !== 'nearest' && t('offices.results.count', { count: results.total })}
          </p>
          {results.status === 'failed' && (
            <p class="offices-view__warning" role="alert">
              {results.error?.title || t('offices.results.failed')}
            </p>
          )}
          {results.items.length > 0 && (
            <ol class="offices-view__list">
              {results.items.map((office) => (
                <OfficeCard key={office.code} office={office} now={now} />
              ))}
            </ol>
          )}
          {results.status === 'done' && results.page < results.lastPage && (
            <button type="button" class="button offices-view__secondary offices-view__more" onClick={() => setQuery({ ...query, page: results.page + 1 })}>
              {t('offices.results.more')}
            </button>
          )}
        </section>
      )}

      {offlineReady && (
        <p class="offices-view__hint offices-view__ready">{t('offices.offline.ready')}</p>
      )}

      <FilterSheet
        open={sheetOpen}
        filters={filters}
        onClose={() => setSheetOpen(false)}
        onApply={(next) => {
          setSheetOpen(false);
          setFilters(next);
          if (query?.page > 1) setQuery({ ...query, page: 1 });
        }}
      />
    </section>
  );
}
