// The week of opening hours, Saturday first, with today marked; holidays are always closed.

import { t } from '../../../../i18n/index.js';
import { formatClock } from '../../../../lib/dates.js';
import { WEEKDAYS, tehranToday } from '../../hours.js';
import './style.css';

export function WeekHours({ hours, now = new Date() }) {
  const today = tehranToday(now).weekday;
  return (
    <table class="week-hours">
      <caption class="week-hours__caption">{t('offices.office.hours')}</caption>
      <tbody>
        {WEEKDAYS.map((day) => {
          const intervals = hours?.[day] || [];
          const isToday = day === today;
          return (
            <tr key={day} class={isToday ? 'week-hours__today' : undefined} aria-current={isToday ? 'date' : undefined}>
              <th scope="row">
                {t(`offices.weekdays.${day}`)}
                {isToday && <span class="week-hours__badge">{t('offices.office.today')}</span>}
              </th>
              <td>
                {intervals.length === 0
                  ? t('offices.office.closed_day')
                  : intervals
                      .map(([from, to]) => t('offices.office.interval', { from: formatClock(from), to: formatClock(to) }))
                      .join(t('offices.office.interval_separator'))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
