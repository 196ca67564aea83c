/**
 * The service under load (run as a child process by dashboard-load.bench.ts, so the load generator
 * does not share its event loop): a SQLite file in a temporary folder, local documents, and PLANS
 * plans made by the service's own create use case, some with progress entries written through the
 * document editor, some closed, all read by one poll cycle; then the poller as `npm start` runs it. Beside it, on another port, a bare Hono
 * route that answers bytes captured from the service: the floor any route could reach.
 * Prints one JSON line `{"port", "barePort", "seedSeconds", ...}` once both listen.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { loadConfig } from '../../service/src/config.js';
import { addDays } from '../../service/src/domain/dates.js';
import { planRequestSchema } from '../../service/src/domain/plan-schema.js';
import { createApp } from '../../service/src/http/app.js';
import { closePlan } from '../../service/src/plans/close-extend.js';
import { createPlan } from '../../service/src/plans/create-plan.js';
import { runPollCycle, sharedCycle } from '../../service/src/poller/poll-cycle.js';
import { fileBlobs } from '../../service/src/providers/local/file-blobs.js';
import { localProvider } from '../../service/src/providers/local/index.js';
import { composeService } from '../../service/src/runtime/compose.js';
import { createSqlStore } from '../../service/src/store/sql-store.js';
import { openSqliteDatabase, sqliteDriver } from '../../service/src/store/sqlite.js';
import { loadTemplate } from '../../service/src/templates/template.js';
import { LOAD_PEOPLE } from './load-people.js';

const MANAGERS = 50;

const PLANS = Number(process.env.BENCH_PLANS ?? 5000);
const root = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'coaching-load-'));
const config = loadConfig({
  API_TOKENS: `${LOAD_PEOPLE.hr.email}=${LOAD_PEOPLE.hr.token},${LOAD_PEOPLE.manager.email}=${LOAD_PEOPLE.manager.token}`,
  HR_EMAILS: LOAD_PEOPLE.hr.email,
  DATA_DIR: dataDir,
});
const db = openSqliteDatabase(join(dataDir, 'coaching-plans.sqlite'));
const store = createSqlStore(sqliteDriver(db), { onClose: () => void db.close() });
// Seeding only: no fsync per transaction (thousands of creates on a busy machine). Serving runs
// with the service's own setting, restored below.
const synchronous = db.pragma('synchronous', { simple: true });
db.pragma('synchronous = OFF');
const deps = composeService({
  config,
  store,
  template: loadTemplate('default', readFileSync(join(root, 'templates/coaching-plan.md'), 'utf8')),
  runtime: { local: localProvider({ blobs: fileBlobs(join(dataDir, 'documents')), publicUrl: config.PUBLIC_URL }) },
  sessionSecret: 'bench-secret-bench-secret-bench-secret',
  log: () => {},
});
const hr = { email: LOAD_PEOPLE.hr.email, isHr: true };
const today = new Date().toISOString().slice(0, 10);
const AREAS = ['Stakeholder communication', 'Code review quality', 'Estimating work', 'Mentoring', 'Running meetings'];

const seedStart = performance.now();
for (let i = 0; i < PLANS; i++) {
  // Starts spread over the last 90 days and the next 10: scheduled, active, ended and closed plans.
  const start = addDays(today, -(i % 100) + 10);
  const m = i % MANAGERS;
  const body = {
    teamMember: { email: `member${i}@acme.test`, name: `Member ${i}` },
    manager: { email: `manager${m}@acme.test`, name: `Manager ${m}` },
    managersManager: { email: `director${m % 7}@acme.test`, name: `Director ${m % 7}` },
    hr: { email: LOAD_PEOPLE.hr.email, name: 'HR team' },
    developmentArea: AREAS[i % AREAS.length],
    currentState: 'Status updates are irregular and stakeholders learn about slips late.',
    goalState: 'Send a weekly written update to stakeholders every Friday.',
    activities: [
      { title: 'Shadow two customer calls', owner: `Member ${i}`, due: addDays(start, 7) },
      { title: 'Draft a status update template', owner: `Member ${i}` },
      { title: 'Review updates with the manager', owner: `Manager ${m}` },
    ],
    supportAssets: 'Weekly 1:1, writing course budget',
    updateCadenceDays: 7,
    startDate: start,
    endDate: addDays(start, 30),
  };
  // As the HTTP edge hands it over: checked by the request schema.
  const { plan } = await createPlan(deps, hr, planRequestSchema.parse(body), undefined);
  // Two plans in three get progress entries and a done activity, written as a person would.
  if (i % 3 !== 2 && plan.docId) {
    const editor = deps.providers.local?.hostedEditor;
    const ref = { planId: plan.id, docId: plan.docId };
    const doc = await editor?.load(ref);
    if (editor && doc) {
      const rows = [addDays(start, 3), addDays(start, 9)].filter((d) => d <= today).map((d) => `| ${d} | Sent the weekly update | Member ${i} |`);
      const markdown = doc.markdown.replace('| Date | Update | By |\n| --- | --- | --- |', (table) => [table, ...rows].join('\n')).replace(/\| Not started \|/, '| Done |');
      await editor.save(ref, markdown, doc.version);
    }
  }
  if (i % 10 === 9) await closePlan(deps, hr, plan.id, { outcome: 'achieved', note: 'Weekly updates are a habit now.' });
}
const seedSeconds = (performance.now() - seedStart) / 1000;
db.pragma(`synchronous = ${Number(synchronous)}`);
const pollStart = performance.now();
await runPollCycle(deps, { meter: deps.meter, sweepEveryMs: 3_600_000, sweepSharing: true });
const firstPollSeconds = (performance.now() - pollStart) / 1000;

// As `npm start` wires it: POST /api/poll shares the poller's cycle, which sweeps every plan's
// sharing (one write per plan) at most every BENCH_SWEEP_SECONDS and otherwise reads what changed.
const sweepEveryMs = Number(process.env.BENCH_SWEEP_SECONDS ?? 60) * 1000;
deps.runPollCycle = sharedCycle(() => runPollCycle(deps, { meter: deps.meter, sweepEveryMs }));
const app = createApp(deps, { assets: serveStatic({ root: join(root, 'dashboard/dist') }) });
/** Bodies the bare route answers, keyed by path; captured from the service by /capture. */
const captured = new Map<string, { body: ArrayBuffer; type: string }>();
const bare = new Hono()
  .post('/capture', async (c) => {
    const { path, token } = await c.req.json<{ path: string; token: string }>();
    const response = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
    const body = await response.arrayBuffer();
    captured.set(path, { body, type: response.headers.get('content-type') ?? 'application/json' });
    return c.json({ status: response.status, bytes: body.byteLength });
  })
  .get('*', (c) => {
    const hit = captured.get(c.req.path + (new URL(c.req.url).search || ''));
    if (!hit) return c.text('not captured', 404);
    return c.body(hit.body, 200, { 'content-type': hit.type });
  });

const listening = (server: ReturnType<typeof serve>) => new Promise<number>((done) => server.once('listening', () => done((server.address() as { port: number }).port)));
const service = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
const bareServer = serve({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' });
const [port, barePort] = await Promise.all([listening(service), listening(bareServer)]);
console.log(JSON.stringify({ port, barePort, plans: PLANS, seedSeconds, firstPollSeconds }));

const shutdown = async () => {
  service.close();
  bareServer.close();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
