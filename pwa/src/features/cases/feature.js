// The cases feature as the shell sees it: my cases (a place), one case, and the upcoming hearings.

import { CaseIcon } from '../../components/Icon/index.jsx';

export default {
  name: 'cases',
  routes: [
    { path: '/cases', place: { labelKey: 'nav.cases', Icon: CaseIcon }, load: () => import('./views/Cases/index.jsx') },
    { path: '/cases/hearings', load: () => import('./views/Hearings/index.jsx') },
    { path: '/cases/:id', load: () => import('./views/Case/index.jsx') },
  ],
};
