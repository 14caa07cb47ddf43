// Uploads with progress: fetch cannot report how much of a request body has gone, XMLHttpRequest can.
// The same contract as client.js (same-origin cookies, CSRF header, language, ApiError from
// problem+json, OfflineError / TimeoutError), for the few calls that send files.

import { getLanguage } from '../i18n/index.js';
import { CSRF_COOKIE, CSRF_HEADER, OfflineError, TimeoutError, readCookie, toApiError } from './client.js';

function responseHeaders(xhr) {
  const headers = new Headers();
  for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
    const index = line.indexOf(':');
    if (index > 0) headers.append(line.slice(0, index).trim(), line.slice(index + 1).trim());
  }
  return headers;
}

/**
 * Sends `body` (FormData) with POST and reports progress. Resolves to {status, headers, data} for a
 * 2xx answer; rejects with ApiError, OfflineError or TimeoutError, or the AbortError of `signal`.
 *
 * options: headers, onProgress(fraction 0..1), signal, timeout (ms, 0 = none), method (POST).
 */
export function upload(path, body, { headers = {}, onProgress, signal, timeout = 0, method = 'POST' } = {}) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.withCredentials = true;
    xhr.timeout = timeout;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', getLanguage());
    const token = readCookie(CSRF_COOKIE);
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);

    if (onProgress) {
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(Math.min(1, event.loaded / event.total));
      };
      xhr.upload.onload = () => onProgress(1);
    }
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);

    xhr.onload = async () => {
      done();
      const headersOut = responseHeaders(xhr);
      const response = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status,
        headers: headersOut,
      });
      if (xhr.status < 200 || xhr.status > 299) {
        reject(await toApiError(response));
        return;
      }
      let data = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = xhr.responseText;
      }
      resolve({ status: xhr.status, headers: headersOut, data });
    };
    xhr.onerror = () => {
      done();
      reject(new OfflineError(new TypeError('network error')));
    };
    xhr.ontimeout = () => {
      done();
      reject(new TimeoutError(timeout));
    };
    xhr.onabort = () => {
      done();
      reject(signal?.reason ?? new DOMException('aborted', 'AbortError'));
    };
    xhr.send(body);
  });
}
