import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Each test gets a fresh module: the current language is module state.
let i18n;
beforeEach(async () => {
  localStorage.clear();
  document.documentElement.lang = 'fa';
  document.documentElement.dir = 'rtl';
  vi.resetModules();
  i18n = await import('./index.js');
});
afterEach(() => localStorage.clear());

describe('t', () => {
  it('finds nested keys as namespace.path', () => {
    expect(i18n.t('common.actions.retry')).toBe('تلاش دوباره');
    expect(i18n.t('nav.offices')).toBe('دفاتر');
  });

  it('fills {name} placeholders and writes numbers in Persian digits', () => {
    expect(i18n.t('common.not_found.body', { path: '/abc' })).toBe('نشانی «/abc» در همراه قضایی وجود ندارد.');
    expect(i18n.t('common.document_title', { page: 1404 })).toBe('۱٬۴۰۴ — همراه قضایی');
  });

  it('leaves a placeholder without a value as it is', () => {
    expect(i18n.t('common.document_title', {})).toBe('{page} — همراه قضایی');
  });

  it('falls back to the key and warns once in development when a message is missing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(i18n.t('common.no_such_message')).toBe('common.no_such_message');
    expect(i18n.t('common.no_such_message')).toBe('common.no_such_message');
    expect(i18n.t('nosuchnamespace.x')).toBe('nosuchnamespace.x');
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[0][0]).toContain('common.no_such_message');
  });

  it('does not treat a namespace or a branch as a message', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(i18n.t('common.actions')).toBe('common.actions');
    expect(i18n.t('common')).toBe('common');
  });
});

describe('formatNumber', () => {
  it('writes a quantity in the current language unless a locale is given', async () => {
    expect(i18n.formatNumber(20000)).toBe('۲۰٬۰۰۰');
    expect(i18n.formatNumber(1.25, { maximumFractionDigits: 1 })).toBe('۱٫۳');
    await i18n.setLanguage('en');
    expect(i18n.formatNumber(20000)).toBe('20,000');
    expect(i18n.formatNumber(20000, {}, 'fa-IR')).toBe('۲۰٬۰۰۰');
  });
});

describe('setLanguage', () => {
  it('loads English on demand, sets <html lang dir> and remembers the choice', async () => {
    const seen = [];
    i18n.onLanguageChange((language) => seen.push(language));
    await i18n.setLanguage('en');
    expect(i18n.getLanguage()).toBe('en');
    expect(i18n.t('common.actions.retry')).toBe('Try again');
    expect(i18n.t('common.document_title', { page: 1404 })).toBe('1,404 — Judicial Companion');
    expect(document.documentElement.lang).toBe('en');
    expect(document.documentElement.dir).toBe('ltr');
    expect(localStorage.getItem('hamrah.language')).toBe('en');
    expect(seen).toEqual(['en']);

    await i18n.setLanguage('fa');
    expect(i18n.t('common.actions.retry')).toBe('تلاش دوباره');
    expect(document.documentElement.dir).toBe('rtl');
  });

  it('refuses a language the app does not offer and keeps the current one', async () => {
    await expect(i18n.setLanguage('xx')).rejects.toThrow(/unsupported/);
    expect(i18n.getLanguage()).toBe('fa');
  });

  it('is restored from storage by initI18n before the first render', async () => {
    localStorage.setItem('hamrah.language', 'en');
    await i18n.initI18n();
    expect(i18n.getLanguage()).toBe('en');
    expect(document.documentElement.dir).toBe('ltr');
    expect(i18n.t('nav.cases')).toBe('Cases');
  });

  it('ignores a stored value that is not a language of the app', async () => {
    localStorage.setItem('hamrah.language', 'klingon');
    await i18n.initI18n();
    expect(i18n.getLanguage()).toBe('fa');
    expect(document.documentElement.lang).toBe('fa');
  });
});
