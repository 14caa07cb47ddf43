// Hook: this device and Web Push — whether it can get pushes, what the browser allows, whether it is
// subscribed here (not "some device of mine"), and turning pushes on (only from a tap), off, and testing.

import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/client.js';
import { t } from '../../i18n/index.js';
import { sendTestPush } from './api.js';
import { browserSubscription, disablePush, enablePush, permission, pushSupport, rememberedDevice } from './device.js';

/**
 * {support, allowed, subscribed (null while checking), busy, message: null | {tone, text},
 *  turnOn(), turnOff(), test(), forget()}. `onChange()` is called when this device joins or leaves the
 * citizen's devices; forget() marks it unsubscribed (it was removed from the devices list).
 */
export function useThisDevice({ onChange = () => {} } = {}) {
  const support = pushSupport();
  const [allowed, setAllowed] = useState(permission);
  const [subscribed, setSubscribed] = useState(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState(null);

  useEffect(() => {
    if (pushSupport() !== 'supported') return;
    browserSubscription().then(
      (subscription) => setSubscribed(Boolean(subscription && rememberedDevice())),
      () => setSubscribed(false),
    );
  }, []);

  async function run(action) {
    setBusy(true);
    setMessage(null);
    try {
      await action();
    } catch (error) {
      console.error('[push] this device', error);
      setMessage({ tone: 'error', text: error instanceof ApiError ? error.title : t('push.settings.device.failed') });
    } finally {
      setBusy(false);
    }
  }

  return {
    support,
    allowed,
    subscribed,
    busy,
    message,
    turnOn: () =>
      run(async () => {
        const result = await enablePush();
        setAllowed(result.permission);
        if (result.device) {
          setSubscribed(true);
          onChange();
        }
      }),
    turnOff: () =>
      run(async () => {
        await disablePush();
        setSubscribed(false);
        onChange();
      }),
    test: () =>
      run(async () => {
        const devices = await sendTestPush();
        setMessage({ tone: 'ok', text: t('push.settings.device.test_sent', { count: devices }) });
      }),
    forget: () => setSubscribed(false),
  };
}
