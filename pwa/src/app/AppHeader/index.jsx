// The top bar: the app's name and mark, the account corner (sign in / who is signed in), and the
// sample-data banner under it when relevant.

import { PersonIcon, ScalesIcon } from '../../components/Icon/index.jsx';
import { SignInLink } from '../../components/SignInLink/index.jsx';
import { t } from '../../i18n/index.js';
import { useSession } from '../../lib/session.js';
import { SandboxBanner } from '../SandboxBanner/index.jsx';
import './style.css';

/** The header's corner: the sign-in link when signed out, a link to the account when signed in. */
export function HeaderAccount({ session }) {
  if (session.status === 'signed-out') return <SignInLink class="header-account" />;
  if (session.status !== 'signed-in') return null;
  const name = session.me.name;
  return (
    <a class="header-account" href="/settings#account" aria-label={t('auth.account.header_link', { name })}>
      <PersonIcon size={20} />
      <span class="header-account__name">{name}</span>
    </a>
  );
}

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
