// The offline office registry: decodes GET /api/v1/offices/bundle and answers nearest and search on
// the device exactly as the server does (same normaliser, same distance, same open-now, same order).
// The format is written by bff/offices/directory.py encode_bundle().

import { searchKey } from '../../lib/persian.js';
import { haversineKm, roundKm } from './geo.js';
import { compileHours, openState } from './hours.js';

const CITY_MARK = '\u0640'; // a bundled name ending in tatweel: " " + its city was left out

function splitColumn(value, count) {
  return count ? value.split('\t') : [];
}

function undoFrontCoding(values) {
  let previous = '';
  return values.map((value) => {
    previous = previous.slice(0, value.charCodeAt(0) - 65) + value.slice(1);
    return previous;
  });
}

function coordinates({ scale, lat, lon }) {
  if (!scale) return [lat, lon];
  const undelta = (deltas) => {
    let total = 0;
    return deltas.map((delta) => {
      total += delta;
      return total / scale;
    });
  };
  return [undelta(lat), undelta(lon)];
}

/** The offices of a bundle, as the API's office objects (without postal_code and updated_at). */
export function decodeBundle(bundle) {
  const { count, columns } = bundle;
  const text = {};
  for (const [name, value] of Object.entries(columns)) {
    if (typeof value === 'string') text[name] = splitColumn(value, count);
  }
  for (const name of bundle.front_coded) text[name] = undoFrontCoding(text[name]);
  const [lats, lons] = coordinates(bundle.coordinates);
  const offices = [];
  for (let n = 0; n < count; n += 1) {
    const city = text.city[n];
    const name = text.name[n];
    const mask = columns.services[n];
    offices.push({
      code: text.code[n],
      name: name.endsWith(CITY_MARK) ? `${name.slice(0, -1)} ${city}` : name,
      kind: bundle.kinds[columns.kind[n]],
      counters: columns.counters[n],
      province: text.province[n],
      county: text.county[n] || city,
      city,
      district: text.district[n],
      address: text.address[n],
      postal_code: '',
      phone: text.phone[n],
      lat: lats[n],
      lon: lons[n],
      services: bundle.services.filter((_, bit) => (mask >> bit) & 1),
      hours: bundle.schedules[columns.schedule[n]],
      status: bundle.statuses[columns.status[n]],
      accessibility: text.accessibility[n],
      updated_at: null,
      schedule: columns.schedule[n],
    });
  }
  return offices;
}

/** Offline answers over the decoded offices of one bundle. */
export class OfficeDirectory {
  constructor(bundle) {
    this.updatedAt = bundle.updated_at;
    this.sample = bundle.sample === true;
    this.revision = bundle.revision;
    this.holidays = new Set(bundle.holidays);
    this.schedules = bundle.schedules.map(compileHours);
    this.offices = decodeBundle(bundle).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    this.byCode = new Map();
    for (const office of this.offices) {
      office.nameKey = searchKey(office.name);
      office.cityKey = searchKey(office.city);
      office.countyKey = searchKey(office.county);
      office.haystack = searchKey([office.name, office.city, office.county, office.district, office.address].join(' '));
      office.compact = office.haystack.replaceAll(' ', '');
      this.byCode.set(office.code, office);
    }
    this.states = new Map();
  }

  /** {open, nextChange} of an office, cached per weekly schedule until it changes. */
  state(office, now) {
    if (office.status !== 'active') return { open: false, nextChange: null };
    const at = now.getTime();
    const cached = this.states.get(office.schedule);
    if (cached && cached.from <= at && at < cached.until) return cached.state;
    const state = openState(this.schedules[office.schedule], this.holidays, now);
    const until = state.nextChange ? new Date(state.nextChange).getTime() : at + 3600000;
    this.states.set(office.schedule, { from: at, until, state });
    return state;
  }

  /** An office as the API shows it (plus distance_km when given). */
  item(office, now, distanceKm) {
    const { open, nextChange } = this.state(office, now);
    const { nameKey, cityKey, countyKey, haystack, compact, schedule, ...fields } = office;
    const item = { ...fields, open_now: open, next_change: nextChange };
    if (distanceKm !== undefined) item.distance_km = roundKm(distanceKm);
    return item;
  }

  #matches(office, { kinds = [], services = [], openNow = false }, now) {
    if (kinds.length && !kinds.includes(office.kind)) return false;
    if (!services.every((s) => office.services.includes(s))) return false;
    return !openNow || this.state(office, now).open;
  }

  /** The `limit` nearest offices matching the filters, nearest first (filters before the limit). */
  nearest({ lat, lon, limit = 10, kinds, services, openNow, maxKm = null }, now = new Date()) {
    const ranked = [];
    for (const office of this.offices) {
      if (!this.#matches(office, { kinds, services, openNow }, now)) continue;
      const km = haversineKm(lat, lon, office.lat, office.lon);
      if (maxKm === null || maxKm === undefined || km <= maxKm) ranked.push([km, office]);
    }
    ranked.sort((a, b) => a[0] - b[0] || (a[1].code < b[1].code ? -1 : 1));
    return ranked.slice(0, limit).map(([km, office]) => this.item(office, now, km));
  }

  /** Offices matching the text and filters, best first: exact city, then name, then the rest. */
  search({ q = '', province = null, city = null, kinds, services, openNow } = {}, now = new Date()) {
    const key = searchKey(q);
    const tokens = key ? key.split(' ') : [];
    const compact = key.replaceAll(' ', '');
    const cityKey = city ? searchKey(city) : '';
    const found = [];
    for (const office of this.offices) {
      if (province && office.province !== province) continue;
      if (cityKey && office.cityKey !== cityKey) continue;
      if (!this.#matches(office, { kinds, services, openNow }, now)) continue;
      if (tokens.length && !(tokens.every((t) => office.haystack.includes(t)) || office.compact.includes(compact))) continue;
      let rank = 2;
      if (!key || key === office.cityKey || key === office.countyKey) rank = 0;
      else if (tokens.every((t) => office.nameKey.includes(t))) rank = 1;
      found.push([rank, office]);
    }
    const order = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
    found.sort(
      (a, b) =>
        a[0] - b[0] || order(a[1].cityKey, b[1].cityKey) || order(a[1].nameKey, b[1].nameKey) || order(a[1].code, b[1].code),
    );
    return found.map(([, office]) => this.item(office, now));
  }

  /** Cities per province code, sorted as the server's catalog sorts them. */
  cities() {
    const byProvince = {};
    for (const office of this.offices) (byProvince[office.province] ??= new Set()).add(office.city);
    const order = (a, b) => {
      const ka = searchKey(a);
      const kb = searchKey(b);
      return ka < kb ? -1 : ka > kb ? 1 : a < b ? -1 : a > b ? 1 : 0;
    };
    return Object.fromEntries(Object.entries(byProvince).map(([p, set]) => [p, [...set].sort(order)]));
  }
}
