// The bottom navigation: the four places of the app, the current one marked for assistive technology.

import { useLocation } from 'preact-iso';
import { t } from '../../i18n/index.js';
import './style.css';

/** Whether `place` is where `path` is: the place itself or anything under it ("/" counts as the first place). */
export function isCurrentPlace(place, path, places) {
  if (path === '/' && places[0] === place) return true;
  return path === place.path || path.startsWith(`${place.path}/`);
}

/** places: [{path, labelKey, Icon}] */
export function BottomNav({ places }) {
  const { path } = useLocation();
  return (
    <nav class="bottom-nav" aria-label={t('nav.label')}>
      <ul class="bottom-nav__list">
        {places.map((place) => {
          const current = isCurrentPlace(place, path, places);
          const { Icon } = place;
          return (
            <li key={place.path}>
              <a class="bottom-nav__link" href={place.path} aria-current={current ? 'page' : undefined}>
                <span class="bottom-nav__icon">
                  <Icon />
                </span>
                <span class="bottom-nav__label">{t(place.labelKey)}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
