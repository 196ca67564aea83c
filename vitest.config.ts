import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['service/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.workers.test.ts'],
        },
      },
      // The same store suites inside workerd, on D1.
      './vitest.workers.config.ts',
    ],
    // Fails the run when it leaves a server, wrangler or workerd of this checkout running.
    globalSetup: ['test/support/no-leftover-processes.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Browser tests start the real server and Chromium; two cores do not like many of those at once.
    maxWorkers: 2,
  },
});
