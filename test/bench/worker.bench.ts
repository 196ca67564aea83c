/**
 * Workers figures: the bundle's gzip size (wrangler deploy --dry-run, budget 1 MiB; the free plan
 * allows 3 MiB), and what invocations cost with 500 Google plans: cron invocations and the ones Drive's
 * notifications start (the worker's fetch handler, worker-handler.ts), provider requests (token requests
 * included) and database round trips, counted on the same SQL the D1 driver runs (a counting SqlDriver
 * over SQLite; the Google fake over msw). The service is built once per isolate, as in runtime/worker.ts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { setupServer } from 'msw/node';
import { loadConfig } from '../../service/src/config.js';
import { createApp } from '../../service/src/http/app.js';
import { composeService } from '../../service/src/runtime/compose.js';
import { createWorkerHandler } from '../../service/src/runtime/worker-handler.js';
import type { SqlDriver } from '../../service/src/store/sql-driver.js';
import { createSqlStore } from '../../service/src/store/sql-store.js';
import { openSqliteDatabase, sqliteDriver } from '../../service/src/store/sqlite.js';
import { loadTemplate } from '../../service/src/templates/template.js';
import { googleWorld } from '../google/world.js';
import { seedGooglePlans } from './seed-google-plans.js';

const root = resolve(import.meta.dirname, '../..');
const PLANS = 500;
const BUDGET = 40;
const PUBLIC_URL = 'https://coaching.bench.test';

export default async function workerBench(): Promise<void> {
  await bundleSize();
  await invocationCosts();
}

async function bundleSize() {
  const out = mkdtempSync(join(tmpdir(), 'worker-bundle-'));
  try {
    await promisify(execFile)(join(root, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', out], {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
    });
    const code = readFileSync(join(out, 'worker.js'));
    const gzip = gzipSync(code, { level: 9 }).length;
    console.log('| worker bundle | raw | gzip | budget (gzip) |');
    console.log('| --- | ---: | ---: | ---: |');
    console.log(
      `| service/src/runtime/worker.ts | ${(code.length / 1024).toFixed(0)} KiB | **${(gzip / 1024).toFixed(0)} KiB** | 1024 KiB (${((100 * gzip) / 1024 / 1024).toFixed(0)}%) |\n`,
    );
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

/** The fake's requests from `start` on, by method. */
function byMethod(log: { method: string }[], start: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of log.slice(start)) counts[entry.method] = (counts[entry.method] ?? 0) + 1;
  return counts;
}

async function invocationCosts() {
  const server = setupServer();
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const world = await googleWorld(server);
    const { counted, count } = counting(sqliteDriver(openSqliteDatabase(':memory:')));
    const store = createSqlStore(counted);
    // An https PUBLIC_URL: the cron opens a changes.watch channel, and Drive notifies the worker.
    const config = loadConfig({ ...world.env, PROVIDER: 'google', SESSION_SECRET: 'bench-secret-bench-secret-bench-secret', WORKER_SUBREQUEST_BUDGET: String(BUDGET), PUBLIC_URL });
    const template = loadTemplate('default', readFileSync(join(root, 'templates/coaching-plan.md'), 'utf8'));
    const docIds = await seedGooglePlans(world, store, PLANS);

    // Built once per isolate, as runtime/worker.ts does; the budget is per invocation (worker-handler.ts).
    const deps = composeService({ config, store, template, runtime: {}, sessionSecret: config.SESSION_SECRET as string, requestBudget: BUDGET, log: () => {} });
    const parts = { deps, app: createApp(deps) };
    const handler = createWorkerHandler(() => parts);
    const env = {};
    const afterAnswers: Promise<unknown>[] = [];
    const context = { waitUntil: (work: Promise<unknown>) => void afterAnswers.push(work), passThroughOnException: () => {}, props: {} };
    // Drive's notifications reach the worker's fetch handler, each one an invocation.
    let deliveries = 0;
    world.fake.push.deliver = (request) => (deliveries++, handler.fetch(request, env, context));

    /** One cron invocation (what worker-handler.ts's scheduled does). */
    const invoke = async () => {
      const before = { ...count, provider: world.fake.log.length };
      const end = deps.meter.beginInvocation();
      const result = await deps.scheduledCycle();
      end();
      return { ...result, requests: world.fake.log.length - before.provider, roundTrips: count.roundTrips - before.roundTrips, statements: count.statements - before.statements };
    };
    const drain = async () => {
      const runs = [];
      do runs.push(await invoke());
      while ((runs.at(-1)?.remaining ?? 0) > 0 && runs.length < 200);
      return runs;
    };
    /**
     * Edit documents; Drive notifies; the invocations those notifications start overlap in one isolate and
     * share one budget (request-meter.ts), so their requests together are what must fit.
     */
    const editWithNotifications = async (ids: string[], round: number) => {
      const before = { ...count, provider: world.fake.log.length, deliveries };
      for (const id of ids) world.fake.editDocument(id, (n) => n.push({ kind: 'paragraph', text: `edit ${round}`, style: 'NORMAL_TEXT' }));
      await world.fake.push.settle();
      while (afterAnswers.length > 0) await Promise.allSettled(afterAnswers.splice(0));
      const methods = byMethod(world.fake.log, before.provider);
      const requests = world.fake.log.length - before.provider;
      return {
        deliveries: deliveries - before.deliveries,
        cycles: methods['drive.changes.list'] ?? 0,
        requests,
        methods,
        roundTrips: count.roundTrips - before.roundTrips,
        statements: count.statements - before.statements,
      };
    };

    const tokensBefore = world.fake.log.filter((r) => r.method === 'oauth.token').length;
    const first = await drain();
    const channelOpened = world.fake.push.channels.filter((c) => !c.stopped).length;
    const five = await editWithNotifications(
      docIds.filter((_, i) => i % 100 === 0),
      1,
    );
    const afterFive = await invoke();
    const all = await editWithNotifications(docIds, 2);
    const rest = await drain();
    const tokens = world.fake.log.filter((r) => r.method === 'oauth.token').length - tokensBefore;
    const max = (runs: typeof rest, key: 'requests' | 'roundTrips' | 'statements') => Math.max(...runs.map((run) => run[key]));

    console.log(
      `One isolate serving ${PLANS} Google plans, WORKER_SUBREQUEST_BUDGET=${BUDGET} (free plan: 50 subrequests, 50 D1 queries an invocation), Drive notifications to PUBLIC_URL/webhooks/google, WEBHOOK_POLL_DELAY_SECONDS=${config.WEBHOOK_POLL_DELAY_SECONDS}:\n`,
    );
    console.log('| what | invocations | provider requests per invocation (max) | D1 round trips per invocation (max) | statements in them (max) |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    console.log(
      `| first cycle by cron (no cursor; first sharing sweep; opens the channel: ${channelOpened} live) | ${first.length} | ${max(first, 'requests')} | ${max(first, 'roundTrips')} | ${max(first, 'statements')} |`,
    );
    // Each delivery's own invocation reads its channel (one round trip); the rest is the cycle they start.
    const d1 = (run: typeof five, key: 'roundTrips' | 'statements') => `1 each + ${run[key] - run.deliveries} (the cycle)`;
    console.log(
      `| 5 of ${PLANS} edited: ${five.deliveries} notifications, overlapping, one shared budget | ${five.deliveries} (${five.cycles} cycle) | ${five.requests} together | ${d1(five, 'roundTrips')} | ${d1(five, 'statements')} |`,
    );
    console.log(`| the cron after them (nothing left) | 1 | ${afterFive.requests} | ${afterFive.roundTrips} | ${afterFive.statements} |`);
    console.log(
      `| all ${PLANS} edited: ${all.deliveries} notifications, overlapping, one shared budget | ${all.deliveries} (${all.cycles} cycle${all.cycles === 1 ? '' : 's'}) | ${all.requests} together | ${d1(all, 'roundTrips')} | ${d1(all, 'statements')} |`,
    );
    console.log(`| ... the rest of the ${PLANS} read by cron | **${rest.length}** | ${max(rest, 'requests')} | ${max(rest, 'roundTrips')} | ${max(rest, 'statements')} |`);
    console.log(`\n5 edited, by method: ${JSON.stringify(five.methods)}. Token requests in the whole run: ${tokens} (the isolate keeps its token for its hour).`);
    console.log(`At the 5-minute cron, all ${PLANS} changed are read within ${rest.length * 5} minutes after the notifications' cycle.`);
  } finally {
    server.close();
  }
}
