// The tabs of the Cases place, shown by the cases and the briefs features: my cases (/cases), upcoming
// hearings (/cases/hearings), my briefs (/briefs).
// Two links inside the Cases place, not another navigation landmark: the bottom navigation is the one.

import { t } from '../../i18n/index.js';
import './style.css';

export function CaseTabs({ current }) {
  const tabs = [
    { key: 'cases', href: '/cases', label: t('cases.tabs.cases') },
    { key: 'hearings', href: '/cases/hearings', label: t('cases.tabs.hearings') },
    { key: 'briefs', href: '/briefs', label: t('briefs.title_mine') },
  ];
  return (
    <div class="case-tabs">
      {tabs.map((tab) => (
        <a key={tab.key} class="case-tabs__tab" href={tab.href} aria-current={tab.key === current ? 'page' : undefined}>
          {tab.label}
        </a>
      ))}
    </div>
  );
}
