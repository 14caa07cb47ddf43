// The one Persian text normaliser of the app — the twin of the server's bff/platform/text.py. Both are held to
// tests/fixtures/persian_normalisation.json, so a search on the device finds what the server finds.
// Every mapping is an explicit table (no Unicode look-ups), so the two cannot drift apart.

function codes(from, to) {
  const out = [];
  for (let code = from; code <= to; code += 1) out.push(String.fromCharCode(code));
  return out;
}

function table(entries) {
  return new Map(entries);
}

const LETTERS = [
  ['\u064a', '\u06cc'], // ي → ی
  ['\u0649', '\u06cc'], // ى → ی
  ['\u0643', '\u06a9'], // ك → ک
];
const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => [
  [String.fromCharCode(0x06f0 + n), String(n)], // Persian
  [String.fromCharCode(0x0660 + n), String(n)], // Arabic-Indic
]);
// Tatweel, harakat and Quranic marks.
const STRIPPED = [
  '\u0640',
  ...codes(0x064b, 0x065f),
  '\u0670',
  ...codes(0x0610, 0x061a),
  ...codes(0x06d6, 0x06dc),
  ...codes(0x06df, 0x06e8),
  ...codes(0x06ea, 0x06ed),
];
const DISPLAY = table([...LETTERS, ...DIGITS, ...STRIPPED.map((c) => [c, ''])]);

const SEARCH_LETTERS = [
  ['آ', 'ا'], ['أ', 'ا'], ['إ', 'ا'], ['ٱ', 'ا'], ['ۀ', 'ه'], ['ة', 'ه'], ['ؤ', 'و'], ['ئ', 'ی'],
];
const INVISIBLE = ['\u200c', '\u200d', '\u200e', '\u200f', '\u061c', '\u00ad', '\ufeff', ...codes(0x202a, 0x202e), ...codes(0x2066, 0x2069)];
const SPACES = ['\t', '\n', '\u000b', '\u000c', '\r', '\u00a0', '\u1680', ...codes(0x2000, 0x200a), '\u2028', '\u2029', '\u202f', '\u205f', '\u3000'];
const PUNCTUATION = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~', ...'،؛؟«»٫٬٪۔…‐‑‒–—―‘’“”•'];
const SEARCH = table([
  ...SEARCH_LETTERS,
  ...INVISIBLE.map((c) => [c, '']),
  ...[...SPACES, ...PUNCTUATION].map((c) => [c, ' ']),
]);

function translate(text, map) {
  let out = '';
  for (const char of text) {
    const mapped = map.get(char);
    out += mapped === undefined ? char : mapped;
  }
  return out;
}

/**
 * Display-safe normalisation: ي/ى→ی, ك→ک, Persian and Arabic-Indic digits → ASCII, no tatweel or
 * diacritics. The ZWNJ (نیم‌فاصله) and everything else are kept.
 */
export function normalisePersian(text) {
  if (!text) return '';
  return translate(String(text), DISPLAY);
}

/**
 * What search compares: normalised, letter variants unified (آ→ا, ۀ→ه…), no ZWNJ or direction marks,
 * punctuation as spaces, single spaces, lower case.
 */
export function searchKey(text) {
  const key = translate(normalisePersian(text), SEARCH).toLowerCase();
  return key.replace(/ +/g, ' ').trim();
}
