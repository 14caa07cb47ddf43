// Digits and numbers for display: Persian digits in text, ASCII digits in data.

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC_INDIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;

/**
 * Writes every ASCII or Arabic-Indic digit of `value` as a Persian digit and leaves the rest alone.
 * Use it for opaque digit strings (case numbers, tracking codes, times already formatted), which
 * must never go through number formatting: no grouping, no loss of leading zeros.
 */
export function faDigits(value) {
  if (value === null || value === undefined) return '';
  return String(value)
    .replace(/[0-9]/g, (d) => PERSIAN_DIGITS[d.charCodeAt(0) - 48])
    .replace(/[\u0660-\u0669]/g, (d) => PERSIAN_DIGITS[d.charCodeAt(0) - ARABIC_INDIC_ZERO]);
}

/** The reverse, for input: Persian, Arabic-Indic and ASCII digits all become ASCII. */
export function asciiDigits(value) {
  if (value === null || value === undefined) return '';
  return String(value)
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - PERSIAN_ZERO))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - ARABIC_INDIC_ZERO));
}

/** Digits as a language writes them: Persian digits in Persian, ASCII digits otherwise. */
export function localDigits(value, language) {
  return language === 'fa' ? faDigits(value) : asciiDigits(value);
}

const formatters = new Map();

/**
 * Formats a quantity for people to read (grouping, decimals) with Intl; `fa-IR` by default,
 * which writes Persian digits and the Persian thousands separator: 1234567 → "۱٬۲۳۴٬۵۶۷".
 */
export function formatNumber(value, options = {}, locale = 'fa-IR') {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter.format(value);
}
