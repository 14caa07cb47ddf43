// How an office's state is said in the UI: open/closed with the next change, distance, kind, counters.

import { t } from '../../i18n/index.js';
import { formatDate, formatTime } from '../../lib/dates.js';
import { distanceParts } from './geo.js';
import { tehranToday } from './hours.js';

const DAY_MS = 86400000;

function dayNumber(isoDay) {
  const [year, month, day] = isoDay.split('-').map(Number);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** «ساعت ۱۴:۰۰», «فردا ساعت ۸:۰۰», «شنبه ساعت ۸:۰۰» or, further away, the date. */
export function whenText(instant, now = new Date()) {
  const time = formatTime(instant);
  const target = tehranToday(new Date(instant));
  const days = dayNumber(target.day) - dayNumber(tehranToday(now).day);
  if (days <= 0) return t('offices.status.today_at', { time });
  if (days === 1) return t('offices.status.tomorrow_at', { time });
  const day = days < 7 ? t(`offices.weekdays.${target.weekday}`) : formatDate(instant);
  return t('offices.status.day_at', { day, time });
}

/** {tone, label, detail} of an office's open state, for a Chip and a line of text. */
export function openStatus(office, now = new Date()) {
  if (office.status === 'temporarily_closed') {
    return { tone: 'warning', label: t('offices.status.temporarily_closed'), detail: '' };
  }
  if (office.open_now) {
    const detail = office.next_change ? t('offices.status.open_until', { when: whenText(office.next_change, now) }) : '';
    return { tone: 'done', label: t('offices.status.open'), detail };
  }
  const detail = office.next_change ? t('offices.status.opens_at', { when: whenText(office.next_change, now) }) : '';
  return { tone: 'neutral', label: t('offices.status.closed'), detail };
}

/** «۸۵۰ متر», «۱٫۲ کیلومتر», «۲۳ کیلومتر». */
export function distanceText(km) {
  const { unit, value } = distanceParts(km);
  return t(unit === 'm' ? 'offices.card.distance_m' : 'offices.card.distance_km', { value });
}

export function kindLabel(kind) {
  return t(`catalog.kinds.${kind}`);
}
