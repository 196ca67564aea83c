/**
 * Workers figures: the bundle's gzip size (wrangler deploy --dry-run, budget 1 MiB; the free plan
 * allows 3 MiB), and what one cron invocation costs with 500 Google plans: provider requests (token
 * included: an invocation starts without one) and database round trips, counted on the same SQL the
 * D1 driver runs (a counting SqlDriver over SQLite; the Google fake over msw), one composition per
 * invocation as in runtime/worker.ts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { setupServer } from 'msw/node';
import { loadConfig } from '../../service/src/config.js';
import { composeService } from '../../service/src/runtime/compose.js';
import type { SqlDriver } from '../../service/src/store/sql-driver.js';
import { createSqlStore } from '../../service/src/store/sql-store.js';
import { openSqliteDatabase, sqliteDriver } from '../../service/src/store/sqlite.js';
import { loadTemplate } from '../../service/src/templates/template.js';
import { googleWorld } from '../google/world.js';
import { seedGooglePlans } from './seed-google-plans.js';

const root = resolve(import.meta.dirname, '../..');
const PLANS = 500;
const BUDGET = 40;

export default async function workerBench(): Promise<void> {
  await bundleSize();
  await invocationCosts();
}

async function bundleSize() {
  const out = mkdtempSync(join(tmpdir(), 'worker-bundle-'));
  try {
    await promisify(execFile)(join(root, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', out], { cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' } });
    const code = readFileSync(join(out, 'worker.js'));
    const gzip = gzipSync(code, { level: 9 }).length;
    console.log('| worker bundle | raw | gzip | budget (gzip) |');
    console.log('| --- | ---: | ---: | ---: |');
    console.log(`| service/src/runtime/worker.ts | ${(code.length / 1024).toFixed(0)} KiB | **${(gzip / 1024).toFixed(0)} KiB** | 1024 KiB (${((100 * gzip) / 1024 / 1024).toFixed(0)}%) |\n`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Round trips (what D1 counts as queries per invocation) and the statements inside them. */
function counting(driver: SqlDriver) {
  const count = { roundTrips: 0, statements: 0 };
  const counted: SqlDriver = {
    all: (sql, params) => (count.roundTrips++, count.statements++, driver.all(sql, params)),
    first: (sql, params) => (count.roundTrips++, count.statements++, driver.first(sql, params)),
    batch: (statements) => (count.roundTrips++, (count.statements += statements.length), driver.batch(statements)),
  };
  return { counted, count };
}

async function invocationCosts() {
  const server = setupServer();
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const world = await googleWorld(server);
    const { counted, count } = counting(sqliteDriver(openSqliteDatabase(':memory:')));
    const store = createSqlStore(counted);
    const config = loadConfig({ ...world.env, PROVIDER: 'google', SESSION_SECRET: 'bench-secret-bench-secret-bench-secret', WORKER_SUBREQUEST_BUDGET: String(BUDGET) });
    const template = loadTemplate('default', readFileSync(join(root, 'templates/coaching-plan.md'), 'utf8'));
    const docIds = await seedGooglePlans(world, store, PLANS);

    /** One cron invocation, composed afresh as runtime/worker.ts does. */
    const invoke = async () => {
      const deps = composeService({ config, store, template, runtime: {}, sessionSecret: config.SESSION_SECRET as string, requestBudget: BUDGET, log: () => {} });
      const before = { ...count };
      const result = await deps.scheduledCycle();
      return { ...result, roundTrips: count.roundTrips - before.roundTrips, statements: count.statements - before.statements };
    };
    const drain = async () => {
      const runs = [];
      do runs.push(await invoke());
      while ((runs.at(-1)?.remaining ?? 0) > 0 && runs.length < 200);
      return runs;
    };
    const edit = (ids: string[], round: number) => {
      for (const id of ids) world.fake.editDocument(id, (n) => n.push({ kind: 'paragraph', text: `edit ${round}`, style: 'NORMAL_TEXT' }));
    };

    const first = await drain();
    edit(docIds.filter((_, i) => i % 100 === 0), 1);
    const [five] = await drain();
    edit(docIds, 2);
    const all = await drain();
    const max = (runs: typeof all, key: 'requests' | 'roundTrips' | 'statements') => Math.max(...runs.map((run) => run[key]));

    console.log(`One cron invocation with ${PLANS} Google plans, WORKER_SUBREQUEST_BUDGET=${BUDGET} (free plan: 50 subrequests, 50 D1 queries an invocation):\n`);
    console.log('| cycle | invocations | provider requests per invocation (max) | D1 round trips per invocation (max) | statements in them (max) |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    console.log(`| 5 of ${PLANS} changed | 1 | ${five?.requests} | ${five?.roundTrips} | ${five?.statements} |`);
    console.log(`| all ${PLANS} changed | **${all.length}** | ${max(all, 'requests')} | ${max(all, 'roundTrips')} | ${max(all, 'statements')} |`);
    console.log(`| first cycle (no cursor; includes the first sharing sweep) | ${first.length} | ${max(first, 'requests')} | ${max(first, 'roundTrips')} | ${max(first, 'statements')} |`);
    console.log(`\nA changed Google plan costs documents.get + files.get + permissions.list + revisions.list (Publish to the web); each invocation adds its token request and changes.list. At the 5-minute cron, all ${PLANS} changed are read within ${all.length * 5} minutes.`);
  } finally {
    server.close();
  }
}
