// The rooms of src/ and who may import whom, checked over every import of every module (tests included):
//
//   main.jsx ─▶ app/ ─▶ features/<name>/feature.js ─▶ (its views, lazily)
//   features/<name>/ ─▶ another feature only through features/<other>/index.js
//   sw/ ─▶ features/<name>/worker.js
//   everything ─▶ lib/, components/, api/, i18n/  (the shared rooms, which import none of the above)
//
// Inside a feature, a view's folder is its own: only the feature's feature.js (the lazy route) and the
// view itself reach into views/<Name>/; what two views share lives beside them in the feature.
// Test code (*.test.js, src/test/, a feature's test-data.js) is imported by tests only.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSync } from '@babel/core';
import { describe, expect, it } from 'vitest';

const SRC = path.dirname(fileURLToPath(import.meta.url));
const SHARED = new Set(['lib', 'components', 'api', 'i18n']);

/** Where a file (a path relative to src/, with "/") lives: {room, feature, view, entry, test}. */
function placeOf(file) {
  const parts = file.split('/');
  const test = /(\.test\.jsx?|\/test-data\.js)$/.test(file) || parts[0] === 'test'; // test code and test data
  if (parts[0] !== 'features') return { room: parts.length === 1 ? 'root' : parts[0], test };
  const inFeature = parts.slice(2);
  return {
    room: 'features',
    feature: parts[1],
    view: inFeature[0] === 'views' ? inFeature[1] : null,
    entry: inFeature.length === 1 ? inFeature[0] : null, // feature.js, index.js, worker.js, …
    test,
  };
}

/** Why `from` may not import `to` (both relative to src/), or null when it may. */
function violation(from, to) {
  const a = placeOf(from);
  const b = placeOf(to);
  if (b.test && !a.test) return 'only tests import test code';
  if (SHARED.has(a.room) && ['app', 'features', 'sw', 'root'].includes(b.room)) {
    return `${a.room}/ is shared: it imports no app, feature or service-worker code`;
  }
  if (b.room === 'app' && !['app', 'root'].includes(a.room)) return 'only main.jsx and the shell import app/';
  if (b.room !== 'features') return null;
  if (a.room === 'features' && a.feature === b.feature) {
    if (b.view && b.view !== a.view && a.entry !== 'feature.js') {
      return `views/${b.view}/ belongs to that view: share through a module of the feature instead`;
    }
    return null;
  }
  if (b.entry === 'index.js') return null;
  if (b.entry === 'feature.js' && a.room === 'app') return null;
  if (b.entry === 'worker.js' && a.room === 'sw') return null;
  return `features/${b.feature}/ is reached only through its index.js (feature.js from app/, worker.js from sw/)`;
}

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : /\.jsx?$/.test(entry.name) ? [full] : [];
  });
}

function literal(node) {
  return node && node.type === 'StringLiteral' ? node.value : null;
}

/** Every module specifier in `source`: imports, re-exports, dynamic imports, vi.mock(). */
function specifiers(source) {
  const ast = parseSync(source, {
    babelrc: false,
    configFile: false,
    sourceType: 'module',
    parserOpts: { plugins: ['jsx'] },
  });
  const found = [];
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (['ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration'].includes(node.type) && node.source) {
      found.push(node.source.value);
    }
    if (node.type === 'CallExpression') {
      const { callee } = node;
      const mock = callee.type === 'MemberExpression' && callee.object.name === 'vi' && callee.property.name === 'mock';
      if (callee.type === 'Import' || mock) found.push(literal(node.arguments[0]));
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'loc' || key === 'start' || key === 'end') continue;
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(ast.program);
  return found.filter(Boolean);
}

/** [{from, to}] for every relative import inside src/. */
function edges() {
  const result = [];
  for (const file of walk(SRC)) {
    const from = path.relative(SRC, file).split(path.sep).join('/');
    for (const spec of specifiers(fs.readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue; // packages
      const target = path.relative(SRC, path.resolve(path.dirname(file), spec)).split(path.sep).join('/');
      if (!target.startsWith('..')) result.push({ from, to: target });
    }
  }
  return result;
}

describe('the import rule', () => {
  it.each([
    ['features/briefs/views/Briefs/index.jsx', 'features/cases/index.js'],
    ['features/briefs/views/BriefNew/index.jsx', 'features/briefs/use-brief-submission.js'],
    ['features/briefs/feature.js', 'features/briefs/views/BriefNew/index.jsx'],
    ['app/routes.js', 'features/briefs/feature.js'],
    ['sw/index.js', 'features/push/worker.js'],
    ['features/push/views/NotificationSettings/index.jsx', 'lib/dates.js'],
    ['features/offices/data.test.js', 'test/render.jsx'],
    ['features/cases/views/Case/index.test.jsx', 'features/cases/test-data.js'],
    ['main.jsx', 'app/index.jsx'],
  ])('lets %s import %s', (from, to) => {
    expect(violation(from, to)).toBeNull();
  });

  it.each([
    ['features/briefs/views/Briefs/index.jsx', 'features/cases/components/CaseTabs/index.jsx'],
    ['features/settings/views/Settings/index.jsx', 'features/push/device.js'],
    ['features/notices/views/Notice/index.jsx', 'features/notices/views/Notices/index.jsx'],
    ['features/offices/views/Office/index.jsx', 'features/offices/views/Offices/style.css'],
    ['app/routes.js', 'features/cases/views/Cases/index.jsx'],
    ['sw/index.js', 'features/briefs/outbox.js'],
    ['lib/session.js', 'features/briefs/index.js'],
    ['components/DataState/index.jsx', 'app/routes.js'],
    ['features/cases/views/Case/index.jsx', 'app/index.jsx'],
    ['features/offices/data.js', 'test/render.jsx'],
    ['features/cases/views/Case/index.jsx', 'features/cases/test-data.js'],
  ])('refuses %s importing %s', (from, to) => {
    expect(violation(from, to)).toEqual(expect.any(String));
  });

  it('finds static, dynamic, re-exported and mocked modules, in JSX too', () => {
    const source = [
      "import a from './a.js';",
      "import './style.css';",
      "export { b } from '../b.js';",
      "const View = () => <p>{t('x')}</p>;",
      "const later = () => import('./c.jsx');",
      "vi.mock('../d.js', () => ({}));",
      '// import e from "./not-code.js";',
    ].join('\n');
    expect(specifiers(source)).toEqual(['./a.js', './style.css', '../b.js', './c.jsx', '../d.js']);
  });
});

describe('the source tree', () => {
  const all = edges();

  it('is scanned (guards against a scan that finds nothing)', () => {
    expect(all.length).toBeGreaterThan(200);
    expect(all).toContainEqual({ from: 'main.jsx', to: 'app/index.jsx' });
  });

  it('keeps every import inside the rule', () => {
    const broken = all
      .map(({ from, to }) => ({ from, to, why: violation(from, to) }))
      .filter(({ why }) => why)
      .map(({ from, to, why }) => `${from} → ${to}: ${why}`);
    expect(broken).toEqual([]);
  });

  it('has no module that imports a file that does not exist', () => {
    const missing = all.filter(({ to }) => !fs.existsSync(path.join(SRC, to))).map(({ from, to }) => `${from} → ${to}`);
    expect(missing).toEqual([]);
  });
});
