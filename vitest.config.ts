import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * The suite in projects, each with its own script (`npm run test:unit` ...); `npm test` runs them all.
 * - unit: beside the sources (service/src, dashboard/src, text-merge), no server, no network;
 * - integration: test/, the service in process or as a server, against the fakes;
 * - browser: Chromium on the built dashboard; wrangler: the worker under `wrangler dev`, serving it;
 * - workers: the store's suites inside workerd on D1 (vitest.workers.config.ts).
 * Only browser and wrangler build the dashboard first (test/support/build-dashboard.ts).
 */
const UNIT = ['service/src/**/*.test.ts', 'dashboard/src/**/*.test.ts', 'text-merge/**/*.test.ts'];
const INTEGRATION = ['test/**/*.test.ts'];
const BROWSER = ['test/browser/**/*.test.ts'];
const WRANGLER = ['test/workers/**/*.test.ts'];
const NOT_HERE = ['**/node_modules/**', '**/*.workers.test.ts'];
const BUILD_DASHBOARD = 'test/support/build-dashboard.ts';

const projects: TestProjectInlineConfiguration[] = [
  { extends: true, test: { name: 'unit', include: UNIT, exclude: NOT_HERE } },
  { extends: true, test: { name: 'integration', include: INTEGRATION, exclude: [...NOT_HERE, ...BROWSER, ...WRANGLER] } },
  { extends: true, test: { name: 'browser', include: BROWSER, exclude: NOT_HERE, globalSetup: [BUILD_DASHBOARD] } },
  { extends: true, test: { name: 'wrangler', include: WRANGLER, exclude: NOT_HERE, globalSetup: [BUILD_DASHBOARD] } },
];

export default defineConfig({
  test: {
    projects: [
      ...projects,
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
