// «این دستگاه»: pushes on this device — on iOS, add to the home screen first; blocked, how to allow them
// again; otherwise turn them on (the browser asks only after this tap, with the reason beside it), off,
// or send a test.

import { t } from '../../../../i18n/index.js';
import { Message } from './parts.jsx';

/** device: useThisDevice(). */
export function ThisDevice({ device }) {
  let body;
  if (device.support === 'ios-home-screen') {
    body = (
      <div class="push-settings__note">
        <h3>{t('push.settings.device.ios_title')}</h3>
        <p>{t('push.settings.device.ios_hint')}</p>
      </div>
    );
  } else if (device.support === 'unsupported') {
    body = <p class="push-settings__note">{t('push.settings.device.unsupported')}</p>;
  } else if (device.allowed === 'denied') {
    body = (
      <div class="push-settings__note push-settings__note--warning">
        <h3>{t('push.settings.device.denied_title')}</h3>
        <p>{t('push.settings.device.denied')}</p>
      </div>
    );
  } else if (device.subscribed === null) {
    body = <p class="settings-view__hint">{t('common.loading')}</p>;
  } else if (device.subscribed) {
    body = (
      <>
        <p class="push-settings__state">{t('push.settings.device.on')}</p>
        <div class="push-settings__actions">
          <button type="button" class="button" onClick={device.test} disabled={device.busy}>
            {t('push.settings.device.test')}
          </button>
          <button type="button" class="button button--secondary" onClick={device.turnOff} disabled={device.busy}>
            {t('push.settings.device.disable')}
          </button>
        </div>
      </>
    );
  } else {
    body = (
      <>
        <p id="push-why" class="settings-view__hint">
          {t('push.settings.device.why')}
        </p>
        <button type="button" class="button" onClick={device.turnOn} disabled={device.busy} aria-describedby="push-why">
          {device.busy ? t('push.settings.device.working') : t('push.settings.device.enable')}
        </button>
      </>
    );
  }

  return (
    <section class="settings-view__group push-settings__device" aria-labelledby="push-device-title" aria-busy={device.busy ? 'true' : undefined}>
      <h2 id="push-device-title" class="settings-view__legend">
        {t('push.settings.device.legend')}
      </h2>
      {body}
      <Message message={device.message} />
    </section>
  );
}
