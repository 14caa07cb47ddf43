// The top bar: the app's name and mark, and the sample-data banner under it when relevant.

import { t } from '../../i18n/index.js';
import { ScalesIcon } from '../Icon/index.jsx';
import { SandboxBanner } from '../SandboxBanner/index.jsx';
import './style.css';

export function AppHeader() {
  return (
    <header class="app-header">
      <div class="app-header__bar">
        <ScalesIcon />
        <span class="app-header__name">{t('common.app_name')}</span>
      </div>
      <SandboxBanner />
    </header>
  );
}
