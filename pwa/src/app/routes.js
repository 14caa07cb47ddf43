// The route table. Each feature declares itself in features/<name>/feature.js: its routes (each view a
// lazily loaded chunk), optionally a place in the bottom navigation, and optionally start-up work.
// Adding a feature is its folder and one entry in FEATURES.

import account from '../features/account/feature.js';
import briefs from '../features/briefs/feature.js';
import cases from '../features/cases/feature.js';
import notices from '../features/notices/feature.js';
import offices from '../features/offices/feature.js';
import push from '../features/push/feature.js';
import settings from '../features/settings/feature.js';
import { lazyView } from './lazy-view.jsx';

/** Every feature of the app; their places appear in the bottom navigation in this order. */
export const FEATURES = [offices, cases, notices, settings, briefs, push, account];

/**
 * Orders routes as the router must try them (the first match wins): segment by segment, a fixed segment
 * before a parameter ("/cases/hearings" before "/cases/:id"); equal shapes keep their order.
 */
export function compareRoutes(a, b) {
  const shape = (route) => route.path.split('/').map((segment) => (segment.startsWith(':') ? 1 : 0));
  const left = shape(a);
  const right = shape(b);
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    if (left[index] !== right[index]) return left[index] - right[index];
  }
  return left.length - right.length;
}

/** Every route, in the order the router tries them: [{path, View, place?, feature}]. */
export const ROUTES = FEATURES.flatMap((feature) =>
  feature.routes.map(({ load, ...route }) => ({ ...route, feature: feature.name, View: lazyView(load) })),
).sort(compareRoutes);

/** The places of the bottom navigation: [{path, labelKey, Icon, View}]. */
export const PLACES = ROUTES.filter((route) => route.place).map(({ path, place, View }) => ({ path, ...place, View }));

/** Shown for "/" (the first place) */
export const HOME = PLACES[0];

export const NotFoundView = lazyView(() => import('./NotFound/index.jsx'));

/** Runs every feature's start-up work once the page has loaded; `context.serviceWorker`: one is registered. */
export function startFeatures(context) {
  for (const feature of FEATURES) {
    if (!feature.start) continue;
    Promise.resolve()
      .then(() => feature.start(context))
      .catch((error) => console.warn(`[${feature.name}] could not start`, error));
  }
}
