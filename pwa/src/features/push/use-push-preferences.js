// Hook: what the citizen wants to be told about — topics, reminder lead times, quiet hours, lock-screen
// details. Each change is shown at once and saved; if saving fails, the change is undone and said so.

import { useEffect, useState } from 'preact/hooks';
import { getLanguage, t } from '../../i18n/index.js';
import { loadPreferences, savePreferences } from './api.js';

export const DEFAULT_QUIET = { start: '22:00', end: '07:00' };

/**
 * {prefs (null while loading), quiet (the quiet-hours times being edited), message, save(change),
 *  toggleLead(hours, on), setQuietTime(edge, time)}.
 */
export function usePushPreferences() {
  const [prefs, setPrefs] = useState(null);
  const [message, setMessage] = useState(null);
  const [quiet, setQuiet] = useState(DEFAULT_QUIET);

  useEffect(() => {
    loadPreferences().then(
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
      setPrefs(await savePreferences({ ...change, language: getLanguage() }));
      setMessage({ tone: 'ok', text: t('push.settings.saved') });
    } catch (error) {
      console.error('[push] preferences', error);
      setPrefs(before);
      setMessage({ tone: 'error', text: t('push.settings.save_failed') });
    }
  }

  function toggleLead(hours, on) {
    const next = new Set(prefs.lead_times);
    if (on) next.add(hours);
    else next.delete(hours);
    save({ lead_times: [...next].sort((a, b) => b - a) });
  }

  /** Saved once both times are set. */
  function setQuietTime(edge, time) {
    const next = { ...quiet, [edge]: time };
    setQuiet(next);
    if (next.start && next.end) save({ quiet_hours: next });
  }

  return { prefs, quiet, message, save, toggleLead, setQuietTime };
}
