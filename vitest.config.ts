import { configDefaults, defineConfig } from 'vitest/config';
import type { TestProjectInlineConfiguration } from 'vitest/config';

// Every project: several tests start real processes, slow on a busy 2-core machine.
const common = {
  pool: 'forks',
  testTimeout: 120_000,
  hookTimeout: 60_000,
  // expect.poll waits for real processes (a service worker waking up, a worker's next pass); its
  // 1 s default is too short on a busy 2-core machine. A poll still ends as soon as its value matches.
  expect: { poll: { timeout: 15_000, interval: 50 } },
} satisfies TestProjectInlineConfiguration['test'];

// Global setups, each started once per run however many projects list it (tests/support/setup/shared.ts).
const TLS = 'tests/support/setup/tls.ts';
const DATABASE = 'tests/support/setup/database.ts';
const WEB_BUILD = 'tests/support/setup/web-build.ts';

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        // Colocated tests (DESIGN.md: they need no database) and the tests of the test support itself.
        // No PostgreSQL, no build; only the test CA, for the local HTTPS push receiver.
        test: {
          ...common,
          name: 'unit',
          include: [
            'server/**/*.test.ts',
            'shared/**/*.test.ts',
            'pwa/**/*.test.ts',
            'electron/**/*.test.ts',
            'tests/support/**/*.test.ts',
          ],
          globalSetup: [TLS],
        },
      },
      {
        // What spans processes or folders, on real PostgreSQL; no browser.
        test: {
          ...common,
          name: 'server',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'tests/e2e/**', 'tests/support/**'],
          globalSetup: [TLS, DATABASE],
        },
      },
      {
        // Chromium against a real server that serves the built patient app and console.
        test: {
          ...common,
          name: 'browser',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: [WEB_BUILD, TLS, DATABASE],
        },
      },
    ],
  },
});
