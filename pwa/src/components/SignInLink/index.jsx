// «ورود با حساب ملی»: a real navigation to the server's /auth/login that brings the citizen back here.

import { useLocation } from 'preact-iso';
import { t } from '../../i18n/index.js';
import { rememberReturn, signInHref } from '../../lib/session.js';
import { PersonIcon } from '../Icon/index.jsx';
import './style.css';

export function SignInLink({ class: className = 'button', label }) {
  const { url } = useLocation();
  const href = signInHref(url);
  return (
    <a class={className} href={href} onClick={() => rememberReturn(href)}>
      <PersonIcon size={20} />
      <span>{label || t('auth.sign_in')}</span>
    </a>
  );
}

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
