// Opening hours on the device — the twin of the server's bff/offices/hours.py (read its docstring for
// the rules). Both are held to tests/fixtures/office_hours.json. Times are Tehran's (Asia/Tehran via
// Intl), so the answer is the same whatever the phone's own time zone.

export const WEEKDAYS = ['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri'];
const BY_UTC_DAY = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']; // Date#getUTCDay(): Sunday = 0
const DAY = 1440;
const DAY_MS = 86400000;
export const HORIZON_DAYS = 14;
const TIME_ZONE = 'Asia/Tehran';

let wallClock = null;
function tehranWallClock(instant) {
  wallClock ??= new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const p = {};
  for (const { type, value } of wallClock.formatToParts(instant)) if (type !== 'literal') p[type] = Number(value);
  return p;
}

/** Tehran's offset from UTC at an instant, in minutes (+210 today). */
function offsetMinutes(ms) {
  const p = tehranWallClock(new Date(ms));
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60000);
}

function minutes(text) {
  const [hours, mins] = text.split(':').map(Number);
  return hours * 60 + mins;
}

/** Weekly hours → per weekday, [start, end] minutes with end > start (past midnight: end > 1440). */
export function compileHours(hours) {
  const compiled = {};
  for (const day of WEEKDAYS) {
    compiled[day] = (hours?.[day] || []).map(([from, to]) => {
      const start = minutes(from);
      const end = minutes(to);
      return [start, end > start ? end : end + DAY];
    });
  }
  return compiled;
}

function pad(n) {
  return String(n).padStart(2, '0');
}

/** A Tehran wall-clock time (ms of a UTC-based date + minutes) as ISO 8601 with Tehran's offset. */
function isoAt(wallMs) {
  let instant = wallMs - offsetMinutes(wallMs - 210 * 60000) * 60000;
  const offset = offsetMinutes(instant);
  instant = wallMs - offset * 60000;
  const wall = new Date(wallMs);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** "YYYY-MM-DD" of a UTC-based date value. */
export function isoDay(ms) {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Today in Tehran: {day: "YYYY-MM-DD", weekday: "sat"…}. */
export function tehranToday(now = new Date()) {
  const p = tehranWallClock(now instanceof Date ? now : new Date(now));
  const ms = Date.UTC(p.year, p.month - 1, p.day);
  return { day: isoDay(ms), weekday: BY_UTC_DAY[new Date(ms).getUTCDay()] };
}

/**
 * {open, nextChange}: open now, and the next instant that changes it (ISO 8601, +03:30), or null when
 * nothing changes within two weeks. `compiled` from compileHours(); `holidays` a Set of Tehran dates
 * ("YYYY-MM-DD"); `inService` false (temporarily closed) means closed with no known reopening.
 */
export function openState(compiled, holidays, now = new Date(), { inService = true } = {}) {
  if (!inService) return { open: false, nextChange: null };
  const instant = now instanceof Date ? now : new Date(now);
  const p = tehranWallClock(instant);
  const today = Date.UTC(p.year, p.month - 1, p.day);
  const at = p.hour * 60 + p.minute + (p.second + instant.getUTCMilliseconds() / 1000) / 60;
  const spans = [];
  for (let offset = -1; offset <= HORIZON_DAYS; offset += 1) {
    const dayMs = today + offset * DAY_MS;
    if (holidays.has(isoDay(dayMs))) continue;
    const base = offset * DAY;
    for (const [start, end] of compiled[BY_UTC_DAY[new Date(dayMs).getUTCDay()]]) spans.push([base + start, base + end]);
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged = [];
  for (const [start, end] of spans) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const horizonEnd = (HORIZON_DAYS + 1) * DAY;
  for (const [start, end] of merged) {
    if (start <= at && at < end) return { open: true, nextChange: end >= horizonEnd ? null : isoAt(today + end * 60000) };
    if (start > at) return { open: false, nextChange: isoAt(today + start * 60000) };
  }
  return { open: false, nextChange: null };
}
