// The sample-data banner: shown while the server runs against the sandbox, never in production.

import { useAppConfig } from '../../api/app-config.js';
import { t } from '../../i18n/index.js';
import './style.css';

export function SandboxBanner() {
  const { sandbox } = useAppConfig();
  if (!sandbox) return null;
  return (
    <p class="sandbox-banner" role="note">
      {t('common.sandbox_banner')}
    </p>
  );
}
