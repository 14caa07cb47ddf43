// The notices API as the views use it: where a notice lives in the app, and opening one at the server.

import { api } from '../../api/client.js';

export const NOTICES_PATH = '/api/v1/notices';

/** The app's page of a notice. */
export function noticePath(id) {
  return `/notices/${encodeURIComponent(id)}`;
}

/** The API path of one notice (reading it never opens it). */
export function noticeApiPath(id) {
  return `${NOTICES_PATH}/${encodeURIComponent(id)}`;
}

/** Opens (receives) a notice at the server; resolves to the opened notice with its text. */
export function openNotice(id) {
  return api.post(`${noticeApiPath(id)}/receipt`, undefined);
}
