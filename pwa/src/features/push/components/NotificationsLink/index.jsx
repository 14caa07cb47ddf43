// Settings › «اعلان‌ها»: the way to this device's notification settings.

import { ForwardIcon, NoticeIcon } from '../../../../components/Icon/index.jsx';
import { t } from '../../../../i18n/index.js';
import './style.css';

export function NotificationsLink() {
  return (
    <a class="notifications-link" href="/settings/notifications">
      <NoticeIcon size={24} />
      <span class="notifications-link__text">
        <span class="notifications-link__title">{t('push.settings.title')}</span>
        <span class="notifications-link__hint">{t('push.settings.link_hint')}</span>
      </span>
      <ForwardIcon size={20} />
    </a>
  );
}
