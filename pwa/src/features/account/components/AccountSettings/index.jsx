// Settings › Account: who is signed in (name, masked national code and mobile) and signing out,
// which also deletes everything personal kept on this device.

import { useState } from 'preact/hooks';
import { SignInLink } from '../../../../components/SignInLink/index.jsx';
import { faDigits, t } from '../../../../i18n/index.js';
import { signOut, useSession } from '../../../../lib/session.js';
import { unsentCount } from '../../../briefs/index.js';
import '../../../../components/settings-page.css';
import './style.css';

/** «حذف اطلاعات من»: one action deletes what the server and this device keep about the citizen. */
function EraseMyData({ me }) {
  const [state, setState] = useState('idle'); // idle | erasing | done | failed

  async function onErase() {
    const unsent = await unsentCount(me.account).catch(() => 0);
    const question = unsent > 0 ? t('auth.erase.confirm_unsent', { count: unsent }) : t('auth.erase.confirm');
    if (!window.confirm(question)) return;
    setState('erasing');
    try {
      const { eraseMyData } = await import('../../erase.js');
      await eraseMyData();
      setState('done');
    } catch (error) {
      console.error('[account] erasing failed', error);
      setState('failed');
    }
  }

  return (
    <div class="account-settings__erase">
      <h3 class="account-settings__subtitle">{t('auth.erase.title')}</h3>
      <p id="erase-hint" class="settings-view__hint">
        {t('auth.erase.hint')}
      </p>
      <button
        type="button"
        class="button account-settings__erase-button"
        onClick={onErase}
        disabled={state === 'erasing'}
        aria-describedby="erase-hint"
      >
        {state === 'erasing' ? t('auth.erase.erasing') : t('auth.erase.button')}
      </button>
      {state === 'done' && (
        <p class="account-settings__done" role="status">
          {t('auth.erase.done')}
        </p>
      )}
      {state === 'failed' && (
        <p class="account-settings__error" role="alert">
          {t('auth.erase.failed')}
        </p>
      )}
    </div>
  );
}

function SignedIn({ me }) {
  const [state, setState] = useState('idle'); // idle | signing-out | failed

  async function onSignOut() {
    // Briefs still waiting on this device are deleted with everything else: say so first.
    const unsent = await unsentCount(me.account).catch(() => 0);
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
      <EraseMyData me={me} />
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
