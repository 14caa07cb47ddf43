// The offices feature as the shell sees it: the office finder (the first place, also at "/") and one office.

import { OfficeIcon } from '../../components/Icon/index.jsx';

export default {
  name: 'offices',
  routes: [
    {
      path: '/offices',
      place: { labelKey: 'nav.offices', Icon: OfficeIcon },
      load: () => import('./views/Offices/index.jsx'),
    },
    { path: '/offices/:code', load: () => import('./views/Office/index.jsx') },
  ],
};
