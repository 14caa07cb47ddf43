import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useNow } from './use-now.js';

function Clock() {
  return <span>{useNow(60000)}</span>;
}

afterEach(() => vi.useRealTimers());

describe('useNow', () => {
  it('re-renders with the new time every interval, so countdowns move on', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-28T06:00:00Z'));
    const root = document.createElement('div');
    act(() => render(<Clock />, root));
    const first = Number(root.textContent);
    act(() => vi.advanceTimersByTime(60000));
    expect(Number(root.textContent) - first).toBe(60000);
    act(() => render(null, root));
  });
});
