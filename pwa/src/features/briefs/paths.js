// The briefs API's paths. No imports: the service worker sends waiting briefs (outbox.js) with them too.

export const BRIEFS_PATH = '/api/v1/briefs';

/** Where a brief for a case is submitted (POST, multipart, with an Idempotency-Key). */
export function briefPath(caseId) {
  return `/api/v1/cases/${encodeURIComponent(caseId)}/briefs`;
}

export function briefApiPath(id) {
  return `${BRIEFS_PATH}/${encodeURIComponent(id)}`;
}

/** The printable receipt page of a received brief (served by the server). */
export function receiptUrl(id) {
  return `${briefApiPath(id)}/receipt`;
}
