import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// One bundle, two hosts: the server serves it at /console/ and Electron at app://queuebell/console/.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    // `vite --config electron/renderer/vite.config.ts` against a server on the default port.
    proxy: { '/api': 'http://localhost:8000' },
  },
});
