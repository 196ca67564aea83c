import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineProject } from 'vitest/config';

/**
 * Tests that run inside workerd (the Workers runtime), with a local D1 database: the store's
 * contract suites on D1, migrated from the same files as SQLite. Files end in `.workers.test.ts`.
 */
export default defineProject(async () => {
  const migrations = await readD1Migrations('service/src/store/sql');
  return {
    plugins: [
      cloudflareTest({
        miniflare: {
          compatibilityDate: '2026-04-01',
          compatibilityFlags: ['nodejs_compat'],
          d1Databases: ['DB'],
          bindings: { MIGRATIONS: migrations },
        },
      }),
    ],
    test: {
      name: 'workers',
      include: ['service/**/*.workers.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  };
});
