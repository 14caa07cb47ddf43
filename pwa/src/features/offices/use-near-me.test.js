import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderHook, waitFor } from '../../test/render.jsx';
import { useNearMe } from './use-near-me.js';

function geolocation(answer) {
  vi.stubGlobal('navigator', {
    ...navigator,
    geolocation: {
      getCurrentPosition: vi.fn((success, failure) => setTimeout(() => answer(success, failure), 0)),
    },
  });
}

let hook;
afterEach(() => hook?.unmount());

describe('useNearMe', () => {
  it('asks the browser only when told to, and resolves to the point', async () => {
    let answer;
    const answered = new Promise((resolve) => (answer = resolve));
    geolocation((success) => answered.then(() => success({ coords: { latitude: 32.65, longitude: 51.67 } })));
    hook = renderHook(useNearMe);
    expect(navigator.geolocation.getCurrentPosition).not.toHaveBeenCalled();
    const asking = hook.result.current.ask();
    await waitFor(() => hook.result.current.state === 'asking');
    answer();
    expect(await asking).toEqual({ lat: 32.65, lon: 51.67 });
    await waitFor(() => hook.result.current.state === 'idle');
  });

  it('says "denied" when the citizen refuses, and "unavailable" when the phone cannot tell', async () => {
    geolocation((success, failure) => failure({ code: 1 }));
    hook = renderHook(useNearMe);
    expect(await hook.result.current.ask()).toBeNull();
    await waitFor(() => hook.result.current.state === 'denied');

    geolocation((success, failure) => failure({ code: 3 })); // timeout
    expect(await hook.result.current.ask()).toBeNull();
    await waitFor(() => hook.result.current.state === 'unavailable');
  });

  it('says "unavailable" on a browser without geolocation', async () => {
    vi.stubGlobal('navigator', { ...navigator, geolocation: undefined });
    hook = renderHook(useNearMe);
    expect(await hook.result.current.ask()).toBeNull();
    await waitFor(() => hook.result.current.state === 'unavailable');
  });
});
