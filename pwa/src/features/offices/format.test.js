// How an office's state reads: open until, opens tomorrow or on a weekday, in Tehran time.

import { describe, expect, it } from 'vitest';
import { distanceText, openStatus, whenText } from './format.js';

const SATURDAY_10 = new Date('2025-11-29T06:30:00Z'); // 10:00 in Tehran

describe('office state in words', () => {
  it('says the time for later today, «فردا» for tomorrow and the weekday within a week', () => {
    expect(whenText('2025-11-29T14:00:00+03:30', SATURDAY_10)).toBe('ساعت ۱۴:۰۰');
    expect(whenText('2025-11-30T08:00:00+03:30', SATURDAY_10)).toBe('فردا ساعت ۸:۰۰');
    expect(whenText('2025-12-03T08:00:00+03:30', SATURDAY_10)).toBe('چهارشنبه ساعت ۸:۰۰');
  });

  it('counts days in Tehran, not in the phone’s time zone', () => {
    // 23:50 UTC on Saturday is already Sunday 03:20 in Tehran.
    expect(whenText('2025-11-30T08:00:00+03:30', new Date('2025-11-29T23:50:00Z'))).toBe('ساعت ۸:۰۰');
  });

  it('gives a tone and words for open, closed and temporarily closed', () => {
    expect(openStatus({ status: 'active', open_now: true, next_change: '2025-11-29T14:00:00+03:30' }, SATURDAY_10)).toEqual({
      tone: 'done',
      label: 'باز است',
      detail: 'تا ساعت ۱۴:۰۰',
    });
    expect(openStatus({ status: 'active', open_now: false, next_change: '2025-11-30T08:00:00+03:30' }, SATURDAY_10).detail).toBe(
      'باز می‌شود فردا ساعت ۸:۰۰',
    );
    expect(openStatus({ status: 'temporarily_closed', open_now: false, next_change: null }, SATURDAY_10).label).toBe('موقتاً تعطیل');
  });

  it('writes distances in Persian digits, metres below a kilometre', () => {
    expect(distanceText(0.436)).toBe('۴۴۰ متر');
    expect(distanceText(1.234)).toBe('۱٫۲ کیلومتر');
    expect(distanceText(23.6)).toBe('۲۴ کیلومتر');
  });
});
