import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json, renderHook, waitFor } from '../../test/render.jsx';
import { usePushPreferences } from './use-push-preferences.js';

const PREFS = {
  topics: { notice: true, hearing_reminder: true, case_update: true, brief_status: true },
  lead_times: [72, 24, 2],
  quiet_hours: null,
  show_details: false,
  language: 'fa',
};

/** The server's preferences endpoint: GET answers `PREFS`, PUT answers `put(body)`. */
function server(put) {
  const saved = [];
  const fetchMock = fakeServer({
    '/api/v1/push/preferences': (init) => {
      if (init.method !== 'PUT') return json(PREFS);
      const body = JSON.parse(init.body);
      saved.push(body);
      return put(body);
    },
  });
  return { saved, fetchMock };
}

let hook;
afterEach(() => hook?.unmount());

describe('usePushPreferences', () => {
  it('saves a change with the app language and shows what the server kept', async () => {
    const { saved } = server((body) => json({ ...PREFS, ...body }));
    hook = renderHook(usePushPreferences);
    await waitFor(() => hook.result.current.prefs);
    hook.result.current.toggleLead(168, true);
    await waitFor(() => hook.result.current.message?.tone === 'ok');
    expect(saved).toEqual([{ lead_times: [168, 72, 24, 2], language: 'fa' }]);
    expect(hook.result.current.prefs.lead_times).toEqual([168, 72, 24, 2]);
  });

  it('shows a change at once and undoes it when saving fails', async () => {
    let answer;
    const answered = new Promise((resolve) => (answer = resolve));
    server(() => answered.then(() => json({ title: 'down', status: 503 }, 503)));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    hook = renderHook(usePushPreferences);
    await waitFor(() => hook.result.current.prefs);
    const saving = hook.result.current.save({ show_details: true });
    await waitFor(() => hook.result.current.prefs.show_details === true);
    answer();
    await saving;
    await waitFor(() => hook.result.current.message?.tone === 'error');
    expect(hook.result.current.prefs.show_details).toBe(false);
  });

  it('saves quiet hours only once both times are set', async () => {
    const { saved } = server((body) => json({ ...PREFS, ...body }));
    hook = renderHook(usePushPreferences);
    await waitFor(() => hook.result.current.prefs);
    hook.result.current.setQuietTime('start', '');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(saved).toEqual([]);
    hook.result.current.setQuietTime('start', '23:00');
    await waitFor(() => saved.length === 1);
    expect(saved[0].quiet_hours).toEqual({ start: '23:00', end: '07:00' });
  });
});
