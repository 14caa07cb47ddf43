import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, OfflineError } from './client.js';
import { upload } from './upload.js';

// A scripted XMLHttpRequest: records what was sent; the test decides how it ends.
class FakeXhr {
  static last = null;
  constructor() {
    this.headers = {};
    this.upload = {};
    this.status = 0;
    this.responseText = '';
    this.responseHeaders = '';
    FakeXhr.last = this;
  }
  open(method, url) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name, value) {
    this.headers[name] = value;
  }
  getAllResponseHeaders() {
    return this.responseHeaders;
  }
  send(body) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  answer(status, body, type = 'application/json') {
    this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 });
    this.upload.onload?.();
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.responseHeaders = `Content-Type: ${type}\r\n`;
    this.onload();
  }
}

beforeEach(() => {
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  document.cookie = 'csrf_token=tok%2B1; path=/';
});
afterEach(() => {
  document.cookie = 'csrf_token=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
});

describe('upload with progress', () => {
  it('sends the body with the CSRF token, the language and the caller\'s headers, and reports progress', async () => {
    const progress = [];
    const form = new FormData();
    const pending = upload('/api/v1/cases/c-1/briefs', form, {
      headers: { 'Idempotency-Key': 'k-1' },
      onProgress: (fraction) => progress.push(fraction),
    });
    const xhr = FakeXhr.last;
    expect(xhr.method).toBe('POST');
    expect(xhr.withCredentials).toBe(true);
    expect(xhr.headers['X-CSRF-Token']).toBe('tok+1');
    expect(xhr.headers['Idempotency-Key']).toBe('k-1');
    expect(xhr.headers['Accept-Language']).toBe('fa');
    expect(xhr.body).toBe(form);
    xhr.answer(202, { id: 'b1', tracking_code: '140512345678' });
    const response = await pending;
    expect(response.status).toBe(202);
    expect(response.data).toEqual({ id: 'b1', tracking_code: '140512345678' });
    expect(progress).toEqual([0.5, 1]);
  });

  it('turns a problem into an ApiError with its field errors', async () => {
    const pending = upload('/x', new FormData());
    FakeXhr.last.answer(
      422,
      { title: 'پیوست PDF رمزدار است', status: 422, code: 'brief_pdf_encrypted', errors: { 'files.0': ['رمزدار'] } },
      'application/problem+json',
    );
    const error = await pending.catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.problem.code).toBe('brief_pdf_encrypted');
    expect(error.fieldError('files.0')).toBe('رمزدار');
  });

  it('gives an OfflineError when the connection drops', async () => {
    const pending = upload('/x', new FormData());
    FakeXhr.last.onerror();
    expect(await pending.catch((e) => e)).toBeInstanceOf(OfflineError);
  });

  it("passes the caller's abort through", async () => {
    const controller = new AbortController();
    const pending = upload('/x', new FormData(), { signal: controller.signal });
    controller.abort();
    expect((await pending.catch((e) => e)).name).toBe('AbortError');
  });
});
