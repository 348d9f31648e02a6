import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Relative base so dist/ works from any sub-path of a plain static server. The service worker
 * (Workbox, through vite-plugin-pwa) is registered relative to the page too: its scope and the
 * manifest's start_url are './', so it serves whatever directory the app was copied into.
 */
export default defineConfig({
  base: './',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
  server: { host: '127.0.0.1' },
  // Pre-bundle what the workers and lazy pages import, so `npm start` does not reload the page
  // halfway through the first visit when it discovers them.
  optimizeDeps: { include: ['papaparse', 'fflate', 'apache-arrow', 'hyparquet', 'hyparquet-writer', 'vega-embed', 'vega-lite', 'codemirror'] },
  plugins: [
    VitePWA({
      // src/pwa/register.ts registers it (virtual:pwa-register) and shows the update notice.
      injectRegister: null,
      registerType: 'prompt',
      strategies: 'generateSW',
      manifest: {
        name: 'Denver Lens',
        short_name: 'Denver Lens',
        description: "Local-first analytics over Denver's 311 service requests and traffic accidents, in your browser.",
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1f4e79',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        // The app shell, every script and worker, and the DuckDB eh bundle (wasm ~34 MB).
        globPatterns: ['**/*.{html,js,mjs,css,wasm,svg,png,ico,woff2}'],
        // Data files are large and change independently of the app: never precached.
        globIgnores: ['data/**'],
        maximumFileSizeToCacheInBytes: 80 * 1024 * 1024,
        // A new version waits until the user chooses "Reload" (registerType 'prompt'); on the
        // very first install there is nothing to replace, so it takes the open page at once and
        // the default sample downloaded by that first visit lands in the runtime cache.
        clientsClaim: true,
        skipWaiting: false,
        cleanupOutdatedCaches: true,
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/\/data\//],
        runtimeCaching: [
          {
            // The bundled default sample (data/*.zip next to index.html), so a first load also
            // works offline. Not data/real/** (the real files are large) nor anything remote.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && /\/data\/[^/]+\.zip$/.test(url.pathname),
            handler: 'StaleWhileRevalidate',
            options: {
              cacheName: 'denver-lens-sample-data',
              expiration: { maxEntries: 8 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
});
