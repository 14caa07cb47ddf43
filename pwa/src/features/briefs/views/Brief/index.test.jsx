import { afterEach, describe, expect, it, vi } from 'vitest';
import { ME, fakeServer, mount, unmount, waitFor } from '../../../../test/render.jsx';

vi.mock('../../../../lib/personal-cache.js', () => ({
  keepResponse: vi.fn(async () => {}),
  keptResponse: vi.fn(async () => null),
}));

const BRIEF = {
  id: 'b1', case_id: 'c-000001', case_number: '1405151842000001', case_title: 'مطالبه وجه چک', tracking_code: '140512345678',
  status: 'rejected', sha256: '0123456789abcdef'.repeat(4), received_at: '2026-11-28T08:00:00+00:00', registered_at: null,
  core_tracking_code: null, rejection: { code: 'case_closed', reason: 'Case closed' }, awaiting_sign_in: false,
  file_count: 1, text: 'متن لایحه', text_sha256: 'c'.repeat(64), files_deleted_at: null,
  files: [{ name: 'لایحه.pdf', content_type: 'application/pdf', size: 1536, sha256: 'd'.repeat(64) }], manifest: {},
};

async function show(brief = BRIEF) {
  vi.resetModules();
  fakeServer({ '/api/v1/me': ME, '/api/v1/briefs/b1': brief });
  const { default: BriefView } = await import('./index.jsx');
  return mount(<BriefView params={{ id: 'b1' }} />, '/briefs/b1');
}

afterEach(() => unmount());

describe('One brief', () => {
  it('shows the receipt: tracking code, why it was refused, the fingerprint and each file with its hash', async () => {
    const root = await show();
    await waitFor(() => root.querySelector('.brief-facts'));
    expect(root.querySelector('h1').textContent).toBe('لایحهٔ ۱۴۰۵۱۲۳۴۵۶۷۸');
    expect(root.querySelector('.brief-facts').textContent).toContain('پرونده مختومه است و لایحه نمی‌پذیرد.');
    expect(root.querySelector('.brief-sha').textContent.replaceAll(' ', '')).toBe(BRIEF.sha256);
    expect(root.querySelector('.brief-attachment').textContent).toContain('لایحه.pdf');
    expect(root.querySelector('.brief-attachment').textContent).toContain('۲ کیلوبایت');
    const receipt = [...root.querySelectorAll('a')].find((a) => a.textContent === 'رسید قابل چاپ');
    expect(receipt.getAttribute('href')).toBe('/api/v1/briefs/b1/receipt');
  });

  it("shows the court's tracking code once registered", async () => {
    const root = await show({ ...BRIEF, status: 'registered', rejection: null, core_tracking_code: '14059876543210',
      registered_at: '2026-11-28T08:05:00+00:00' });
    await waitFor(() => root.querySelector('[data-core-tracking-code]'));
    expect(root.querySelector('[data-core-tracking-code]').textContent).toBe('۱۴۰۵۹۸۷۶۵۴۳۲۱۰');
    expect(root.querySelector('.chip').textContent).toBe('در دادگاه ثبت شد');
  });
});
