// Messages of the app: the catalogs in locales/<lang>/<namespace>.json, the current language and t().
// Persian is bundled with the first load; any other language is fetched when someone chooses it.

import { formatNumber as formatNumberIn } from './digits.js';

export { faDigits, asciiDigits, localDigits } from './digits.js';

export const DEFAULT_LANGUAGE = 'fa';

/** Languages the app offers; names are written in their own language, never translated. */
export const LANGUAGES = {
  fa: { name: 'فارسی', dir: 'rtl', locale: 'fa-IR' },
  en: { name: 'English', dir: 'ltr', locale: 'en' },
};

const STORAGE_KEY = 'hamrah.language';

// Every file in locales/ is a namespace; new files are picked up without touching this module.
const bundledFiles = import.meta.glob('../../../locales/fa/*.json', { eager: true, import: 'default' });
const lazyFiles = import.meta.glob(['../../../locales/*/*.json', '!../../../locales/fa/*.json'], {
  import: 'default',
});

function fileParts(path) {
  const match = path.match(/\/locales\/([^/]+)\/([^/]+)\.json$/);
  return match ? { language: match[1], namespace: match[2] } : null;
}

const catalogs = { [DEFAULT_LANGUAGE]: {} };
for (const [path, messages] of Object.entries(bundledFiles)) {
  catalogs[DEFAULT_LANGUAGE][fileParts(path).namespace] = messages;
}
const loading = {};

let current = DEFAULT_LANGUAGE;
const listeners = new Set();
const warned = new Set();

/** Loads (once) every namespace of `language`; resolves when they are all in memory. */
function loadCatalog(language) {
  if (catalogs[language]) return Promise.resolve(catalogs[language]);
  if (!loading[language]) {
    const files = Object.entries(lazyFiles).filter(([path]) => fileParts(path)?.language === language);
    loading[language] = Promise.all(
      files.map(([path, load]) => load().then((messages) => [fileParts(path).namespace, messages])),
    ).then(
      (entries) => (catalogs[language] = Object.fromEntries(entries)),
      (error) => {
        delete loading[language];
        throw error;
      },
    );
  }
  return loading[language];
}

function lookup(catalog, key) {
  let node = catalog;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

function warnOnce(key, language) {
  const id = `${language}:${key}`;
  if (!import.meta.env.DEV || warned.has(id)) return;
  warned.add(id);
  console.warn(`[i18n] no message for "${key}" in "${language}"`);
}

function interpolate(message, params) {
  return message.replace(/\{(\w+)\}/g, (placeholder, name) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return placeholder;
    const value = params[name];
    return typeof value === 'number' ? formatNumber(value) : String(value);
  });
}

/**
 * The message for `key` ("namespace.path.to.message") in the current language, with `{name}`
 * placeholders filled from `params` (numbers written in the language's digits).
 * Missing in the current language: the Persian message; missing everywhere: the key itself.
 */
export function t(key, params) {
  let message = lookup(catalogs[current], key);
  if (message === undefined) {
    warnOnce(key, current);
    message = current === DEFAULT_LANGUAGE ? undefined : lookup(catalogs[DEFAULT_LANGUAGE], key);
    if (message === undefined) return key;
  }
  return params ? interpolate(message, params) : message;
}

export function getLanguage() {
  return current;
}

/** The locale to hand to Intl for the current language ("fa-IR", "en"). */
export function getLocale() {
  return LANGUAGES[current].locale;
}

/**
 * A quantity for people to read, in the current language unless `locale` says otherwise (Intl options
 * for decimals): 1234567 → «۱٬۲۳۴٬۵۶۷» / "1,234,567". Digit strings (case numbers, codes) take faDigits().
 */
export function formatNumber(value, options = {}, locale = getLocale()) {
  return formatNumberIn(value, options, locale);
}

function applyToDocument(language) {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = language;
  document.documentElement.dir = LANGUAGES[language].dir;
}

function readSavedLanguage() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage blocked (private mode, policy): the default language it is
  }
}

/** Switches the app to `language`: loads its catalog, sets <html lang dir>, remembers the choice. */
export async function setLanguage(language) {
  if (!LANGUAGES[language]) throw new Error(`unsupported language: ${language}`);
  await loadCatalog(language);
  current = language;
  applyToDocument(language);
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered across visits; the switch still applies now
  }
  for (const listener of listeners) listener(language);
}

/** Restores the saved language before the first render; falls back to Persian if it can't load. */
export async function initI18n() {
  const saved = readSavedLanguage();
  if (saved && saved !== current && LANGUAGES[saved]) {
    try {
      await setLanguage(saved);
      return;
    } catch (error) {
      console.error('[i18n] could not load the saved language', error);
    }
  }
  applyToDocument(current);
}

/** Calls `listener(language)` after every switch; returns the function that stops it. */
export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
