import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount, unmount, waitFor } from '../../../../test/render.jsx';

async function show(url) {
  vi.resetModules();
  vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 401 })));
  const { default: SignInView } = await import('./index.jsx');
  return mount(<SignInView />, url);
}

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  unmount();
  sessionStorage.clear();
});

describe('Sign-in view', () => {
  it.each([
    ['login_failed', 'ورود انجام نشد'],
    ['login_refused', 'ورود لغو شد'],
    ['idp_unavailable', 'سامانه ورود در دسترس نیست'],
  ])('explains ?error=%s in Persian and offers a retry', async (code, title) => {
    const root = await show(`/signin?error=${code}`);
    expect(root.querySelector('h1').textContent).toBe(title);
    expect(root.querySelector('[role="alert"]').textContent.length).toBeGreaterThan(20);
    const retry = root.querySelector('.signin-view__actions a.button');
    expect(retry.textContent).toBe('تلاش دوباره برای ورود');
    expect(retry.getAttribute('href')).toBe('/auth/login?next=%2F');
    await waitFor(() => document.title === `${title} — همراه قضایی`);
  });

  it('retries towards where the citizen was going', async () => {
    sessionStorage.setItem('hamrah.signin.next', '/cases/c-000001');
    const root = await show('/signin?error=login_failed');
    expect(root.querySelector('.signin-view__actions a.button').getAttribute('href')).toBe(
      '/auth/login?next=%2Fcases%2Fc-000001',
    );
  });

  it('without an error (or an unknown one) just explains signing in', async () => {
    const root = await show('/signin?error=constructor');
    expect(root.querySelector('h1').textContent).toBe('ورود به همراه قضایی');
    expect(root.querySelector('[role="alert"]')).toBeNull();
    expect(root.querySelector('.signin-view__actions a.button').textContent).toBe('ورود با حساب ملی');
  });
});
