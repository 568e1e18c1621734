import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'server/**/*.test.ts',
      'shared/**/*.test.ts',
      'tests/**/*.test.ts',
      'electron/**/*.test.ts',
      'pwa/**/*.test.ts',
    ],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    // Generous: several tests start real processes, slow on a busy 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // expect.poll waits for real processes (a service worker waking up, a worker's next pass); its
    // 1 s default failed CI on a busy 2-core machine. A poll still ends as soon as its value matches.
    expect: { poll: { timeout: 15_000, interval: 50 } },
    reporters: ['default'],
  },
});
