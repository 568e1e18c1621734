import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = fileURLToPath(new URL('.', import.meta.url));

// Two pages from one build: the patient app (served at /) and the waiting-room kiosk (served at /kiosk).
// Asset URLs are absolute (base '/'), so kiosk.html works when the server answers /kiosk with it.
export default defineConfig({
  root,
  base: '/',
  plugins: [
    react(),
    VitePWA({
      // sw.ts is ours (push, receipts, clicks); the plugin only builds it and injects the precache list.
      strategies: 'injectManifest',
      srcDir: '.',
      filename: 'sw.ts',
      // The app registers the worker itself with workbox-window (pwa/src/patient/sw-register.ts).
      injectRegister: false,
      // public/manifest.webmanifest is hand-written and linked from index.html.
      manifest: false,
      injectManifest: {
        // A classic script: module service workers are not supported everywhere patients' phones are.
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,png,webmanifest}'],
        // The kiosk runs on a wall screen, never installed: the patient's phone need not store it.
        globIgnores: ['kiosk.html', 'assets/kiosk-*'],
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        kiosk: fileURLToPath(new URL('kiosk.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:8000', '/socket.io': { target: 'http://localhost:8000', ws: true } },
  },
});
