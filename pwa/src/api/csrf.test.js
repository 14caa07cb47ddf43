import { describe, expect, it, vi } from 'vitest';
import { readCookie, workerCsrfToken } from './csrf.js';

describe('the CSRF token', () => {
  it('is read from this document\'s cookie, decoded', () => {
    document.cookie = 'csrf_token=a%2Bb.c';
    expect(readCookie('csrf_token')).toBe('a+b.c');
    expect(readCookie('no_such_cookie')).toBeNull();
  });

  it('is read in the service worker from the Cookie Store API, decoded the same way', async () => {
    const scope = { cookieStore: { get: vi.fn(async () => ({ value: 'a%2Bb.c' })) } };
    expect(await workerCsrfToken(scope)).toBe('a+b.c');
    expect(scope.cookieStore.get).toHaveBeenCalledWith('csrf_token');
  });

  it('is null in a worker without the Cookie Store API, without the cookie, or when the store fails', async () => {
    expect(await workerCsrfToken({})).toBeNull();
    expect(await workerCsrfToken({ cookieStore: { get: async () => null } })).toBeNull();
    expect(await workerCsrfToken({ cookieStore: { get: async () => Promise.reject(new Error('no')) } })).toBeNull();
  });
});
