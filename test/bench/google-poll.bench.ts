/**
 * Google poll cost, counted in full on the fake's own request log, with the fake's quotas ON
 * (Google's defaults: Docs 300 reads a minute per user, Drive 12,000) and time on the fake's clock
 * (the service's waits advance it). 1,000 plans in the service's own store; the real service: its
 * scheduled cycles, Drive push notifications delivered into its app, HR's forced cycle, anonymous
 * GET /api/health once a minute, its token requests and channel renewals.
 *
 * The hour: 12 intervals of 5 minutes (POLL_INTERVAL_SECONDS=300); in each, 10 documents are edited,
 * 30 s apart, each edit's notification starting a cycle; the scheduled cycle ends the interval; the
 * hourly sharing sweep (SHARING_SWEEP_SECONDS=3600) falls in one of them. The naive poller reads
 * every document every interval and checks sharing one document at a time (files.get,
 * permissions.list, revisions.list): hourly for all, each interval for the changed ones.
 */
import { setupServer } from 'msw/node';
import { makeTestService, type TestService } from '../support/app.js';
import { googleWorld, type World } from '../google/world.js';
import { seedGooglePlans } from './seed-google-plans.js';

const PLANS = 1000;
const CHANGED = 10;
const INTERVAL_MS = 300_000;
const INTERVALS = 12;
const MINUTE = 60_000;
const PUBLIC_URL = 'https://plans.acme.test';
/** The default WEBHOOK_POLL_DELAY_SECONDS: how long a burst of notifications is gathered. */
const GATHER_MS = 5_000;

export default async function googlePollBench(): Promise<void> {
  const server = setupServer();
  server.listen({ onUnhandledRequest: 'error' });
  try {
    await pollCost(server);
    await createCost(server);
  } finally {
    server.close();
  }
}

interface Counted {
  requests: number;
  byMethod: Record<string, number>;
  limited: number;
}

function countSince(world: World, since: number): Counted {
  const entries = world.fake.log.slice(since);
  return { requests: entries.length, byMethod: world.fake.counts(since), limited: entries.filter((e) => e.status === 429 || e.status === 403).length };
}

const detail = (byMethod: Record<string, number>) =>
  Object.entries(byMethod)
    .sort((a, b) => b[1] - a[1])
    .map(([method, n]) => `${method.replace(/^drive\.|^docs\./, '')} ${n}`)
    .join(', ');

async function pollCost(server: ReturnType<typeof setupServer>) {
  let clock = Date.parse('2026-12-07T08:00:00Z');
  const world = await googleWorld(server, { options: { now: () => clock, sleep: async (ms) => void (clock += ms) } });
  world.fake.now = () => clock;
  // The bench sets no gathering delay of its own (it would only wait in real time); the latency adds the default.
  const service: TestService = await makeTestService(
    { ...world.env, PROVIDER: 'google', PUBLIC_URL, WEBHOOK_POLL_DELAY_SECONDS: '0' },
    (deps) => {
      deps.providers.google = world.provider;
    },
    { now: () => new Date(clock) },
  );
  world.fake.push.deliver = async (request) => service.app.request(request);
  try {
    const docIds = await seedGooglePlans(world, service.store, PLANS);
    const settle = async () => {
      await world.fake.push.settle();
      await service.deps.settleDriveNotifications();
    };

    // The first cycle: every document read once, under Docs' quota, and the channel opened.
    let mark = world.fake.log.length;
    const firstStarted = clock;
    const wallStarted = performance.now();
    await service.deps.scheduledCycle();
    await settle();
    const first = countSince(world, mark);
    const firstFakeMs = clock - firstStarted;
    const firstWallMs = performance.now() - wallStarted;

    // The hour.
    clock += INTERVAL_MS;
    mark = world.fake.log.length;
    const hourStart = clock;
    let notified = 0;
    let webhookCycles = 0;
    let nextHealth = hourStart;
    const health = async (until: number) => {
      for (; nextHealth < until; nextHealth += MINUTE) {
        const at = clock;
        clock = nextHealth;
        await service.call('GET', '/api/health');
        clock = Math.max(at, clock);
      }
    };
    for (let interval = 0; interval < INTERVALS; interval++) {
      const start = hourStart + interval * INTERVAL_MS;
      for (let i = 0; i < CHANGED; i++) {
        clock = Math.max(clock, start + (i + 0.5) * (INTERVAL_MS / CHANGED));
        await health(clock);
        const cyclesBefore = world.fake.counts()['drive.changes.list'] ?? 0;
        world.fake.editDocument(docIds[(interval * 97 + i * 101) % PLANS]!, (n) => n.push({ kind: 'paragraph', text: `edit ${interval}.${i}`, style: 'NORMAL_TEXT' }));
        notified++;
        await settle();
        webhookCycles += (world.fake.counts()['drive.changes.list'] ?? 0) - cyclesBefore;
      }
      clock = Math.max(clock, start + INTERVAL_MS);
      await health(clock);
      await service.deps.scheduledCycle();
      await settle();
    }
    const hour = countSince(world, mark);
    const hourChangesLists = hour.byMethod['drive.changes.list'] ?? 0;
    const sweepRequests = hour.byMethod['drive.files.list'] ?? 0;

    // A forced cycle (HR's "Read documents now") with nothing changed: sweep included.
    mark = world.fake.log.length;
    const forced = await service.call('POST', '/api/poll', { as: 'hr' });
    if (forced.status !== 200) throw new Error(`POST /api/poll answered ${forced.status}`);
    const idle = countSince(world, mark);

    // Notification latency: an edit until the dashboard shows it, on the fake's clock.
    const target = docIds[500]!;
    const planId = 'plan-500';
    const editAt = clock;
    const wallEdit = performance.now();
    world.fake.editDocument(target, (nodes) => {
      const log = nodes.find((n) => n.kind === 'table' && n.rows[0]?.[0] === 'Date');
      if (log?.kind !== 'table') throw new Error('no progress log table');
      log.rows.push(['2026-12-06', 'Latency probe', 'Ana']);
    });
    await settle();
    const dashboard = await service.call('GET', '/api/dashboard', { as: 'hr' });
    const seen = (dashboard.json.plans as { id: string; status: { lastEntryDate: string | null } }[]).find((p) => p.id === planId);
    if (seen?.status.lastEntryDate !== '2026-12-06') throw new Error('the edit did not reach the dashboard through its notification');
    const latencyFakeMs = clock - editAt;
    const latencyWallMs = performance.now() - wallEdit;

    const naiveHour = INTERVALS * PLANS + 3 * PLANS + (INTERVALS - 1) * CHANGED * 3;
    const ratio = naiveHour / hour.requests;
    console.log(
      `${PLANS} plans, the real service against the in-process Google fake **with its quotas on** (Docs 300 reads a minute per user, Drive 12,000), time on the fake's clock.\n`,
    );
    console.log(
      `**An hour: ${hour.requests} requests, against ${naiveHour} for the naive poller: ${ratio.toFixed(1)}x fewer** (goal: 30x). ${CHANGED} documents edited per 5-minute interval, each edit seen through its notification.\n`,
    );
    console.log('| the hour, by source | requests |');
    console.log('| --- | ---: |');
    const tokens = hour.byMethod['oauth.token'] ?? 0;
    console.log(`| token requests | ${tokens} |`);
    console.log(`| health checks (anonymous GET /api/health once a minute: 60 calls, one cached files.get each) | ${hour.byMethod['drive.files.get'] ?? 0} files.get |`);
    console.log(
      `| webhook-driven cycles (${webhookCycles} cycles for ${notified} notifications: changes.list + documents.get each; sharing judged from the feed) | ${webhookCycles + (hour.byMethod['docs.documents.get'] ?? 0)} |`,
    );
    console.log(`| scheduled cycles (${INTERVALS}, nothing left to read: changes.list each) | ${hourChangesLists - webhookCycles} |`);
    console.log(`| channel renewals (changes.watch; a channel lives 24 h, renewed 1 h before its end) | ${hour.byMethod['drive.changes.watch'] ?? 0} |`);
    console.log(`| the hourly sharing sweep (files.list pages of 100 with permissions) | ${sweepRequests} |`);
    const others = detail(
      Object.fromEntries(
        Object.entries(hour.byMethod).filter(
          ([m]) => !['oauth.token', 'drive.files.get', 'docs.documents.get', 'drive.changes.list', 'drive.changes.watch', 'drive.files.list'].includes(m),
        ),
      ),
    );
    console.log(
      `| everything else${others ? ` (${others})` : ''} | ${hour.requests - tokens - (hour.byMethod['drive.files.get'] ?? 0) - (hour.byMethod['docs.documents.get'] ?? 0) - hourChangesLists - (hour.byMethod['drive.changes.watch'] ?? 0) - sweepRequests} |`,
    );
    console.log(`| **total** (by method: ${detail(hour.byMethod)}) | **${hour.requests}** |`);
    console.log(`| naive: ${INTERVALS} x ${PLANS} documents.get + ${PLANS} x 3 hourly sharing + ${INTERVALS - 1} x ${CHANGED} x 3 for the changed | ${naiveHour} |`);
    console.log(`| rate-limit answers (429 / 403) in the hour | ${hour.limited} |`);
    console.log('');
    console.log(
      `- **Forced idle cycle** (HR's POST /api/poll, nothing changed, sweep of all ${PLANS} included): ${idle.requests} requests (${detail(idle.byMethod)}); goal 20 at 1,000 plans (test/google/bulk-sweep.test.ts holds 60 plans to 10).`,
    );
    console.log(
      `- **First cycle under quota** (no cursor: every document read and its sharing checked, the channel opened): ${first.requests} requests (${detail(first.byMethod)}), **${first.limited} answered 429/403**; ${(firstFakeMs / MINUTE).toFixed(1)} minutes on the fake's clock (Docs allows 300 reads a minute), ${(firstWallMs / 1000).toFixed(1)} s of wall time here.`,
    );
    console.log(
      `- **Notification latency**: edit -> notification -> cycle -> on HR's dashboard: ${latencyFakeMs} ms on the fake's clock plus the ${GATHER_MS / 1000} s gathering delay (WEBHOOK_POLL_DELAY_SECONDS), so **about ${((GATHER_MS + latencyFakeMs) / 1000).toFixed(1)} s** (goal 60 s); ${latencyWallMs.toFixed(0)} ms of wall time here. Without notifications, at most one interval (300 s).`,
    );
    console.log(`- Channel renewals a day: 1 (a channel is asked for 24 h; Drive allows changes channels up to a week).`);
  } finally {
    await service.close();
  }
}

async function createCost(server: ReturnType<typeof setupServer>) {
  console.log('\nAPI calls per create (the first includes the one token request):\n');
  console.log('| create from | requests | by method |');
  console.log('| --- | ---: | --- |');
  for (const template of [false, true]) {
    const world = await googleWorld(server, { template });
    const before = world.fake.log.length;
    const started = performance.now();
    await world.provider.createDocument(world.input());
    const ms = performance.now() - started;
    console.log(
      `| ${template ? 'template Google Doc (files.copy + replaceAllText)' : 'repo template (Markdown import)'} | ${world.fake.log.length - before} | ${detail(world.fake.counts(before))}; ${ms.toFixed(0)} ms |`,
    );
  }
}
