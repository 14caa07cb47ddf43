// What to be told about: topics, reminder lead times, quiet hours and lock-screen details, each saved
// as it changes.

import { t } from '../../../../i18n/index.js';
import { usePushPreferences } from '../../use-push-preferences.js';
import { Message, Switch } from './parts.jsx';

const TOPICS = ['notice', 'hearing_reminder', 'case_update', 'brief_status'];
const LEAD_TIMES = [168, 72, 48, 24, 12, 6, 2, 1];

function leadLabel(hours) {
  return hours >= 24 && hours % 24 === 0
    ? t('push.settings.lead_times.days', { count: hours / 24 })
    : t('push.settings.lead_times.hours', { count: hours });
}

export function Preferences() {
  const { prefs, quiet, message, save, toggleLead, setQuietTime } = usePushPreferences();
  if (!prefs) return <Message message={message} />;
  const leads = new Set(prefs.lead_times);

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
                  onChange={(event) => setQuietTime(edge, event.currentTarget.value)}
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
