import { describe, expect, it } from 'vitest';
import fixture from '../../../tests/fixtures/jalali-dates.json';
import { formatClock, formatDate, formatDateTime, formatRelative, formatTime, tehranDay } from './dates.js';

// The same instants and expected strings the server's formatter (bff/platform/dates.py) is tested against.
describe.each(['fa', 'en'])('formatting in %s matches the server', (language) => {
  it.each(fixture.dates.map((entry) => [entry.instant, entry]))('%s', (instant, entry) => {
    expect(formatDate(instant, { language })).toBe(entry[language].date);
    expect(formatDateTime(instant, { language })).toBe(entry[language].datetime);
  });
});

describe('formatDate', () => {
  it('turns 2025-03-21 into 1 Farvardin 1404 and the day before into 30 Esfand 1403', () => {
    expect(formatDate('2025-03-21T08:00:00Z', { language: 'fa' })).toBe('جمعه ۱ فروردین ۱۴۰۴');
    expect(formatDate('2025-03-20T08:00:00Z', { language: 'fa', weekday: false })).toBe('۳۰ اسفند ۱۴۰۳');
  });

  it('accepts Date objects and refuses what is not an instant', () => {
    expect(formatDate(new Date('2026-12-06T04:30:00Z'), { language: 'fa' })).toBe('یکشنبه ۱۵ آذر ۱۴۰۵');
    expect(() => formatDate('not a date', { language: 'fa' })).toThrow(RangeError);
  });

  it('falls back to Persian for a language it does not know', () => {
    expect(formatTime('2026-12-06T04:30:00Z', { language: 'de' })).toBe('۸:۰۰');
  });
});

describe('formatClock', () => {
  it('writes an office-hours time as formatTime writes an instant: «۸:۰۰» in Persian, "08:00" in English', () => {
    expect(formatClock('08:00', { language: 'fa' })).toBe(formatTime('2026-12-06T04:30:00Z', { language: 'fa' }));
    expect(formatClock('08:00', { language: 'fa' })).toBe('۸:۰۰');
    expect(formatClock('14:30', { language: 'fa' })).toBe('۱۴:۳۰');
    expect(formatClock('08:00', { language: 'en' })).toBe(formatTime('2026-12-06T04:30:00Z', { language: 'en' }));
  });
});

describe('tehranDay', () => {
  it('is the calendar day in Tehran, not in UTC', () => {
    expect(tehranDay('2025-03-20T20:29:00Z')).toBe('2025-03-20');
    expect(tehranDay('2025-03-20T20:30:00Z')).toBe('2025-03-21');
  });
});

describe('formatRelative', () => {
  const now = new Date('2026-11-28T06:00:00Z'); // 09:30 in Tehran

  it('counts Tehran calendar days: «۳ روز دیگر», «فردا»', () => {
    expect(formatRelative('2026-12-01T05:00:00Z', { now, language: 'fa' })).toBe('۳ روز دیگر');
    expect(formatRelative('2026-11-29T04:30:00Z', { now, language: 'fa' })).toBe('فردا');
    // 23:00 in Tehran the same day is still "today", in hours
    expect(formatRelative('2026-11-28T19:30:00Z', { now, language: 'fa' })).toBe('۱۳ ساعت بعد');
    // 00:10 the next day in Tehran is tomorrow even though it is under 15 hours away
    expect(formatRelative('2026-11-28T20:40:00Z', { now, language: 'fa' })).toBe('فردا');
  });

  it('uses minutes within the hour and speaks of the past too', () => {
    expect(formatRelative('2026-11-28T06:20:00Z', { now, language: 'fa' })).toBe('۲۰ دقیقه بعد');
    expect(formatRelative('2026-11-26T06:00:00Z', { now, language: 'fa' })).toBe('پریروز');
    expect(formatRelative('2026-12-01T05:00:00Z', { now, language: 'en' })).toBe('in 3 days');
  });

  it('switches to months far ahead', () => {
    expect(formatRelative('2027-03-01T06:00:00Z', { now, language: 'fa' })).toBe('۳ ماه بعد');
  });
});
