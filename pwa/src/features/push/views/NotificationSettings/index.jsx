// «تنظیمات › اعلان‌ها»: this device's pushes (permission asked only after a tap, with the reason;
// how to allow them again when blocked; on iOS, add to the home screen first), what to be told
// about, reminder lead times, quiet hours, lock-screen details, a test push and my devices.

import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../../../../api/client.js';
import { useDocumentTitle } from '../../../../lib/use-document-title.js';
import { Chip } from '../../../../components/Chip/index.jsx';
import { SignedOutNotice } from '../../../../components/DataState/index.jsx';
import { getLanguage, t } from '../../../../i18n/index.js';
import { formatDate } from '../../../../lib/dates.js';
import {
  browserSubscription,
  disablePush,
  enablePush,
  permission,
  pushSupport,
  rememberedDevice,
} from '../../device.js';
import { useSession } from '../../../../lib/session.js';
import '../../../../components/settings-page.css';
import './style.css';

const QUIET = { redirectOnUnauthorized: false };
const TOPICS = ['notice', 'hearing_reminder', 'case_update', 'brief_status'];
const LEAD_TIMES = [168, 72, 48, 24, 12, 6, 2, 1];
const DEFAULT_QUIET = { start: '22:00', end: '07:00' };

function leadLabel(hours) {
  return hours >= 24 && hours % 24 === 0
    ? t('push.settings.lead_times.days', { count: hours / 24 })
    : t('push.settings.lead_times.hours', { count: hours });
}

function Message({ message }) {
  if (!message) return null;
  return (
    <p class={`push-settings__message push-settings__message--${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
      {message.text}
    </p>
  );
}

function ThisDevice({ subscribed, setSubscribed, onDevicesChanged }) {
  const support = pushSupport();
  const [allowed, setAllowed] = useState(permission);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState(null);

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

  const turnOn = () =>
    run(async () => {
      const result = await enablePush();
      setAllowed(result.permission);
      if (result.device) {
        setSubscribed(true);
        onDevicesChanged();
      }
    });
  const turnOff = () =>
    run(async () => {
      await disablePush();
      setSubscribed(false);
      onDevicesChanged();
    });
  const test = () =>
    run(async () => {
      const { devices } = await api.post('/api/v1/push/test', undefined, QUIET);
      setMessage({ tone: 'ok', text: t('push.settings.device.test_sent', { count: devices }) });
    });

  let body;
  if (support === 'ios-home-screen') {
    body = (
      <div class="push-settings__note">
        <h3>{t('push.settings.device.ios_title')}</h3>
        <p>{t('push.settings.device.ios_hint')}</p>
      </div>
    );
  } else if (support === 'unsupported') {
    body = <p class="push-settings__note">{t('push.settings.device.unsupported')}</p>;
  } else if (allowed === 'denied') {
    body = (
      <div class="push-settings__note push-settings__note--warning">
        <h3>{t('push.settings.device.denied_title')}</h3>
        <p>{t('push.settings.device.denied')}</p>
      </div>
    );
  } else if (subscribed === null) {
    body = <p class="settings-view__hint">{t('common.loading')}</p>;
  } else if (subscribed) {
    body = (
      <>
        <p class="push-settings__state">{t('push.settings.device.on')}</p>
        <div class="push-settings__actions">
          <button type="button" class="button" onClick={test} disabled={busy}>
            {t('push.settings.device.test')}
          </button>
          <button type="button" class="button button--secondary" onClick={turnOff} disabled={busy}>
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
        <button type="button" class="button" onClick={turnOn} disabled={busy} aria-describedby="push-why">
          {busy ? t('push.settings.device.working') : t('push.settings.device.enable')}
        </button>
      </>
    );
  }

  return (
    <section class="settings-view__group push-settings__device" aria-labelledby="push-device-title" aria-busy={busy ? 'true' : undefined}>
      <h2 id="push-device-title" class="settings-view__legend">
        {t('push.settings.device.legend')}
      </h2>
      {body}
      <Message message={message} />
    </section>
  );
}

function Switch({ checked, onChange, children, hint }) {
  return (
    <label class="push-settings__switch">
      <input type="checkbox" role="switch" checked={checked} onChange={(event) => onChange(event.currentTarget.checked)} />
      <span>
        {children}
        {hint && <span class="push-settings__switch-hint">{hint}</span>}
      </span>
    </label>
  );
}

function Preferences() {
  const [prefs, setPrefs] = useState(null);
  const [message, setMessage] = useState(null);
  const [quiet, setQuiet] = useState(DEFAULT_QUIET);

  useEffect(() => {
    api.get('/api/v1/push/preferences', QUIET).then(
      (answer) => {
        setPrefs(answer);
        if (answer.quiet_hours) setQuiet(answer.quiet_hours);
      },
      () => setMessage({ tone: 'error', text: t('push.settings.save_failed') }),
    );
  }, []);

  async function save(change) {
    const before = prefs;
    setPrefs({ ...prefs, ...change });
    setMessage(null);
    try {
      setPrefs(await api.put('/api/v1/push/preferences', { ...change, language: getLanguage() }, QUIET));
      setMessage({ tone: 'ok', text: t('push.settings.saved') });
    } catch (error) {
      console.error('[push] preferences', error);
      setPrefs(before);
      setMessage({ tone: 'error', text: t('push.settings.save_failed') });
    }
  }

  if (!prefs) return <Message message={message} />;
  const leads = new Set(prefs.lead_times);
  const toggleLead = (hours, on) => {
    const next = new Set(leads);
    if (on) next.add(hours);
    else next.delete(hours);
    save({ lead_times: [...next].sort((a, b) => b - a) });
  };

  return (
    <>
      <fieldset class="settings-view__group">
        <legend class="settings-view__legend">{t('push.settings.topics.legend')}</legend>
        <div class="push-settings__list">
          {TOPICS.map((topic) => (
            <Switch key={topic} checked={prefs.topics[topic]} onChange={(on) => save({ topics: { ...prefs.topics, [topic]: on } })}>
              {t(`push.settings.topics.${topic}`)}
            </Switch>
          ))}
        </div>
      </fieldset>

      <fieldset class="settings-view__group" aria-describedby="push-leads-hint">
        <legend class="settings-view__legend">{t('push.settings.lead_times.legend')}</legend>
        <p id="push-leads-hint" class="settings-view__hint">
          {t('push.settings.lead_times.hint')}
        </p>
        <div class="push-settings__leads">
          {LEAD_TIMES.map((hours) => (
            <label key={hours} class="choice">
              <input type="checkbox" checked={leads.has(hours)} onChange={(event) => toggleLead(hours, event.currentTarget.checked)} />
              <span>{leadLabel(hours)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset class="settings-view__group" aria-describedby="push-quiet-hint">
        <legend class="settings-view__legend">{t('push.settings.quiet.legend')}</legend>
        <p id="push-quiet-hint" class="settings-view__hint">
          {t('push.settings.quiet.hint')}
        </p>
        <Switch checked={Boolean(prefs.quiet_hours)} onChange={(on) => save({ quiet_hours: on ? quiet : null })}>
          {t('push.settings.quiet.enabled')}
        </Switch>
        {prefs.quiet_hours && (
          <div class="push-settings__times">
            {['start', 'end'].map((edge) => (
              <label key={edge} class="push-settings__time">
                <span>{t(`push.settings.quiet.${edge}`)}</span>
                <input
                  type="time"
                  dir="ltr"
                  value={quiet[edge]}
                  onChange={(event) => {
                    const next = { ...quiet, [edge]: event.currentTarget.value };
                    setQuiet(next);
                    if (next.start && next.end) save({ quiet_hours: next });
                  }}
                />
              </label>
            ))}
          </div>
        )}
      </fieldset>

      <fieldset class="settings-view__group">
        <legend class="settings-view__legend">{t('push.settings.details.legend')}</legend>
        <Switch checked={prefs.show_details} onChange={(on) => save({ show_details: on })} hint={t('push.settings.details.hint')}>
          {t('push.settings.details.label')}
        </Switch>
      </fieldset>
      <Message message={message} />
    </>
  );
}

function Devices({ version, onRemovedThis }) {
  const [devices, setDevices] = useState(null);
  const [message, setMessage] = useState(null);
  const current = rememberedDevice();

  const load = useCallback(() => {
    api.get('/api/v1/push/subscriptions', QUIET).then(
      (answer) => setDevices(answer.devices),
      () => setMessage({ tone: 'error', text: t('common.request_failed') }),
    );
  }, []);
  useEffect(load, [load, version]);

  async function remove(device) {
    setMessage(null);
    try {
      if (device.id === current) {
        await disablePush();
        onRemovedThis();
      } else {
        await api.delete(`/api/v1/push/subscriptions/${device.id}`, QUIET);
      }
      load();
    } catch (error) {
      console.error('[push] removing a device', error);
      setMessage({ tone: 'error', text: t('common.request_failed') });
    }
  }

  return (
    <section class="settings-view__group" aria-labelledby="push-devices-title">
      <h2 id="push-devices-title" class="settings-view__legend">
        {t('push.settings.devices.legend')}
      </h2>
      {devices && !devices.length && <p class="settings-view__hint">{t('push.settings.devices.empty')}</p>}
      {devices && devices.length > 0 && (
        <ul class="push-devices">
          {devices.map((device) => (
            <li key={device.id} class="push-devices__item">
              <div class="push-devices__name">
                <bdi>{device.label}</bdi>
                {device.id === current && <Chip tone="active">{t('push.settings.devices.this_device')}</Chip>}
              </div>
              <p class="push-devices__line">
                {t('push.settings.devices.added', { date: formatDate(device.created_at, { weekday: false }) })}
                {device.last_success_at &&
                  ` · ${t('push.settings.devices.last_success', { date: formatDate(device.last_success_at, { weekday: false }) })}`}
              </p>
              <button
                type="button"
                class="button button--secondary"
                onClick={() => remove(device)}
                aria-label={t('push.settings.devices.remove_label', { label: device.label })}
              >
                {t('push.settings.devices.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <Message message={message} />
    </section>
  );
}

export default function NotificationSettingsView() {
  const title = t('push.settings.title');
  useDocumentTitle(title);
  const session = useSession();
  const [subscribed, setSubscribed] = useState(null); // this device: null while checking
  const [version, setVersion] = useState(0);
  const devicesChanged = useCallback(() => setVersion((value) => value + 1), []);

  useEffect(() => {
    if (pushSupport() !== 'supported') return;
    browserSubscription().then(
      (subscription) => setSubscribed(Boolean(subscription && rememberedDevice())),
      () => setSubscribed(false),
    );
  }, []);

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
        <>
          <ThisDevice subscribed={subscribed} setSubscribed={setSubscribed} onDevicesChanged={devicesChanged} />
          <Preferences />
          <Devices version={version} onRemovedThis={() => setSubscribed(false)} />
        </>
      )}
    </section>
  );
}
