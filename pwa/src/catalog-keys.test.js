// Every message the source asks for exists in every language, and the languages agree on their keys.

import { describe, expect, it } from 'vitest';
import { PLACES } from './app/routes.js';

const catalogFiles = import.meta.glob('../../locales/*/*.json', { eager: true, import: 'default' });
const sourceFiles = import.meta.glob(['./**/*.{js,jsx}', '!./**/*.test.{js,jsx}'], {
  eager: true,
  query: '?raw',
  import: 'default',
});

const catalogs = {};
for (const [path, messages] of Object.entries(catalogFiles)) {
  const [, language, namespace] = path.match(/\/locales\/([^/]+)\/([^/]+)\.json$/);
  (catalogs[language] ??= {})[namespace] = messages;
}

function messageKeys(node, prefix = '') {
  return Object.entries(node).flatMap(([key, value]) =>
    value && typeof value === 'object' ? messageKeys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function hasMessage(catalog, key) {
  let node = catalog;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object' || !(part in node)) return false;
    node = node[part];
  }
  return typeof node === 'string';
}

// t('literal') or t("literal"), where t is the identifier itself (not format(), not x.t()).
const T_CALL = /(?<![\w$.])t\(\s*(['"])([^'"\n]+)\1/g;

function usedKeys() {
  const used = new Map();
  for (const [path, source] of Object.entries(sourceFiles)) {
    for (const match of source.matchAll(T_CALL)) used.set(match[2], path);
  }
  for (const place of PLACES) used.set(place.labelKey, 'features/*/feature.js');
  return used;
}

describe('message catalogs', () => {
  it('are there for Persian and English', () => {
    expect(Object.keys(catalogs).sort()).toEqual(expect.arrayContaining(['en', 'fa']));
  });

  it('the scan finds the keys the shell uses (guards against a scanner that finds nothing)', () => {
    const keys = [...usedKeys().keys()];
    expect(keys).toEqual(expect.arrayContaining(['common.app_name', 'nav.label', 'settings.language.legend']));
    expect(keys.length).toBeGreaterThan(15);
  });

  it.each(['fa', 'en'])('every t() key used in src/ exists in %s', (language) => {
    const missing = [...usedKeys()]
      .filter(([key]) => !hasMessage(catalogs[language], key))
      .map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('Persian and English have the same keys in every namespace', () => {
    const keysOf = (language) =>
      Object.entries(catalogs[language]).flatMap(([namespace, messages]) =>
        messageKeys(messages).map((key) => `${namespace}.${key}`),
      );
    const fa = new Set(keysOf('fa'));
    const en = new Set(keysOf('en'));
    expect([...fa].filter((key) => !en.has(key))).toEqual([]);
    expect([...en].filter((key) => !fa.has(key))).toEqual([]);
  });

  it('placeholders match between Persian and English', () => {
    const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const mismatched = [];
    for (const [namespace, messages] of Object.entries(catalogs.fa)) {
      for (const key of messageKeys(messages)) {
        const full = `${namespace}.${key}`;
        const fa = key.split('.').reduce((node, part) => node[part], messages);
        const en = key.split('.').reduce((node, part) => node?.[part], catalogs.en[namespace]);
        if (typeof en === 'string' && placeholders(fa).join() !== placeholders(en).join()) mismatched.push(full);
      }
    }
    expect(mismatched).toEqual([]);
  });
});
