// «ورود با حساب ملی»: a real navigation to the server's /auth/login that brings the citizen back here.

import { useLocation } from 'preact-iso';
import { t } from '../../i18n/index.js';
import { rememberReturn, signInHref } from '../../lib/session.js';
import { PersonIcon } from '../Icon/index.jsx';

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
