// The province and city picker, with the cities picked lately on this device as one-tap chips.

import { useMemo, useState } from 'preact/hooks';
import { getLocale, t } from '../../../../i18n/index.js';
import { recentCities, rememberCity } from '../../data.js';

/** cities: {provinceCode: [city…]} (null while loading); onPick(province, city | null). */
export function Picker({ provinceRef, cities, onPick }) {
  const [province, setProvince] = useState('');
  const [city, setCity] = useState('');
  const [recent, setRecent] = useState(recentCities);
  const collator = useMemo(() => new Intl.Collator(getLocale()), [getLocale()]);
  const provinces = Object.keys(cities || {})
    .map((code) => ({ code, label: t(`catalog.provinces.${code}`) }))
    .sort((a, b) => collator.compare(a.label, b.label));

  function pick(provinceCode, cityName) {
    if (cityName) setRecent(rememberCity(provinceCode, cityName)); // the cities picked lately come first
    onPick(provinceCode, cityName);
  }

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
                <button type="button" class="offices-view__chip" onClick={() => pick(item.province, item.city)}>
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
          if (province) pick(province, city || null);
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
