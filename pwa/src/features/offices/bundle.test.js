// Offline nearest and search give the server's answers on the shared bundle (tests/fixtures/office_queries.json).

import { describe, expect, it } from 'vitest';
import fixture from '../../../../tests/fixtures/office_queries.json';
import { OfficeDirectory, decodeBundle } from './bundle.js';

const directory = new OfficeDirectory(fixture.bundle);

describe('the offline office directory', () => {
  it('decodes every office of the bundle', () => {
    const offices = decodeBundle(fixture.bundle);
    expect(offices).toHaveLength(fixture.bundle.count);
    expect(offices.length).toBeGreaterThan(100);
    const khorramabad = offices.find((o) => o.city === 'خرم‌آباد');
    expect(khorramabad.name.endsWith(' خرم‌آباد')).toBe(true);
    expect(offices.every((o) => /^\d{8}$/.test(o.code) && /^[\d-]*$/.test(o.phone))).toBe(true);
    expect(offices.every((o) => o.lat > 25 && o.lat < 40 && o.lon > 44 && o.lon < 64)).toBe(true);
  });

  it.each(fixture.nearest.map((c) => [`${c.now.slice(0, 10)} ${JSON.stringify(c.query)}`, c]))(
    'nearest like the server: %s',
    (_, c) => {
      const found = directory.nearest(c.query, new Date(c.now));
      expect(found.map((o) => ({ code: o.code, distance_km: o.distance_km, open_now: o.open_now, next_change: o.next_change }))).toEqual(
        c.expected,
      );
    },
  );

  it.each(fixture.search.map((c) => [`${c.now.slice(0, 10)} ${JSON.stringify(c.query)}`, c]))(
    'search like the server: %s',
    (_, c) => {
      expect(directory.search(c.query, new Date(c.now)).map((o) => o.code)).toEqual(c.expected);
    },
  );

  it('shows an office with the API fields and no internal ones', () => {
    const [first] = directory.nearest({ lat: 32.65, lon: 51.67, limit: 1 }, new Date('2025-11-29T07:00:00Z'));
    expect(Object.keys(first).sort()).toEqual(
      [
        'accessibility', 'address', 'city', 'code', 'counters', 'county', 'distance_km', 'district', 'hours', 'kind',
        'lat', 'lon', 'name', 'next_change', 'open_now', 'phone', 'postal_code', 'province', 'services', 'status',
        'updated_at',
      ].sort(),
    );
  });

  it('lists the cities of each province', () => {
    const cities = directory.cities();
    expect(cities.lorestan).toContain('خرم‌آباد');
    expect(Object.keys(cities).sort()).toEqual(['isfahan', 'lorestan', 'qom']);
  });
});
