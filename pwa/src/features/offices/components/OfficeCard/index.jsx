// One office in a list: its name (the link to its page), kind, counters, city, open state and distance.

import { faDigits, t } from '../../../../i18n/index.js';
import { distanceText, kindLabel } from '../../format.js';
import { OpenStatus } from '../OpenStatus/index.jsx';
import './style.css';

export function OfficeCard({ office, now }) {
  return (
    <li class="office-card" data-code={office.code}>
      <h3 class="office-card__name">
        <a class="office-card__link" href={`/offices/${encodeURIComponent(office.code)}`}>
          {faDigits(office.name)}
        </a>
      </h3>
      {office.distance_km !== undefined && (
        <p class="office-card__distance">{distanceText(office.distance_km)}</p>
      )}
      <p class="office-card__meta">
        <span>{kindLabel(office.kind)}</span>
        <span>{t('offices.card.counters', { count: office.counters })}</span>
        <span>{office.city}</span>
      </p>
      <p class="office-card__address">{faDigits(office.address)}</p>
      <OpenStatus office={office} now={now} />
    </li>
  );
}
