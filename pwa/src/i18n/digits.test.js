import { describe, expect, it } from 'vitest';
import { asciiDigits, faDigits, formatNumber, localDigits } from './digits.js';

describe('faDigits', () => {
  it('writes ASCII and Arabic-Indic digits as Persian digits and keeps everything else', () => {
    expect(faDigits('Case 0123-45')).toBe('Case ۰۱۲۳-۴۵');
    expect(faDigits('\u0661\u0662\u0663')).toBe('۱۲۳');
    expect(faDigits(907)).toBe('۹۰۷');
  });

  it('keeps leading zeros and long digit strings intact (case numbers are not numbers)', () => {
    expect(faDigits('0000140312345678')).toBe('۰۰۰۰۱۴۰۳۱۲۳۴۵۶۷۸');
  });

  it('gives an empty string for null and undefined', () => {
    expect(faDigits(null)).toBe('');
    expect(faDigits(undefined)).toBe('');
  });
});

describe('asciiDigits', () => {
  it('reads Persian, Arabic-Indic and ASCII digits alike', () => {
    expect(asciiDigits('۰۹۱۲\u0663\u0664\u06655678')).toBe('09123455678');
  });
});

describe('localDigits', () => {
  it('writes Persian digits in Persian and ASCII digits in any other language', () => {
    expect(localDigits('09:30', 'fa')).toBe('۰۹:۳۰');
    expect(localDigits('۰۹:۳۰', 'en')).toBe('09:30');
  });
});

describe('formatNumber', () => {
  it('groups with Persian digits and separator in fa-IR', () => {
    expect(formatNumber(1234567)).toBe('۱٬۲۳۴٬۵۶۷');
  });

  it('follows the locale it is given', () => {
    expect(formatNumber(1234.5, {}, 'en')).toBe('1,234.5');
    expect(formatNumber(2.56, { maximumFractionDigits: 1 })).toBe('۲٫۶');
  });
});
