// Build and dev server of the PWA. `npm run build` writes pwa/dist/, which the Flask app serves at
// the site root: /assets/* (hashed, immutable), /index.html and /sw.js (no-cache), the rest of public/.

import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig, searchForWorkspaceRoot } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const THEME_COLOR = '#0b4f6c';
const BACKGROUND_COLOR = '#f6f5f1';
const BACKEND = 'http://127.0.0.1:8000';

// Paths the Flask app answers; the dev server and `vite preview` pass them through.
const proxy = Object.fromEntries(['/api', '/auth', '/healthz', '/readyz'].map((path) => [path, BACKEND]));

// The same policy the server sends, so `vite preview` shows a CSP violation before production does.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

// vite-plugin-pwa names the built worker after its source file. The worker's entry is
// src/sw/index.js, but it must be served as /sw.js (a worker's scope can't reach above its own
// folder), so the plugin is pointed at src/sw.js and the worker build resolves that name to the entry.
const SW_NOMINAL = fileURLToPath(new URL('./src/sw.js', import.meta.url));
const SW_ENTRY = fileURLToPath(new URL('./src/sw/index.js', import.meta.url));
const serviceWorkerEntry = {
  name: 'hamrah:service-worker-entry',
  enforce: 'pre',
  resolveId(id) {
    return id === SW_NOMINAL ? SW_ENTRY : null;
  },
};

export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.js',
      injectRegister: false, // registered by src/app/service-worker.js; no inline script
      manifestFilename: 'manifest.webmanifest',
      includeAssets: ['favicon.ico', 'favicon.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'همراه قضایی — دفاتر خدمات الکترونیک قضایی',
        short_name: 'همراه قضایی',
        description:
          'نزدیک‌ترین دفتر خدمات الکترونیک قضایی، پیگیری پرونده‌ها، ابلاغیه‌های الکترونیک و تقدیم لایحه از راه دور.',
        lang: 'fa',
        dir: 'rtl',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: THEME_COLOR,
        background_color: BACKGROUND_COLOR,
        categories: ['government', 'utilities'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        // Everything the shell needs offline, the lazily loaded views and the English catalog included.
        // Icons, favicons and the web app manifest are added by the plugin (manifest icons, includeAssets).
        globPatterns: ['**/*.{html,js,css,woff2}'],
        globIgnores: ['sw.js', '**/node_modules/**'],
        buildPlugins: { vite: [serviceWorkerEntry] },
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    manifest: true, // dist/.vite/manifest.json, read by bench/pwa_size.py
    modulePreload: { polyfill: false }, // its polyfill would be inline script, which the CSP forbids
    assetsInlineLimit: 0, // no data: URLs: font-src 'self' would refuse an inlined font
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Fewer files in the first load: Preact with its hooks, and the API client with its CSRF helper
        // (which the service worker's modules import on their own). Everything else splits by itself.
        codeSplitting: {
          groups: [
            { name: 'preact', test: /node_modules[\\/]preact[\\/]/ },
            { name: 'client', test: /src[\\/]api[\\/](client|csrf|errors)\.js$/ },
          ],
        },
      },
    },
  },
  server: {
    proxy,
    fs: {
      // The message catalogs live beside pwa/, in locales/.
      allow: [searchForWorkspaceRoot(process.cwd()), fileURLToPath(new URL('../locales', import.meta.url))],
    },
  },
  preview: {
    proxy,
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  },
});
