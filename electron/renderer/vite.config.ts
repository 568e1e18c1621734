import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console names its version to the server (src/version.ts): package.json's, as electron-builder ships it.
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

// One bundle, two hosts: the server serves it at /console/ and Electron at app://queuebell/console/.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [react()],
  define: { __QUEUEBELL_VERSION__: JSON.stringify(version) },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    // `vite --config electron/renderer/vite.config.ts` against a server on the default port.
    proxy: { '/api': 'http://localhost:8000' },
  },
});
