// The CSRF token the server checks on every unsafe request: the `csrf_token` cookie, sent back in the
// X-CSRF-Token header. No imports, so the service worker can use it too.

export const CSRF_COOKIE = 'csrf_token';
export const CSRF_HEADER = 'X-CSRF-Token';

function decoded(value) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The value of cookie `name` for this document, or null. */
export function readCookie(name) {
  for (const pair of document.cookie ? document.cookie.split(';') : []) {
    const index = pair.indexOf('=');
    if (index > -1 && pair.slice(0, index).trim() === name) return decoded(pair.slice(index + 1).trim());
  }
  return null;
}

/** In the service worker: the CSRF token (Cookie Store API, where the browser has it), or null. */
export async function workerCsrfToken(scope = self) {
  try {
    const cookie = scope.cookieStore ? await scope.cookieStore.get(CSRF_COOKIE) : null;
    return cookie?.value ? decoded(cookie.value) : null;
  } catch {
    return null;
  }
}
