// The app's one way to call its server: same-origin cookies, CSRF header, language, timeouts,
// and every failure turned into ApiError (problem+json), OfflineError or TimeoutError.

import { getLanguage, t } from '../i18n/index.js';
import { CSRF_COOKIE, CSRF_HEADER, readCookie } from './csrf.js';
import { ApiError, OfflineError, TimeoutError } from './errors.js';

export { ApiError, OfflineError, TimeoutError } from './errors.js';
export { CSRF_COOKIE, CSRF_HEADER, readCookie } from './csrf.js';

export const DEFAULT_TIMEOUT_MS = 15000;
export const LOGIN_PATH = '/auth/login';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);
const LOCAL_ORIGIN = 'http://local.invalid';

/**
 * `candidate` if it is a path on this site ("/cases?page=2"), otherwise "/". Refuses absolute
 * URLs, protocol-relative and backslash tricks ("//evil.example", "/\\evil.example"), control
 * characters, and the sign-in routes themselves (which would loop).
 */
export function localPath(candidate) {
  if (typeof candidate !== 'string' || !candidate.startsWith('/')) return '/';
  if (/^\/[/\\]/.test(candidate) || /[\u0000-\u001f\u007f\\]/.test(candidate)) return '/';
  let url;
  try {
    url = new URL(candidate, LOCAL_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== LOCAL_ORIGIN || url.pathname.startsWith('/auth/')) return '/';
  return url.pathname + url.search + url.hash;
}

/** Where to send someone whose session is missing, so they come back to `next` after signing in. */
export function loginUrl(next) {
  return `${LOGIN_PATH}?next=${encodeURIComponent(localPath(next))}`;
}

function currentPath() {
  return window.location.pathname + window.location.search;
}

function goToLogin(url) {
  window.location.assign(url);
}

let unauthorizedHandler = goToLogin;

/**
 * Replaces what happens on a 401: `handler(loginUrl)` is called with the sign-in URL for the
 * current page. Without an argument the default (a full-page navigation there) comes back.
 */
export function setUnauthorizedHandler(handler) {
  unauthorizedHandler = handler || goToLogin;
}

function buildUrl(path, query) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item));
  }
  const search = params.toString();
  if (!search) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${search}`;
}

async function readBody(response) {
  if (response.status === 204 || response.status === 205 || response.status === 304) return null;
  const type = response.headers.get('Content-Type') || '';
  const text = await response.text();
  if (!text) return null;
  if (/[/+]json\b/i.test(type)) return JSON.parse(text);
  return text;
}

/** A non-2xx Response as an ApiError (its problem+json read when there is one); also used by api/upload.js. */
export async function toApiError(response) {
  let problem = {};
  try {
    const body = await readBody(response);
    if (body && typeof body === 'object') problem = body;
  } catch {
    // a broken or non-JSON error body (a proxy's HTML page): status alone then
  }
  return new ApiError({
    status: response.status,
    title: typeof problem.title === 'string' ? problem.title : t('common.request_failed'),
    detail: typeof problem.detail === 'string' ? problem.detail : '',
    type: problem.type,
    instance: problem.instance,
    errors: problem.errors,
    problem,
  });
}

/**
 * Calls the server. Resolves to `{status, headers, data}` for a 2xx answer (data parsed from JSON,
 * null when empty); rejects with ApiError, OfflineError or TimeoutError; a caller's own abort
 * (`signal`) rejects with the AbortError unchanged.
 *
 * options: method, query (object; arrays repeat the parameter), json (sent as JSON), body (sent
 * as is: FormData, Blob…), headers, signal, timeout (ms, 0 = none), redirectOnUnauthorized
 * (default true: a 401 sends the user to sign in and come back here).
 */
export async function request(path, options = {}) {
  const {
    method = 'GET',
    query,
    json,
    body,
    headers: extraHeaders,
    signal,
    timeout = DEFAULT_TIMEOUT_MS,
    redirectOnUnauthorized = true,
  } = options;
  const verb = method.toUpperCase();

  const headers = new Headers(extraHeaders);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  headers.set('Accept-Language', getLanguage());
  let payload = body;
  if (json !== undefined) {
    payload = JSON.stringify(json);
    headers.set('Content-Type', 'application/json');
  }
  if (!SAFE_METHODS.has(verb)) {
    const token = readCookie(CSRF_COOKIE);
    if (token) headers.set(CSRF_HEADER, token);
  }

  const controller = new AbortController();
  let timedOut = false;
  const timer =
    timeout > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeout)
      : null;
  const forwardAbort = () => controller.abort(signal.reason);
  if (signal) {
    if (signal.aborted) forwardAbort();
    else signal.addEventListener('abort', forwardAbort, { once: true });
  }

  try {
    let response;
    try {
      response = await fetch(buildUrl(path, query), {
        method: verb,
        headers,
        body: payload,
        credentials: 'same-origin',
        signal: controller.signal,
      });
    } catch (error) {
      if (timedOut) throw new TimeoutError(timeout);
      if (signal?.aborted) throw error;
      throw new OfflineError(error);
    }

    if (response.status === 401 && redirectOnUnauthorized) {
      unauthorizedHandler(loginUrl(currentPath()));
    }
    if (!response.ok) throw await toApiError(response);
    try {
      return { status: response.status, headers: response.headers, data: await readBody(response) };
    } catch (error) {
      if (timedOut) throw new TimeoutError(timeout);
      if (error instanceof SyntaxError) {
        throw new ApiError({ status: response.status, title: t('common.request_failed'), problem: {} });
      }
      throw new OfflineError(error); // the connection dropped while the body was arriving
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}

/** Shorthands that resolve to the parsed body. */
export const api = {
  get: (path, options) => request(path, { ...options, method: 'GET' }).then((r) => r.data),
  post: (path, json, options) => request(path, { ...options, method: 'POST', json }).then((r) => r.data),
  put: (path, json, options) => request(path, { ...options, method: 'PUT', json }).then((r) => r.data),
  patch: (path, json, options) => request(path, { ...options, method: 'PATCH', json }).then((r) => r.data),
  delete: (path, options) => request(path, { ...options, method: 'DELETE' }).then((r) => r.data),
};
