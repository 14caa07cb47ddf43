// The settings feature as the shell sees it: the settings place (language, notifications, account, version).

import { SettingsIcon } from '../../components/Icon/index.jsx';

export default {
  name: 'settings',
  routes: [
    {
      path: '/settings',
      place: { labelKey: 'nav.settings', Icon: SettingsIcon },
      load: () => import('./views/Settings/index.jsx'),
    },
  ],
};
