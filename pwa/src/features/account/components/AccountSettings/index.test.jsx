import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ME, fakeServer, json, mount, unmount, waitFor } from '../../../../test/render.jsx';

async function show(routes) {
  vi.resetModules();
  const fetchMock = fakeServer(routes);
  const { AccountSettings } = await import('./index.jsx');
  return { root: mount(<AccountSettings />, '/settings'), fetchMock };
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  unmount();
  localStorage.clear();
});

describe('AccountSettings', () => {
  it('shows the signed-in name and the masked national code and mobile in Persian digits', async () => {
    const { root } = await show({ '/api/v1/me': ME });
    const name = await waitFor(() => root.querySelector('.account-settings__name'));
    expect(name.textContent).toBe('عاطفه رحیمی');
    const codes = [...root.querySelectorAll('.account-settings__code')].map((node) => node.textContent);
    expect(codes).toEqual(['******۶۶۱۴', '۰۹۳۵***۴۵۹۷']);
    expect(root.querySelector('h2').textContent).toBe('حساب کاربری');
  });

  it('signs out: POST /auth/logout, this device forgets, then the identity provider ends its session', async () => {
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {});
    localStorage.setItem('hamrah.personal.account', 'acc-1');
    const { root, fetchMock } = await show({
      '/api/v1/me': ME,
      '/auth/logout': json({ signed_out: true, end_session_url: 'http://127.0.0.1:8001/oidc/logout?x=1' }),
    });
    const button = await waitFor(() => root.querySelector('.account-settings__sign-out'));
    expect(button.textContent).toBe('خروج از حساب');
    button.click();
    await waitFor(() => assign.mock.calls.length);
    expect(fetchMock.mock.calls.some(([url, init]) => url === '/auth/logout' && init.method === 'POST')).toBe(true);
    expect(assign).toHaveBeenCalledWith('http://127.0.0.1:8001/oidc/logout?x=1');
    // the account is remembered again only by a later /me; sign-out cleared it
    expect(localStorage.getItem('hamrah.personal.account')).toBeNull();
  });

  it('deletes my data after a confirmation, on the server and on this device', async () => {
    const confirm = vi.fn(() => true);
    vi.stubGlobal('confirm', confirm);
    window.confirm = confirm;
    localStorage.setItem('hamrah.personal.account', 'acc-1');
    const { root, fetchMock } = await show({
      '/api/v1/me': ME,
      '/api/v1/me/data': json({ deleted: { devices: 1, case_copies: 2 } }),
    });
    const button = await waitFor(() => root.querySelector('.account-settings__erase-button'));
    expect(button.textContent).toBe('حذف اطلاعات من');
    button.click();
    const done = await waitFor(() => root.querySelector('.account-settings__done'));
    expect(done.textContent).toBe('اطلاعات شما حذف شد.');
    expect(confirm).toHaveBeenCalledOnce();
    expect(fetchMock.mock.calls.some(([url, init]) => url === '/api/v1/me/data' && init.method === 'DELETE')).toBe(true);
    expect(localStorage.getItem('hamrah.personal.account')).toBeNull();
  });

  it('deletes nothing when the citizen does not confirm', async () => {
    window.confirm = vi.fn(() => false);
    const { root, fetchMock } = await show({ '/api/v1/me': ME });
    (await waitFor(() => root.querySelector('.account-settings__erase-button'))).click();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fetchMock.mock.calls.some(([url]) => url === '/api/v1/me/data')).toBe(false);
  });

  it('says so when signing out fails', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { root } = await show({
      '/api/v1/me': ME,
      '/auth/logout': () => {
        throw new TypeError('Failed to fetch');
      },
    });
    (await waitFor(() => root.querySelector('.account-settings__sign-out'))).click();
    const alert = await waitFor(() => root.querySelector('.account-settings__error'));
    expect(alert.textContent).toContain('خروج انجام نشد');
  });

  it('offers to sign in when signed out, returning to settings', async () => {
    const { root } = await show({ '/api/v1/me': json({ status: 401, title: 'x' }, 401) });
    const link = await waitFor(() => root.querySelector('a.button'));
    expect(link.getAttribute('href')).toBe('/auth/login?next=%2Fsettings');
    expect(root.textContent).toContain('وارد نشده‌اید');
  });

  it('asks to connect when the server cannot be reached', async () => {
    const { root } = await show({
      '/api/v1/me': () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await waitFor(() => root.textContent.includes('برای دیدن اطلاعات حساب به اینترنت وصل شوید.'));
  });
});
