import { afterEach, describe, expect, it, vi } from 'vitest';
import { FEATURES, HOME, PLACES, ROUTES, compareRoutes, startFeatures } from './routes.js';

const declared = import.meta.glob('../features/*/feature.js', { eager: true, import: 'default' });

afterEach(() => vi.restoreAllMocks());

describe('the route table', () => {
  it('lists every feature folder that declares itself', () => {
    expect(FEATURES).toHaveLength(Object.keys(declared).length);
    for (const [file, feature] of Object.entries(declared)) {
      expect(FEATURES, file).toContain(feature);
      expect(file).toBe(`../features/${feature.name}/feature.js`);
    }
  });

  it('has each path once', () => {
    const paths = ROUTES.map((route) => route.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('tries a fixed segment before a parameter at the same depth, whatever the features order', () => {
    const order = (routes) => [...routes].sort(compareRoutes).map((route) => route.path);
    expect(order([{ path: '/cases/:id' }, { path: '/cases/hearings' }])).toEqual(['/cases/hearings', '/cases/:id']);
    expect(order([{ path: '/a/:id/x' }, { path: '/a/b/:id' }])).toEqual(['/a/b/:id', '/a/:id/x']);
    const paths = ROUTES.map((route) => route.path);
    expect(paths.indexOf('/cases/hearings')).toBeLessThan(paths.indexOf('/cases/:id'));
  });

  it('keeps the features order among routes of the same shape (the places in navigation order)', () => {
    expect(PLACES.map((place) => place.path)).toEqual(['/offices', '/cases', '/notices', '/settings']);
    expect(HOME.path).toBe('/offices');
  });

  it('gives every place a label and an icon, and every route a view loaded on demand', () => {
    for (const place of PLACES) {
      expect(place.labelKey).toMatch(/^nav\./);
      expect(typeof place.Icon).toBe('function');
    }
    for (const route of ROUTES) expect(typeof route.View.preload).toBe('function');
  });
});

describe('startFeatures', () => {
  it('runs each start with the context, and one failing start neither stops the others nor escapes', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const started = [];
    const spies = FEATURES.filter((feature) => feature.start).map((feature, index) =>
      vi.spyOn(feature, 'start').mockImplementation((context) => {
        started.push([feature.name, context]);
        if (index === 0) throw new Error('no');
        return Promise.resolve();
      }),
    );
    expect(spies.length).toBeGreaterThan(1);
    startFeatures({ serviceWorker: false });
    await vi.waitFor(() => expect(started).toHaveLength(spies.length));
    expect(started.every(([, context]) => context.serviceWorker === false)).toBe(true);
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringMatching(/could not start/), expect.any(Error)));
  });
});
