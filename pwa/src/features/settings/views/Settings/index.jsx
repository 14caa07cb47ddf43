// Settings: the language of the app (and of the server's messages), and what version runs.

import { useState } from 'preact/hooks';
import { useAppConfig } from '../../../../api/app-config.js';
import { LANGUAGES, getLanguage, setLanguage, t } from '../../../../i18n/index.js';
import { useDocumentTitle } from '../../../../lib/use-document-title.js';
import { AccountSettings } from '../../../account/index.js';
import { NotificationsLink } from '../../../push/index.js';
import '../../../../components/settings-page.css';
import './style.css';

function LanguageSwitch() {
  const [pending, setPending] = useState(null);
  const [failed, setFailed] = useState(false);
  const current = getLanguage();

  async function choose(language) {
    if (language === current) return;
    setPending(language);
    setFailed(false);
    try {
      await setLanguage(language);
    } catch (error) {
      console.error('[settings] language switch failed', error);
      setFailed(true);
    } finally {
      setPending(null);
    }
  }

  return (
    <fieldset class="settings-view__group" aria-describedby="language-hint" aria-busy={pending ? 'true' : undefined}>
      <legend class="settings-view__legend">{t('settings.language.legend')}</legend>
      <p id="language-hint" class="settings-view__hint">
        {t('settings.language.hint')}
      </p>
      <div class="settings-view__choices">
        {Object.entries(LANGUAGES).map(([code, { name, dir }]) => (
          <label key={code} class="choice">
            <input
              type="radio"
              name="language"
              value={code}
              checked={(pending || current) === code}
              onChange={() => choose(code)}
            />
            <span lang={code} dir={dir}>
              {name}
            </span>
          </label>
        ))}
      </div>
      {failed && (
        <p class="settings-view__error" role="alert">
          {t('common.view_failed')}
        </p>
      )}
    </fieldset>
  );
}

export default function SettingsView() {
  const title = t('settings.title');
  const { version } = useAppConfig();
  useDocumentTitle(title);
  return (
    <section class="view settings-view" aria-labelledby="settings-title">
      <h1 id="settings-title" tabIndex={-1}>
        {title}
      </h1>
      <LanguageSwitch />
      <NotificationsLink />
      <AccountSettings />
      {version && (
        <section class="settings-view__about" aria-labelledby="about-title">
          <h2 id="about-title">{t('settings.about.title')}</h2>
          <p>{t('settings.about.version', { version: `\u2068${version}\u2069` })}</p>
        </section>
      )}
    </section>
  );
}
