// The offices (/offices): «دفاتر نزدیک من» (location asked only after that tap), search, province and
// city picker with recent cities, filters, results with open state and distance, and a map on demand.
// Offline, the same questions are answered from the registry kept on the phone, marked with its date.

import { useRef, useState } from 'preact/hooks';
import { useAppConfig } from '../../../../api/app-config.js';
import { t } from '../../../../i18n/index.js';
import { useDocumentTitle } from '../../../../lib/use-document-title.js';
import { FilterSheet } from '../../components/FilterSheet/index.jsx';
import { useNearMe } from '../../use-near-me.js';
import { useOfficeMap } from '../../use-office-map.js';
import { useOfficeSearch } from '../../use-office-search.js';
import { useRegistry } from '../../use-registry.js';
import { NearMe } from './NearMe.jsx';
import { Picker } from './Picker.jsx';
import { Results } from './Results.jsx';
import { SearchForm } from './SearchForm.jsx';
import './style.css';

export default function OfficesView() {
  const title = t('offices.title');
  useDocumentTitle(title);
  const { mapTileUrl } = useAppConfig();
  const provinceRef = useRef(null);
  const [sheetOpen, setSheetOpen] = useState(false);
  const nearMe = useNearMe();
  const search = useOfficeSearch();
  const map = useOfficeMap();
  const { cities, offlineReady } = useRegistry();

  async function findNearMe() {
    const coords = await nearMe.ask();
    if (coords) search.ask({ mode: 'nearest', ...coords });
    else provinceRef.current?.focus(); // the picker is the way on without a location
  }

  return (
    <section class="view offices-view" aria-labelledby="offices-title" data-offline-ready={offlineReady ? 'true' : undefined}>
      <h1 id="offices-title" tabIndex={-1}>
        {title}
      </h1>
      <p class="view__lead">{t('offices.lead')}</p>
      <NearMe state={nearMe.state} onLocate={findNearMe} />
      <SearchForm initial="" onSearch={(q) => search.ask({ mode: 'search', q })} />
      <Picker provinceRef={provinceRef} cities={cities} onPick={(province, city) => search.ask({ mode: 'place', province, city })} />
      {search.query && <Results search={search} map={map} tileUrl={mapTileUrl} onFilters={() => setSheetOpen(true)} />}
      {offlineReady && <p class="offices-view__hint offices-view__ready">{t('offices.offline.ready')}</p>}
      <FilterSheet
        open={sheetOpen}
        filters={search.filters}
        onClose={() => setSheetOpen(false)}
        onApply={(next) => {
          setSheetOpen(false);
          search.setFilters(next);
        }}
      />
    </section>
  );
}
