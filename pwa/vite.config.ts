import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// Two pages from one build: the patient app (served at /) and the waiting-room kiosk (served at /kiosk).
// Asset URLs are absolute (base '/'), so kiosk.html works when the server answers /kiosk with it.
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
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
    proxy: { '/api': 'http://localhost:8000' },
  },
});
