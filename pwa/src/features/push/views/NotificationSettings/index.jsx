// «تنظیمات › اعلان‌ها»: this device's pushes (permission asked only after a tap, with the reason;
// how to allow them again when blocked; on iOS, add to the home screen first), what to be told
// about, reminder lead times, quiet hours, lock-screen details, a test push and my devices.

import { useReducer } from 'preact/hooks';
import { SignedOutNotice } from '../../../../components/DataState/index.jsx';
import { t } from '../../../../i18n/index.js';
import { useSession } from '../../../../lib/session.js';
import { useDocumentTitle } from '../../../../lib/use-document-title.js';
import { usePushDevices } from '../../use-push-devices.js';
import { useThisDevice } from '../../use-this-device.js';
import { Devices } from './Devices.jsx';
import { Preferences } from './Preferences.jsx';
import { ThisDevice } from './ThisDevice.jsx';
import '../../../../components/settings-page.css';
import './style.css';

function Settings() {
  // The devices list is read again whenever this device joins or leaves it.
  const [version, devicesChanged] = useReducer((count) => count + 1, 0);
  const device = useThisDevice({ onChange: devicesChanged });
  const list = usePushDevices({ version, onRemovedThis: device.forget });
  return (
    <>
      <ThisDevice device={device} />
      <Preferences />
      <Devices list={list} />
    </>
  );
}

export default function NotificationSettingsView() {
  const title = t('push.settings.title');
  useDocumentTitle(title);
  const session = useSession();
  return (
    <section class="view settings-view push-settings" aria-labelledby="push-settings-title">
      <nav class="push-settings__crumbs" aria-label={t('push.settings.breadcrumb')}>
        <a href="/settings">{t('settings.title')}</a>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">{title}</span>
      </nav>
      <h1 id="push-settings-title" tabIndex={-1}>
        {title}
      </h1>
      <p class="view__lead">{t('push.settings.link_hint')}</p>
      {session.status === 'signed-out' ? (
        <SignedOutNotice title={t('push.settings.sign_in')} body={t('push.settings.device.why')} />
      ) : (
        <Settings />
      )}
    </section>
  );
}
