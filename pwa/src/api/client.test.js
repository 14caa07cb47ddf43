import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  OfflineError,
  TimeoutError,
  api,
  localPath,
  loginUrl,
  readCookie,
  request,
  setUnauthorizedHandler,
} from './client.js';

function jsonResponse(body, { status = 200, type = 'application/json', headers = {} } = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } });
}

function clearCookies() {
  for (const pair of document.cookie.split(';')) {
    const name = pair.split('=')[0].trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
}

let fetchMock;
beforeEach(() => {
  fetchMock = vi.fn(async () => jsonResponse({ ok: true }));
  vi.stubGlobal('fetch', fetchMock);
  clearCookies();
  history.replaceState(null, '', '/');
});
afterEach(() => {
  setUnauthorizedHandler(null);
  clearCookies();
});

const sentHeaders = (call = 0) => new Headers(fetchMock.mock.calls[call][1].headers);
const sentInit = (call = 0) => fetchMock.mock.calls[call][1];

describe('request headers', () => {
  it('sends cookies of this origin, asks for JSON in the current language', async () => {
    await api.get('/api/v1/offices');
    expect(sentInit().credentials).toBe('same-origin');
    expect(sentHeaders().get('Accept')).toBe('application/json');
    expect(sentHeaders().get('Accept-Language')).toBe('fa');
  });

  it('adds X-CSRF-Token from the csrf_token cookie on POST', async () => {
    document.cookie = 'session_hint=1; path=/';
    document.cookie = 'csrf_token=abc%2B123; path=/';
    await api.post('/api/v1/push/test', { topic: 'hearing' });
    expect(sentInit().method).toBe('POST');
    expect(sentHeaders().get('X-CSRF-Token')).toBe('abc+123');
    expect(sentHeaders().get('Content-Type')).toBe('application/json');
    expect(sentInit().body).toBe('{"topic":"hearing"}');
  });

  it('adds it on every unsafe method (PUT, PATCH, DELETE)', async () => {
    document.cookie = 'csrf_token=tok; path=/';
    await api.put('/api/v1/push/preferences', {});
    await api.patch('/api/v1/x', {});
    await api.delete('/api/v1/push/subscriptions');
    for (const call of [0, 1, 2]) expect(sentHeaders(call).get('X-CSRF-Token')).toBe('tok');
  });

  it('does not send the CSRF token on GET, even when the cookie is there', async () => {
    document.cookie = 'csrf_token=tok; path=/';
    await api.get('/api/v1/cases');
    expect(sentHeaders().has('X-CSRF-Token')).toBe(false);
  });

  it('sends no empty CSRF header when there is no cookie', async () => {
    await api.post('/api/v1/push/test', {});
    expect(sentHeaders().has('X-CSRF-Token')).toBe(false);
  });

  it('builds the query string, repeating list parameters and skipping empty ones', async () => {
    await api.get('/api/v1/offices', { query: { service: ['brief', 'notice'], open_now: true, q: '', city: null } });
    expect(fetchMock.mock.calls[0][0]).toBe('/api/v1/offices?service=brief&service=notice&open_now=true');
  });
});

describe('responses', () => {
  it('resolves to the parsed JSON body, and to status and headers with request()', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse([{ code: 'T-1' }], { headers: { 'X-Pagination': '{"total":1}' } }));
    const response = await request('/api/v1/offices');
    expect(response.status).toBe(200);
    expect(response.data).toEqual([{ code: 'T-1' }]);
    expect(response.headers.get('X-Pagination')).toBe('{"total":1}');
  });

  it('resolves to null for 204 No Content', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    expect(await api.delete('/api/v1/push/subscriptions')).toBeNull();
  });
});

describe('errors', () => {
  it('turns problem+json into an ApiError with status, title, detail and field errors', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(
        {
          type: 'about:blank',
          title: 'داده نامعتبر است',
          detail: 'چند مقدار را بررسی کنید.',
          status: 422,
          errors: { json: { text: ['این مقدار لازم است.'], keys: { auth: ['نامعتبر'] } }, query: { lat: 'عدد نیست' } },
        },
        { status: 422, type: 'application/problem+json' },
      ),
    );
    const error = await api.post('/api/v1/cases/1/briefs', {}).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.title).toBe('داده نامعتبر است');
    expect(error.detail).toBe('چند مقدار را بررسی کنید.');
    expect(error.errors).toEqual({ text: ['این مقدار لازم است.'], 'keys.auth': ['نامعتبر'], lat: ['عدد نیست'] });
    expect(error.fieldError('text')).toBe('این مقدار لازم است.');
    expect(error.fieldError('other')).toBeUndefined();
  });

  it('reads RFC 9457-style lists of field errors too', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(
        { title: 'Bad', status: 400, errors: [{ pointer: '#/lat', detail: 'out of range' }, { detail: 'general' }] },
        { status: 400, type: 'application/problem+json' },
      ),
    );
    const error = await api.get('/api/v1/offices/nearest').catch((e) => e);
    expect(error.errors).toEqual({ lat: ['out of range'], _: ['general'] });
  });

  it('gives an ApiError with a localised title for an error page that is not JSON', async () => {
    fetchMock.mockResolvedValueOnce(new Response('<h1>Bad gateway</h1>', { status: 502, headers: { 'Content-Type': 'text/html' } }));
    const error = await api.get('/api/v1/cases').catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(error.title).toBe('درخواست انجام نشد.');
    expect(error.errors).toEqual({});
  });

  it('gives an OfflineError when the network fails', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const error = await api.get('/api/v1/cases').catch((e) => e);
    expect(error).toBeInstanceOf(OfflineError);
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('gives a TimeoutError (an OfflineError) when the server does not answer in time', async () => {
    fetchMock.mockImplementationOnce(
      (url, init) =>
        new Promise((resolve, reject) => {
          init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const error = await api.get('/api/v1/cases', { timeout: 20 }).catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(OfflineError);
    expect(error.timeoutMs).toBe(20);
  });

  it("passes the caller's own abort through unchanged", async () => {
    fetchMock.mockImplementationOnce(
      (url, init) =>
        new Promise((resolve, reject) => {
          init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const controller = new AbortController();
    const pending = api.get('/api/v1/cases', { signal: controller.signal }).catch((e) => e);
    controller.abort();
    const error = await pending;
    expect(error.name).toBe('AbortError');
    expect(error).not.toBeInstanceOf(OfflineError);
  });
});

describe('401: back to sign-in, then back here', () => {
  it('calls the handler with the login URL whose next is the current path and query', async () => {
    history.replaceState(null, '', '/cases?page=2');
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    fetchMock.mockResolvedValueOnce(jsonResponse({ title: 'ابتدا وارد شوید', status: 401 }, { status: 401, type: 'application/problem+json' }));
    const error = await api.get('/api/v1/cases').catch((e) => e);
    expect(handler).toHaveBeenCalledWith('/auth/login?next=%2Fcases%3Fpage%3D2');
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(401);
  });

  it('navigates the page to sign in by default', async () => {
    history.replaceState(null, '', '/notices');
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {});
    fetchMock.mockResolvedValueOnce(jsonResponse({ status: 401 }, { status: 401, type: 'application/problem+json' }));
    await api.get('/api/v1/notices').catch(() => {});
    expect(assign).toHaveBeenCalledWith('/auth/login?next=%2Fnotices');
  });

  it('leaves the page alone when the caller opts out (probing whether someone is signed in)', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    fetchMock.mockResolvedValueOnce(jsonResponse({ status: 401 }, { status: 401, type: 'application/problem+json' }));
    await api.get('/api/v1/me', { redirectOnUnauthorized: false }).catch(() => {});
    expect(handler).not.toHaveBeenCalled();
  });

  it('does not call the handler for other errors', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    fetchMock.mockResolvedValueOnce(jsonResponse({ status: 403 }, { status: 403, type: 'application/problem+json' }));
    await api.get('/api/v1/cases/9').catch(() => {});
    expect(handler).not.toHaveBeenCalled();
  });
});

describe('localPath and loginUrl', () => {
  it('keep a local path with its query', () => {
    expect(localPath('/cases/140312345678?tab=hearings')).toBe('/cases/140312345678?tab=hearings');
    expect(loginUrl('/notices')).toBe('/auth/login?next=%2Fnotices');
  });

  it.each([
    ['https://evil.example/phish'],
    ['//evil.example/phish'],
    ['/\\evil.example/phish'],
    ['\\\\evil.example'],
    ['javascript:alert(1)'],
    ['cases'],
    ['/cases\n/x'],
    ['/auth/login?next=/cases'],
    ['/auth/callback'],
    [''],
    [null],
    [undefined],
  ])('never let %j be the next URL', (candidate) => {
    expect(localPath(candidate)).toBe('/');
    expect(loginUrl(candidate)).toBe('/auth/login?next=%2F');
  });
});

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    document.cookie = 'a=1; path=/';
    document.cookie = 'csrf_token=x%3Dy; path=/';
    expect(readCookie('csrf_token')).toBe('x=y');
    expect(readCookie('missing')).toBeNull();
  });
});
