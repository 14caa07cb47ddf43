// Dates for people: the Solar Hijri (Jalali) calendar in Tehran time, in the app's language — the
// browser's twin of the server's bff/platform/dates.py. Both are held to tests/fixtures/jalali-dates.json.
// Instants arrive from the API as ISO 8601 UTC strings; format them only here, at the edge.

import { asciiDigits, getLanguage, localDigits } from '../i18n/index.js';

export const TIME_ZONE = 'Asia/Tehran';

// Persian digits in Persian; Latin digits (and no era) in English.
const CALENDAR_LOCALES = { fa: 'fa-IR-u-ca-persian', en: 'en-u-ca-persian-nu-latn' };
const RELATIVE_LOCALES = { fa: 'fa', en: 'en' };
const DAY_MS = 24 * 60 * 60 * 1000;

const cache = new Map();
function cached(key, make) {
  let value = cache.get(key);
  if (!value) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

function supported(language) {
  return CALENDAR_LOCALES[language] ? language : 'fa';
}

function toDate(instant) {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${instant}`);
  return date;
}

/** The Jalali fields of an instant in Tehran: {weekday, day, month, year, hour, minute} as display text. */
function parts(instant, language) {
  const formatter = cached(`parts:${language}`, () =>
    new Intl.DateTimeFormat(CALENDAR_LOCALES[language], {
      timeZone: TIME_ZONE,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      // The server writes «۹:۳۰» in Persian and "09:30" in English.
      hour: language === 'fa' ? 'numeric' : '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }),
  );
  const fields = {};
  for (const { type, value } of formatter.formatToParts(toDate(instant))) {
    if (type !== 'literal') fields[type] = localDigits(value, language);
  }
  return fields;
}

/** «شنبه ۱۵ آذر ۱۴۰۵» / "Saturday 15 Azar 1405" (the weekday can be left out). */
export function formatDate(instant, { weekday = true, language = getLanguage() } = {}) {
  const lang = supported(language);
  const p = parts(instant, lang);
  const date = `${p.day} ${p.month} ${p.year}`;
  return weekday ? `${p.weekday} ${date}` : date;
}

/** «۹:۳۰» / "09:30": 24-hour clock, Tehran time. */
export function formatTime(instant, { language = getLanguage() } = {}) {
  const p = parts(instant, supported(language));
  return `${p.hour}:${p.minute}`;
}

/** «۸:۰۰» / "08:00": a wall-clock time ("HH:MM", as in an office's hours) written as formatTime() writes one. */
export function formatClock(text, { language = getLanguage() } = {}) {
  const lang = supported(language);
  return lang === 'fa' ? localDigits(text.replace(/^0(\d)/, '$1'), lang) : text;
}

/** «شنبه ۱۵ آذر ۱۴۰۵، ساعت ۹:۳۰» / "Saturday 15 Azar 1405, 09:30". */
export function formatDateTime(instant, { weekday = true, language = getLanguage() } = {}) {
  const lang = supported(language);
  const date = formatDate(instant, { weekday, language: lang });
  const time = formatTime(instant, { language: lang });
  return lang === 'fa' ? `${date}، ساعت ${time}` : `${date}, ${time}`;
}

/** The Tehran calendar day of an instant as "YYYY-MM-DD" (Gregorian, ASCII): for grouping and comparing days. */
export function tehranDay(instant) {
  const formatter = cached('day', () =>
    new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }),
  );
  const p = {};
  for (const { type, value } of formatter.formatToParts(toDate(instant))) p[type] = asciiDigits(value);
  return `${p.year}-${p.month}-${p.day}`;
}

function dayNumber(instant) {
  const [year, month, day] = tehranDay(instant).split('-').map(Number);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/**
 * How far an instant is from now, as people say it: «۳ روز دیگر», «فردا», «۲ ساعت دیگر», «۵ دقیقه پیش».
 * Days count Tehran calendar days (tonight at 23:00 is «امروز», tomorrow at 08:00 is «فردا»).
 */
export function formatRelative(instant, { now = Date.now(), language = getLanguage() } = {}) {
  const lang = supported(language);
  const format = cached(`relative:${lang}`, () => new Intl.RelativeTimeFormat(RELATIVE_LOCALES[lang], { numeric: 'auto' }));
  const target = toDate(instant);
  const days = dayNumber(target) - dayNumber(now);
  const minutes = Math.round((target.getTime() - toDate(now).getTime()) / 60000);
  let text;
  if (days === 0 && Math.abs(minutes) < 60) text = format.format(minutes, 'minute');
  else if (days === 0) text = format.format(Math.trunc(minutes / 60), 'hour');
  else if (Math.abs(days) < 60) text = format.format(days, 'day');
  else text = format.format(Math.round(days / 30), 'month');
  return localDigits(text, lang);
}
