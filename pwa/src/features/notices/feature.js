// The notices feature as the shell sees it: the electronic notices (a place) and one notice.

import { NoticeIcon } from '../../components/Icon/index.jsx';

export default {
  name: 'notices',
  routes: [
    {
      path: '/notices',
      place: { labelKey: 'nav.notices', Icon: NoticeIcon },
      load: () => import('./views/Notices/index.jsx'),
    },
    { path: '/notices/:id', load: () => import('./views/Notice/index.jsx') },
  ],
};
