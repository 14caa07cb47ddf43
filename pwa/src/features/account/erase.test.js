import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../push/index.js', () => ({ disablePush: vi.fn(async () => {}) }));
vi.mock('../briefs/index.js', () => ({ clearBriefsOnDevice: vi.fn(async () => {}) }));
vi.mock('../../lib/personal-data.js', () => ({ clearPersonalData: vi.fn(async () => ({ failed: [] })) }));

const { eraseMyData } = await import('./erase.js');
const push = await import('../push/index.js');
const outbox = await import('../briefs/index.js');
const personal = await import('../../lib/personal-data.js');

afterEach(() => {
  vi.restoreAllMocks();
  vi.clearAllMocks();
});

function respond(status, body, type = 'application/json') {
  return vi.spyOn(globalThis, 'fetch').mockResolvedValue(
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } }),
  );
}

describe('eraseMyData', () => {
  it('asks the server with DELETE and CSRF, then forgets this device', async () => {
    document.cookie = 'csrf_token=abc.def';
    const fetchSpy = respond(200, { deleted: { devices: 1, case_copies: 3 } });
    const deleted = await eraseMyData();
    expect(deleted).toEqual({ devices: 1, case_copies: 3 });
    const [url, init] = fetchSpy.mock.calls[0];
    expect(url).toBe('/api/v1/me/data');
    expect(init.method).toBe('DELETE');
    expect(new Headers(init.headers).get('X-CSRF-Token')).toBe('abc.def');
    expect(push.disablePush).toHaveBeenCalledOnce();
    expect(outbox.clearBriefsOnDevice).toHaveBeenCalledOnce();
    expect(personal.clearPersonalData).toHaveBeenCalledWith({ reason: 'erase' });
  });

  it('keeps everything on the device when the server refuses', async () => {
    respond(503, { title: 'x', status: 503 }, 'application/problem+json');
    await expect(eraseMyData()).rejects.toMatchObject({ status: 503 });
    expect(personal.clearPersonalData).not.toHaveBeenCalled();
    expect(outbox.clearBriefsOnDevice).not.toHaveBeenCalled();
  });
});
