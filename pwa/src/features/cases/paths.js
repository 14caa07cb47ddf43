// The cases API's paths: the citizen's cases, one case, the upcoming hearings and their calendar files.

export const CASES_PATH = '/api/v1/cases';
export const HEARINGS_PATH = '/api/v1/hearings';
/** Every upcoming hearing as one iCalendar file. */
export const HEARINGS_CALENDAR_PATH = '/api/v1/hearings.ics';

export function caseApiPath(id) {
  return `${CASES_PATH}/${encodeURIComponent(id)}`;
}

/** One hearing as an iCalendar file. */
export function calendarUrl(hearingId) {
  return `${HEARINGS_PATH}/${encodeURIComponent(hearingId)}.ics`;
}
