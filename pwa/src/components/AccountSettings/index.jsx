// Settings › Account: who is signed in (name, masked national code and mobile) and signing out,
// which also deletes everything personal kept on this device.

import { useState } from 'preact/hooks';
import { faDigits, t } from '../../i18n/index.js';
import { signOut, useSession } from '../../lib/session.js';
import { SignInLink } from '../SignInLink/index.jsx';
import './style.css';

function SignedIn({ me }) {
  const [state, setState] = useState('idle'); // idle | signing-out | failed

  async function onSignOut() {
    // Briefs still waiting on this device are deleted with everything else: say so first.
    const unsent = await import('../../lib/brief-outbox.js')
      .then((outbox) => outbox.unsentCount(me.account))
      .catch(() => 0);
    if (unsent > 0 && !window.confirm(t('briefs.unsent_on_sign_out', { count: unsent }))) return;
    setState('signing-out');
    try {
      await signOut(); // navigates away on success
    } catch (error) {
      console.error('[account] sign-out failed', error);
      setState('failed');
    }
  }

  return (
    <>
      <dl class="account-settings__facts">
        <div>
          <dt>{t('auth.account.name')}</dt>
          <dd class="account-settings__name">{me.name}</dd>
        </div>
        {me.national_code && (
          <div>
            <dt>{t('auth.account.national_code')}</dt>
            <dd dir="ltr" class="account-settings__code">{faDigits(me.national_code)}</dd>
          </div>
        )}
        {me.mobile && (
          <div>
            <dt>{t('auth.account.mobile')}</dt>
            <dd dir="ltr" class="account-settings__code">{faDigits(me.mobile)}</dd>
          </div>
        )}
      </dl>
      <p id="sign-out-hint" class="settings-view__hint">
        {t('auth.account.sign_out_hint')}
      </p>
      <button
        type="button"
        class="button account-settings__sign-out"
        onClick={onSignOut}
        disabled={state === 'signing-out'}
        aria-describedby="sign-out-hint"
      >
        {state === 'signing-out' ? t('auth.account.signing_out') : t('auth.account.sign_out')}
      </button>
      {state === 'failed' && (
        <p class="account-settings__error" role="alert">
          {t('auth.account.sign_out_failed')}
        </p>
      )}
    </>
  );
}

export function AccountSettings() {
  const session = useSession();
  let body;
  if (session.status === 'signed-in') body = <SignedIn me={session.me} />;
  else if (session.status === 'signed-out') {
    body = (
      <>
        <p class="settings-view__hint">{t('auth.account.signed_out')}</p>
        <SignInLink />
      </>
    );
  } else if (session.unreachable) body = <p class="settings-view__hint">{t('auth.account.offline')}</p>;
  else body = <p class="settings-view__hint" role="status">{t('common.loading')}</p>;

  return (
    <section id="account" class="account-settings" aria-labelledby="account-title">
      <h2 id="account-title" class="account-settings__title">
        {t('auth.account.title')}
      </h2>
      {body}
    </section>
  );
}
