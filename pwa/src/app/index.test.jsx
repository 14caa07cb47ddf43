import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

let root;
function appConfig(body) {
  return vi.fn(async () => new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } }));
}

// A fresh module graph per test: the app config is fetched once per page load.
async function mount(url) {
  vi.resetModules();
  const { App } = await import('./index.jsx');
  history.replaceState(null, '', url);
  root = document.createElement('div');
  document.body.append(root);
  render(<App />, root);
}

async function waitFor(check, timeout = 2000) {
  const start = Date.now();
  for (;;) {
    const result = check();
    if (result) return result;
    if (Date.now() - start > timeout) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  render(null, root);
  root.remove();
  localStorage.clear();
});

describe('App shell', () => {
  it('has a skip link, header, main and navigation, and shows the offices view at /', async () => {
    vi.stubGlobal('fetch', appConfig({ sandbox: false, version: '0.1.0' }));
    await mount('/');
    expect(root.querySelector('a.skip-link').getAttribute('href')).toBe('#main');
    expect(root.querySelector('header').textContent).toContain('همراه قضایی');
    expect(root.querySelector('main#main')).not.toBeNull();
    expect(root.querySelector('nav')).not.toBeNull();
    const heading = await waitFor(() => root.querySelector('main h1'));
    expect(heading.textContent).toBe('دفاتر');
    // the title is set in an effect, which runs after the paint
    await waitFor(() => document.title === 'دفاتر — همراه قضایی');
  });

  it('shows the sample-data banner when the server runs against the sandbox', async () => {
    const fetchMock = appConfig({ sandbox: true, version: '0.1.0' });
    vi.stubGlobal('fetch', fetchMock);
    await mount('/cases');
    const banner = await waitFor(() => root.querySelector('.sandbox-banner'));
    expect(banner.textContent).toBe('نسخه آزمایشی — داده‌ها نمونه‌اند و واقعی نیستند');
    expect(fetchMock.mock.calls[0][0]).toBe('/api/v1/app-config');
  });

  it('shows the not-found view for an unknown route', async () => {
    vi.stubGlobal('fetch', appConfig({ sandbox: false, version: '' }));
    await mount('/no/such/page');
    const heading = await waitFor(() => root.querySelector('main h1'));
    expect(heading.textContent).toBe('صفحه پیدا نشد');
  });

  it('routes app links on the client but lets sign-in links reach the server', async () => {
    vi.stubGlobal('fetch', appConfig({ sandbox: false, version: '' }));
    await mount('/offices');
    await waitFor(() => root.querySelector('main h1'));

    const casesLink = root.querySelector('nav a[href="/cases"]');
    const toCases = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, button: 0 });
    casesLink.dispatchEvent(toCases);
    expect(toCases.defaultPrevented).toBe(true);
    expect(location.pathname).toBe('/cases');
    await waitFor(() => root.querySelector('main h1')?.textContent === 'پرونده‌ها');
    expect(root.querySelector('nav a[href="/cases"]').getAttribute('aria-current')).toBe('page');

    const signIn = document.createElement('a');
    signIn.href = '/auth/login?next=%2Fcases';
    root.querySelector('main').append(signIn);
    // Record whether the router claimed the click, then cancel the (simulated) page load.
    let claimedByRouter;
    const observe = (event) => {
      claimedByRouter = event.defaultPrevented;
      event.preventDefault();
    };
    window.addEventListener('click', observe);
    signIn.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, button: 0 }));
    window.removeEventListener('click', observe);
    // The router left it alone: in a browser, the navigation to the server goes ahead.
    expect(claimedByRouter).toBe(false);
    expect(location.pathname).toBe('/cases');
  });

  it('re-renders the current view in the new language after a switch', async () => {
    vi.stubGlobal('fetch', appConfig({ sandbox: false, version: '' }));
    await mount('/settings');
    await waitFor(() => root.querySelector('main h1')?.textContent === 'تنظیمات');
    const { setLanguage } = await import('../i18n/index.js');
    await setLanguage('en');
    await waitFor(() => root.querySelector('main h1')?.textContent === 'Settings');
    expect(root.querySelector('nav').textContent).toContain('Offices');
    expect(document.documentElement.dir).toBe('ltr');
    await setLanguage('fa');
  });
});
