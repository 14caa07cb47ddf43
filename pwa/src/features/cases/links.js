// Where a case's buttons lead: a hearing's calendar file, directions to the branch.

export function calendarUrl(hearingId) {
  return `/api/v1/hearings/${encodeURIComponent(hearingId)}.ics`;
}

/** A map search for the address (the map the offices use too), to open in the phone's map app. */
export function directionsUrl(address) {
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`;
}
