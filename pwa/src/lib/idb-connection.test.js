import { beforeEach, describe, expect, it, vi } from 'vitest';

// Records every openDB call and the callbacks it was given, so a test can play another tab.
const opened = [];
vi.mock('idb', () => ({
  openDB: vi.fn(async (name, version, callbacks) => {
    if (name === 'refused') throw new Error('quota');
    const db = { name, version, close: vi.fn() };
    opened.push({ db, callbacks });
    return db;
  }),
}));

const { lazyDatabase } = await import('./idb-connection.js');

beforeEach(() => {
  opened.length = 0;
});

describe('lazyDatabase', () => {
  it('opens nothing until asked, then shares one connection', async () => {
    const connection = lazyDatabase('d', 1, () => {});
    expect(connection.opened()).toBe(null);
    const [a, b] = await Promise.all([connection.open(), connection.open()]);
    expect(a).toBe(b);
    expect(opened).toHaveLength(1);
    expect(opened[0].db.version).toBe(1);
  });

  it('lets go when another tab needs the database, and opens again on the next call', async () => {
    const connection = lazyDatabase('d', 1, () => {});
    const first = await connection.open();
    opened[0].callbacks.blocking();
    await Promise.resolve();
    expect(first.close).toHaveBeenCalledOnce();
    expect(connection.opened()).toBe(null);
    const second = await connection.open();
    expect(second).not.toBe(first);
    expect(opened).toHaveLength(2);
  });

  it('forgets a failed or terminated open so the next call tries again', async () => {
    const refused = lazyDatabase('refused', 1, () => {});
    await expect(refused.open()).rejects.toThrow('quota');
    expect(refused.opened()).toBe(null);

    const connection = lazyDatabase('d', 1, () => {});
    await connection.open();
    opened[0].callbacks.terminated();
    expect(connection.opened()).toBe(null);
  });

  it('passes the upgrade to the database', async () => {
    const upgrade = vi.fn();
    await lazyDatabase('d', 3, upgrade).open();
    expect(opened[0].callbacks.upgrade).toBe(upgrade);
  });
});
