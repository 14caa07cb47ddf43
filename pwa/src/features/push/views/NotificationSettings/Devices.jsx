// «دستگاه‌های من»: the devices that get this citizen's pushes, this one marked, each removable.

import { Chip } from '../../../../components/Chip/index.jsx';
import { t } from '../../../../i18n/index.js';
import { formatDate } from '../../../../lib/dates.js';
import { Message } from './parts.jsx';

/** list: usePushDevices(). */
export function Devices({ list }) {
  return (
    <section class="settings-view__group" aria-labelledby="push-devices-title">
      <h2 id="push-devices-title" class="settings-view__legend">
        {t('push.settings.devices.legend')}
      </h2>
      {list.devices && !list.devices.length && <p class="settings-view__hint">{t('push.settings.devices.empty')}</p>}
      {list.devices && list.devices.length > 0 && (
        <ul class="push-devices">
          {list.devices.map((device) => (
            <li key={device.id} class="push-devices__item">
              <div class="push-devices__name">
                <bdi>{device.label}</bdi>
                {device.id === list.current && <Chip tone="active">{t('push.settings.devices.this_device')}</Chip>}
              </div>
              <p class="push-devices__line">
                {t('push.settings.devices.added', { date: formatDate(device.created_at, { weekday: false }) })}
                {device.last_success_at &&
                  ` · ${t('push.settings.devices.last_success', { date: formatDate(device.last_success_at, { weekday: false }) })}`}
              </p>
              <button
                type="button"
                class="button button--secondary"
                onClick={() => list.remove(device)}
                aria-label={t('push.settings.devices.remove_label', { label: device.label })}
              >
                {t('push.settings.devices.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <Message message={list.message} />
    </section>
  );
}
