import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ME, fakeServer, json, mount, unmount, waitFor } from '../../../../test/render.jsx';

const PREFS = {
  topics: { notice: true, hearing_reminder: true, case_update: true, brief_status: true },
  lead_times: [72, 24, 2],
  quiet_hours: { start: '22:00', end: '07:00' },
  show_details: false,
  language: 'fa',
};
const DEVICES = {
  devices: [
    { id: 5, label: 'Chrome · Android', created_at: '2026-11-20T08:00:00Z', last_success_at: '2026-11-27T08:00:00Z' },
    { id: 6, label: 'Firefox · Windows', created_at: '2026-11-21T08:00:00Z', last_success_at: null },
  ],
};

function browser({ permission = 'default', subscription = null, userAgent = 'Mozilla/5.0 (Linux; Android 14) Chrome/131' } = {}) {
  const requestPermission = vi.fn(async () => 'denied');
  vi.stubGlobal('Notification', { permission, requestPermission });
  vi.stubGlobal('PushManager', function PushManager() {});
  const pushManager = { getSubscription: vi.fn(async () => subscription), subscribe: vi.fn() };
  vi.stubGlobal('navigator', { ...navigator, userAgent, serviceWorker: { ready: Promise.resolve({ pushManager }) } });
  return { requestPermission, pushManager };
}

async function show(routes = {}) {
  vi.resetModules();
  const fetchMock = fakeServer({
    '/api/v1/me': ME,
    '/api/v1/push/preferences': PREFS,
    '/api/v1/push/subscriptions': DEVICES,
    ...routes,
  });
  const { default: View } = await import('./index.jsx');
  return { root: mount(<View />, '/settings/notifications'), fetchMock };
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  unmount();
  vi.unstubAllGlobals();
});

describe('Settings › Notifications', () => {
  it('asks for permission only after a tap, with the reason shown first', async () => {
    const { requestPermission } = browser();
    const { root } = await show();
    const button = await waitFor(() => root.querySelector('.push-settings__device button'));
    expect(root.querySelector('#push-why').textContent).toContain('حتی وقتی همراه قضایی بسته است');
    expect(button.getAttribute('aria-describedby')).toBe('push-why');
    expect(requestPermission).not.toHaveBeenCalled();
    button.click();
    await waitFor(() => requestPermission.mock.calls.length === 1);
    await waitFor(() => root.querySelector('.push-settings__note--warning'));
  });

  it('a blocked permission explains how to allow it again', async () => {
    browser({ permission: 'denied' });
    const { root } = await show();
    const note = await waitFor(() => root.querySelector('.push-settings__note--warning'));
    expect(note.textContent).toContain('تنظیمات سایت');
    expect(root.querySelector('.push-settings__device button')).toBeNull();
  });

  it('on an iPhone outside the home screen, it shows how to add the app instead of a switch', async () => {
    browser({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Safari/604.1' });
    const { root } = await show();
    const note = await waitFor(() => root.querySelector('.push-settings__device .push-settings__note'));
    expect(note.textContent).toContain('افزودن به صفحه اصلی');
    expect(root.querySelector('.push-settings__device button')).toBeNull();
  });

  it('a switched topic is saved; this device is marked in the devices list', async () => {
    browser({ permission: 'granted', subscription: { endpoint: 'https://push.example/5' } });
    localStorage.setItem('hamrah.push.device', '5');
    const saved = [];
    const { root } = await show({
      '/api/v1/push/preferences': (init) => {
        if (init.method !== 'PUT') return json(PREFS);
        saved.push(JSON.parse(init.body));
        return json({ ...PREFS, topics: { ...PREFS.topics, case_update: false } });
      },
    });
    await waitFor(() => root.querySelector('.push-settings__state'));
    expect(root.querySelector('.push-settings__state').textContent).toBe('اعلان‌ها روی این دستگاه روشن است.');
    const switches = await waitFor(() => root.querySelectorAll('input[role="switch"]').length && root.querySelectorAll('input[role="switch"]'));
    const caseUpdates = [...switches].find((input) => input.parentElement.textContent.includes('تغییر وضعیت پرونده‌ها'));
    caseUpdates.click();
    await waitFor(() => saved.length === 1);
    expect(saved[0].topics.case_update).toBe(false);
    expect(caseUpdates.checked).toBe(false);
    await waitFor(() => root.querySelector('.push-settings__message')?.textContent === 'ذخیره شد.');

    const items = await waitFor(() => root.querySelectorAll('.push-devices__item').length && root.querySelectorAll('.push-devices__item'));
    expect(items[0].querySelector('.chip').textContent).toBe('همین دستگاه');
    expect(items[1].querySelector('.chip')).toBeNull();
    expect(items[1].querySelector('button').getAttribute('aria-label')).toBe('حذف Firefox · Windows');
  });

  it('removes another device from the list', async () => {
    browser({ permission: 'granted' });
    const removed = [];
    const { root } = await show({
      '/api/v1/push/subscriptions/6': (init) => {
        removed.push(init.method);
        return new Response(null, { status: 204 });
      },
    });
    const items = await waitFor(() => root.querySelectorAll('.push-devices__item').length && root.querySelectorAll('.push-devices__item'));
    items[1].querySelector('button').click();
    await waitFor(() => removed.length === 1);
    expect(removed).toEqual(['DELETE']);
  });
});
