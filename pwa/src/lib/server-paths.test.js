import { describe, expect, it } from 'vitest';
import { CLIENT_PATH, SERVER_PATH } from './server-paths.js';

const serverPaths = [
  '/api/v1/cases',
  '/api/docs',
  '/api',
  '/api?x=1',
  '/auth/login?next=%2Fcases',
  '/auth/callback',
  '/sandbox/control/reset',
  '/healthz',
  '/readyz?verbose=1',
];
const appPaths = ['/', '/offices', '/cases/140312345678', '/notices?unread=1', '/settings', '/apiary', '/authors', '/healthz/x'];

describe('server and client paths', () => {
  it.each(serverPaths)('%s belongs to the server', (path) => {
    expect(SERVER_PATH.test(path)).toBe(true);
    expect(CLIENT_PATH.test(path)).toBe(false);
  });

  it.each(appPaths)('%s is an app route', (path) => {
    expect(SERVER_PATH.test(path)).toBe(false);
    expect(CLIENT_PATH.test(path)).toBe(true);
  });
});
