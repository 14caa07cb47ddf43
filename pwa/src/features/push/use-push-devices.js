// Hook: the devices that get this citizen's pushes, and removing one (this device: pushes off here too).

import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { listDevices, removeDevice } from './api.js';
import { disablePush, rememberedDevice } from './device.js';

/**
 * {devices (null while loading), current (this device's id, or null), message, remove(device)}.
 * Loaded again whenever `version` changes; `onRemovedThis()` when this very device was removed.
 */
export function usePushDevices({ version = 0, onRemovedThis = () => {} } = {}) {
  const [devices, setDevices] = useState(null);
  const [message, setMessage] = useState(null);
  const current = rememberedDevice();

  const load = useCallback(() => {
    listDevices().then(setDevices, () => setMessage({ tone: 'error', text: t('common.request_failed') }));
  }, []);
  useEffect(load, [load, version]);

  async function remove(device) {
    setMessage(null);
    try {
      if (device.id === current) {
        await disablePush();
        onRemovedThis();
      } else {
        await removeDevice(device.id);
      }
      load();
    } catch (error) {
      console.error('[push] removing a device', error);
      setMessage({ tone: 'error', text: t('common.request_failed') });
    }
  }

  return { devices, current, message, remove };
}
