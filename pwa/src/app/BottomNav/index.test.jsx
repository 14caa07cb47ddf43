import { LocationProvider } from 'preact-iso';
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PLACES } from '../routes.js';
import { BottomNav } from './index.jsx';

let root;
function renderAt(url) {
  history.replaceState(null, '', url);
  root = document.createElement('div');
  document.body.append(root);
  render(
    <LocationProvider>
      <BottomNav places={PLACES} />
    </LocationProvider>,
    root,
  );
  return root;
}

afterEach(() => {
  render(null, root);
  root.remove();
});

const current = (container) =>
  [...container.querySelectorAll('a[aria-current]')].map((a) => [a.getAttribute('href'), a.getAttribute('aria-current')]);

describe('BottomNav', () => {
  it('is a labelled navigation landmark with the four places in order', () => {
    const container = renderAt('/offices');
    const nav = container.querySelector('nav');
    expect(nav.getAttribute('aria-label')).toBe('بخش‌های اصلی');
    const links = [...nav.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/offices', '/cases', '/notices', '/settings']);
    expect(links.map((a) => a.textContent.trim())).toEqual(['دفاتر', 'پرونده‌ها', 'ابلاغیه‌ها', 'تنظیمات']);
  });

  it.each([
    ['/offices', '/offices'],
    ['/', '/offices'],
    ['/cases', '/cases'],
    ['/cases/140312345678', '/cases'],
    ['/notices?unread=1', '/notices'],
    ['/settings', '/settings'],
  ])('at %s marks only %s as the current page', (url, expected) => {
    expect(current(renderAt(url))).toEqual([[expected, 'page']]);
  });

  it('marks no place on an unknown page or one that only starts with the same letters', () => {
    expect(current(renderAt('/no-such-page'))).toEqual([]);
    expect(current(renderAt('/casesandmore'))).toEqual([]);
  });

  it('hides the icons from assistive technology', () => {
    const svgs = [...renderAt('/offices').querySelectorAll('svg')];
    expect(svgs).toHaveLength(4);
    for (const svg of svgs) expect(svg.getAttribute('aria-hidden')).toBe('true');
  });
});
