import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  PERSONAL_KEY_PREFIX,
  clearPersonalData,
  registerPersonalStore,
  trackPersonalDatabase,
} from './personal-data.js';

function fakeCaches(names) {
  const kept = new Set(names);
  return {
    kept,
    keys: vi.fn(async () => [...kept]),
    delete: vi.fn(async (name) => kept.delete(name)),
  };
}

function fakeIndexedDB(names) {
  const kept = new Set(names);
  return {
    kept,
    databases: vi.fn(async () => [...kept].map((name) => ({ name, version: 1 }))),
    deleteDatabase: vi.fn((name) => {
      const request = {};
      setTimeout(() => {
        kept.delete(name);
        request.onsuccess?.();
      });
      return request;
    }),
  };
}

const unregister = [];
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(() => {
  while (unregister.length) unregister.pop()();
  localStorage.clear();
  sessionStorage.clear();
});

describe('clearPersonalData', () => {
  it('runs every registered store, then deletes personal caches, databases and storage keys only', async () => {
    const caches = fakeCaches(['hamrah-personal-documents', 'workbox-precache-v2-https://x/']);
    const indexedDB = fakeIndexedDB(['hamrah-personal-responses', 'hamrah-offices']);
    vi.stubGlobal('caches', caches);
    vi.stubGlobal('indexedDB', indexedDB);
    const cleared = [];
    unregister.push(registerPersonalStore('push', async () => cleared.push('push')));
    localStorage.setItem(`${PERSONAL_KEY_PREFIX}account`, 'abc');
    localStorage.setItem('hamrah.language', 'fa');
    sessionStorage.setItem(`${PERSONAL_KEY_PREFIX}draft`, 'text');

    const result = await clearPersonalData();

    expect(result).toEqual({ failed: [] });
    expect(cleared).toEqual(['push']);
    expect([...caches.kept]).toEqual(['workbox-precache-v2-https://x/']); // the app shell stays
    expect([...indexedDB.kept]).toEqual(['hamrah-offices']); // public data stays
    expect(localStorage.getItem(`${PERSONAL_KEY_PREFIX}account`)).toBeNull();
    expect(localStorage.getItem('hamrah.language')).toBe('fa');
    expect(sessionStorage.getItem(`${PERSONAL_KEY_PREFIX}draft`)).toBeNull();
  });

  it('finds databases it was told about where indexedDB.databases() is missing', async () => {
    const indexedDB = fakeIndexedDB(['hamrah-personal-responses']);
    delete indexedDB.databases;
    vi.stubGlobal('indexedDB', indexedDB);
    trackPersonalDatabase('hamrah-personal-responses');
    await clearPersonalData();
    expect(indexedDB.deleteDatabase).toHaveBeenCalledWith('hamrah-personal-responses');
    expect(indexedDB.kept.size).toBe(0);
  });

  it('goes on when one store fails, and reports it', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const after = vi.fn();
    unregister.push(registerPersonalStore('broken', () => Promise.reject(new Error('no'))));
    unregister.push(registerPersonalStore('fine', after));
    localStorage.setItem(`${PERSONAL_KEY_PREFIX}account`, 'abc');
    const result = await clearPersonalData();
    expect(result.failed).toEqual(['broken']);
    expect(after).toHaveBeenCalledOnce();
    expect(localStorage.getItem(`${PERSONAL_KEY_PREFIX}account`)).toBeNull();
  });

  it('unregistering a store leaves it out', async () => {
    const clear = vi.fn();
    registerPersonalStore('gone', clear)();
    await clearPersonalData();
    expect(clear).not.toHaveBeenCalled();
  });
});

describe('trackPersonalDatabase', () => {
  it('refuses a name outside the personal prefix, so nothing personal hides from the sweep', () => {
    expect(() => trackPersonalDatabase('offices')).toThrow();
  });
});

describe('reasons', () => {
  it('tells each store why it is cleared, sign-out by default', async () => {
    const seen = [];
    unregister.push(registerPersonalStore('drafts', (reason) => seen.push(reason)));
    await clearPersonalData();
    await clearPersonalData({ reason: 'session-ended' });
    await clearPersonalData({ reason: 'account-changed' });
    expect(seen).toEqual(['sign-out', 'session-ended', 'account-changed']);
  });
});
