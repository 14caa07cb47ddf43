// The places of the app: each a lazily loaded view (its own chunk), in bottom-navigation order.

import { CaseIcon, NoticeIcon, OfficeIcon, SettingsIcon } from '../components/Icon/index.jsx';
import { lazyView } from './lazy-view.jsx';

export const PLACES = [
  { path: '/offices', labelKey: 'nav.offices', Icon: OfficeIcon, View: lazyView(() => import('../views/Offices/index.jsx')) },
  { path: '/cases', labelKey: 'nav.cases', Icon: CaseIcon, View: lazyView(() => import('../views/Cases/index.jsx')) },
  { path: '/notices', labelKey: 'nav.notices', Icon: NoticeIcon, View: lazyView(() => import('../views/Notices/index.jsx')) },
  { path: '/settings', labelKey: 'nav.settings', Icon: SettingsIcon, View: lazyView(() => import('../views/Settings/index.jsx')) },
];

/**
 * Views inside the places (not in the bottom navigation), matched in this order before the
 * not-found view: put a fixed path before a parameter at the same depth ("/cases/hearings" before "/cases/:id").
 */
export const ROUTES = [
  { path: '/cases/hearings', View: lazyView(() => import('../views/Hearings/index.jsx')) },
  { path: '/cases/:id', View: lazyView(() => import('../views/Case/index.jsx')) },
  { path: '/cases/:id/briefs/new', View: lazyView(() => import('../views/BriefNew/index.jsx')) },
  { path: '/briefs', View: lazyView(() => import('../views/Briefs/index.jsx')) },
  { path: '/briefs/:id', View: lazyView(() => import('../views/Brief/index.jsx')) },
  { path: '/signin', View: lazyView(() => import('../views/SignIn/index.jsx')) },
  { path: '/offices/:code', View: lazyView(() => import('../views/Office/index.jsx')) },
  { path: '/notices/:id', View: lazyView(() => import('../views/Notice/index.jsx')) },
  { path: '/settings/notifications', View: lazyView(() => import('../views/NotificationSettings/index.jsx')) },
];

/** Shown for "/" (the first place) */
export const HOME = PLACES[0];

export const NotFoundView = lazyView(() => import('../views/NotFound/index.jsx'));
