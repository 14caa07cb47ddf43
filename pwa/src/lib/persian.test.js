// The device's normaliser gives exactly what the server's gives, on the shared table of cases.

import { describe, expect, it } from 'vitest';
import fixture from '../../../tests/fixtures/persian_normalisation.json';
import { normalisePersian, searchKey } from './persian.js';

describe('Persian normalisation shared with the server', () => {
  it('reads a non-trivial table of cases', () => {
    expect(fixture.cases.length).toBeGreaterThan(10);
  });

  it.each(fixture.cases.map((c) => [c.note, c]))('display form: %s', (_, c) => {
    expect(normalisePersian(c.input)).toBe(c.normalised);
  });

  it.each(fixture.cases.map((c) => [c.note, c]))('search key: %s', (_, c) => {
    expect(searchKey(c.input)).toBe(c.search_key);
  });

  it('treats missing text as empty', () => {
    expect(normalisePersian(null)).toBe('');
    expect(searchKey(undefined)).toBe('');
  });
});
