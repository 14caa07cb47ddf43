// Helpers of the view tests: a fake server for fetch, mounting under the router, waiting for the DOM.

import { render } from 'preact';
import { LocationProvider } from 'preact-iso';
import { vi } from 'vitest';

export function json(body, status = 200) {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

/** Stubs fetch with `routes` ({path: body | Response | (init) => Response}); unknown paths answer 404. */
export function fakeServer(routes) {
  const fetchMock = vi.fn(async (url, init = {}) => {
    const path = String(url).split('?')[0];
    const route = routes[path];
    if (route === undefined) return json({ status: 404, title: 'پیدا نشد', code: 'not_found' }, 404);
    if (typeof route === 'function') return route(init);
    if (route instanceof Error) throw route;
    return route instanceof Response ? route.clone() : json(route);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

let root = null;

/** Renders `element` under a LocationProvider at `url`; returns the container. */
export function mount(element, url = '/') {
  history.replaceState(null, '', url);
  root = document.createElement('div');
  document.body.append(root);
  render(<LocationProvider>{element}</LocationProvider>, root);
  return root;
}

export function unmount() {
  if (!root) return;
  render(null, root);
  root.remove();
  root = null;
}

export async function waitFor(check, timeout = 2000) {
  const start = Date.now();
  for (;;) {
    const result = check();
    if (result) return result;
    if (Date.now() - start > timeout) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const ME = { name: 'عاطفه رحیمی', national_code: '******6614', mobile: '0935***4597', account: 'acc-1' };

/**
 * Runs `useHook(props)` inside a component: `result.current` is what it returned at the last render;
 * rerender(props) renders again with other props; unmount() ends it.
 */
export function renderHook(useHook, props = {}) {
  const result = { current: null };
  const container = document.createElement('div');
  function Probe(current) {
    result.current = useHook(current);
    return null;
  }
  render(<Probe {...props} />, container);
  return {
    result,
    rerender: (next) => render(<Probe {...next} />, container),
    unmount: () => render(null, container),
  };
}
