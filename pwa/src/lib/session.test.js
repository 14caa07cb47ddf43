import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

function json(body, status = 200) {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

const ME = { name: 'عاطفه رحیمی', national_code: '******6614', mobile: '0935***4597', account: 'a1' };

// A fresh module graph per test: the session is asked once per page load.
async function load() {
  vi.resetModules();
  return import('./session.js');
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  history.replaceState(null, '', '/');
});
afterEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('loadSession', () => {
  it('is signed in with the answer of /api/v1/me and remembers the account', async () => {
    const fetchMock = vi.fn(async () => json(ME));
    vi.stubGlobal('fetch', fetchMock);
    const { loadSession, lastAccount } = await load();
    const state = await loadSession();
    expect(state).toEqual({ status: 'signed-in', me: ME });
    expect(lastAccount()).toBe('a1');
    expect(fetchMock.mock.calls[0][0]).toBe('/api/v1/me');
    await loadSession();
    expect(fetchMock).toHaveBeenCalledTimes(1); // once per page load
  });

  it('is signed out on 401 without redirecting, and deletes what was kept for the ended session', async () => {
    localStorage.setItem('hamrah.personal.account', 'a1');
    localStorage.setItem('hamrah.personal.other', 'x');
    vi.stubGlobal('fetch', vi.fn(async () => json({ status: 401, title: 'ابتدا وارد شوید' }, 401)));
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {});
    const { loadSession } = await load();
    expect(await loadSession()).toEqual({ status: 'signed-out', me: null });
    expect(localStorage.getItem('hamrah.personal.other')).toBeNull();
    expect(assign).not.toHaveBeenCalled();
  });

  it('tells the stores the session ended when /api/v1/me answers 401', async () => {
    localStorage.setItem('hamrah.personal.account', 'a1');
    vi.stubGlobal('fetch', vi.fn(async () => json({ status: 401, title: 'x' }, 401)));
    const reasons = [];
    const { loadSession } = await load();
    const personal = await import('./personal-data.js'); // the module graph the session uses
    const stop = personal.registerPersonalStore('spy', (reason) => reasons.push(reason));
    await loadSession();
    stop();
    expect(reasons).toEqual(['session-ended']);
  });

  it('clears the previous citizen’s data when someone else signs in on this device', async () => {
    localStorage.setItem('hamrah.personal.account', 'someone-else');
    localStorage.setItem('hamrah.personal.kept', 'theirs');
    vi.stubGlobal('fetch', vi.fn(async () => json(ME)));
    const { loadSession, lastAccount } = await load();
    await loadSession();
    expect(localStorage.getItem('hamrah.personal.kept')).toBeNull();
    expect(lastAccount()).toBe('a1');
  });

  it('keeps what was kept when offline, says the server is unreachable, and asks again next time', async () => {
    localStorage.setItem('hamrah.personal.account', 'a1');
    localStorage.setItem('hamrah.personal.kept', 'mine');
    const fetchMock = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    vi.stubGlobal('fetch', fetchMock);
    const { loadSession } = await load();
    expect(await loadSession()).toEqual({ status: 'unknown', me: null, unreachable: true });
    expect(localStorage.getItem('hamrah.personal.kept')).toBe('mine');
    await loadSession();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});

describe('signInHref', () => {
  it('returns to the current page after signing in', async () => {
    const { signInHref } = await load();
    expect(signInHref('/cases/c-000001?tab=hearings')).toBe('/auth/login?next=%2Fcases%2Fc-000001%3Ftab%3Dhearings');
  });

  it('never returns to the sign-in page itself: the remembered place, else home', async () => {
    const { rememberReturn, signInHref } = await load();
    expect(signInHref('/signin?error=login_failed')).toBe('/auth/login?next=%2F');
    rememberReturn('/auth/login?next=%2Fcases');
    expect(signInHref('/signin?error=login_failed')).toBe('/auth/login?next=%2Fcases');
  });

  it('refuses another site as the place to return to', async () => {
    const { signInHref } = await load();
    expect(signInHref('//evil.example/x')).toBe('/auth/login?next=%2F');
  });
});

describe('signOut', () => {
  it('posts /auth/logout with the CSRF header, forgets this device’s personal data, then ends the IdP session', async () => {
    document.cookie = 'csrf_token=nonce.sig; path=/';
    localStorage.setItem('hamrah.personal.account', 'a1');
    const end = 'http://127.0.0.1:8001/oidc/logout?id_token_hint=x';
    const fetchMock = vi.fn(async () => json({ signed_out: true, end_session_url: end }));
    vi.stubGlobal('fetch', fetchMock);
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {});
    const { signOut, currentSession } = await load();
    await signOut();
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/auth/logout');
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('X-CSRF-Token')).toBe('nonce.sig');
    expect(localStorage.getItem('hamrah.personal.account')).toBeNull();
    expect(currentSession().status).toBe('signed-out');
    expect(assign).toHaveBeenCalledWith(end);
    document.cookie = 'csrf_token=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });

  it('goes home when the IdP gives no end-session URL, and never to a script URL', async () => {
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {});
    vi.stubGlobal('fetch', vi.fn(async () => json({ signed_out: true, end_session_url: 'javascript:alert(1)' })));
    const { signOut } = await load();
    await signOut();
    expect(assign).toHaveBeenCalledWith('/');
  });

  it('rejects when the server cannot be reached, but this device forgets anyway', async () => {
    localStorage.setItem('hamrah.personal.account', 'a1');
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }));
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {});
    const { signOut } = await load();
    await expect(signOut()).rejects.toThrow();
    expect(localStorage.getItem('hamrah.personal.account')).toBeNull();
    expect(assign).not.toHaveBeenCalled();
  });
});
