// The top bar: the app's name and mark, the account corner (sign in / who is signed in), and the
// sample-data banner under it when relevant.

import { t } from '../../i18n/index.js';
import { useSession } from '../../lib/session.js';
import { ScalesIcon } from '../Icon/index.jsx';
import { SandboxBanner } from '../SandboxBanner/index.jsx';
import { HeaderAccount } from '../SignInLink/index.jsx';
import './style.css';

export function AppHeader() {
  const session = useSession();
  return (
    <header class="app-header">
      <div class="app-header__bar">
        <ScalesIcon />
        <span class="app-header__name">{t('common.app_name')}</span>
        <HeaderAccount session={session} />
      </div>
      <SandboxBanner />
    </header>
  );
}
