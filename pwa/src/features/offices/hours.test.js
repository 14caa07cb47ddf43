// Open-now on the device agrees with the server on the shared cases, whatever the phone's time zone.

import { describe, expect, it } from 'vitest';
import holidayTable from '../../../../bff/offices/data/holidays.json';
import fixture from '../../../../tests/fixtures/office_hours.json';
import { compileHours, openState, tehranToday } from './hours.js';

const holidays = new Set(holidayTable.holidays.map((h) => h.date));

describe('open now, shared with the server', () => {
  it('reads a non-trivial table of cases', () => {
    expect(fixture.cases.length).toBeGreaterThan(15);
  });

  it.each(fixture.cases.map((c) => [c.note, c]))('%s', (_, c) => {
    const state = openState(compileHours(fixture.hours[c.hours]), holidays, new Date(c.now), {
      inService: (c.status ?? 'active') === 'active',
    });
    expect(state).toEqual({ open: c.open_now, nextChange: c.next_change });
  });

  it('knows the Tehran day and weekday at an instant', () => {
    expect(tehranToday(new Date('2025-11-28T21:00:00Z'))).toEqual({ day: '2025-11-29', weekday: 'sat' });
    expect(tehranToday(new Date('2025-11-28T20:00:00Z'))).toEqual({ day: '2025-11-28', weekday: 'fri' });
  });
});
