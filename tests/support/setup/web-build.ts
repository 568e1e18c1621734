import path from 'node:path';
import { ROOT } from '../process';

/**
 * Browser tests load the built apps from the server; build them from the current sources first, unless
 * QB_SKIP_WEB_BUILD=true says a `npm run build` just did (CI).
 */
export default async function setup(): Promise<void> {
  if (process.env.QB_SKIP_WEB_BUILD === 'true') return;
  const { build } = await import('vite');
  // vitest sets NODE_ENV=test, which makes Vite bundle React's development build: test what production serves.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    for (const config of ['pwa/vite.config.ts', 'electron/renderer/vite.config.ts']) {
      await build({ configFile: path.join(ROOT, config), logLevel: 'warn', mode: 'production' });
    }
  } finally {
    process.env.NODE_ENV = previous;
  }
}
