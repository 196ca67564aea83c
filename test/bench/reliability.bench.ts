/**
 * Reliability in counts, not timings (so the machine's load does not change them):
 * - faults: 100 creates through the service with 30 % of the remote requests failing at random
 *   (429s, 5xx, timeouts, and "ghost successes" that were applied but answered with an error),
 *   against the Google fake and the Notion fake, then poll cycles (still faulty) until no plan is
 *   left creating;
 * - crashes (crash-runs.ts): the real Node service SIGKILLed at each remote step of a create,
 *   restarted, left to resume.
 * Each run is counted on the fake's own state: plans ready, documents, documents no plan points to
 * (duplicates), documents anyone beyond the owner and the four can read (exposed), and plans not
 * ready that do not say why.
 */
import { setupServer } from 'msw/node';
import { runPollCycle } from '../../service/src/poller/poll-cycle.js';
import { notionHandlers } from '../fakes/notion/index.js';
import { googleWorld, OWNER } from '../google/world.js';
import { notionEnv } from '../notion/env.js';
import { type TestService, makeTestService, planBody } from '../support/app.js';
import { crashRuns } from './crash-runs.js';
import { googleOutcome, notionOutcome, OUTCOME_HEADER, outcomeRow, seeded } from './reliability-counts.js';

const CREATES = 100;
const FAULT_RATE = 0.3;

export default async function reliabilityBench(): Promise<void> {
  console.log(`### ${CREATES} creates through the service, ${FAULT_RATE * 100} % of remote requests failing\n`);
  console.log(OUTCOME_HEADER);
  const server = setupServer();
  server.listen({ onUnhandledRequest: 'error' });
  try {
    await googleFaults(server);
    await notionFaults(server);
  } finally {
    server.close();
  }
  console.log('\n### SIGKILL of the Node service at each remote step of a create, then a restart\n');
  await crashRuns();
}

/**
 * The creates as a client makes them (one retry with the same Idempotency-Key when the answer is a
 * 5xx), then poll cycles, faults still on, until no plan is left creating (at most 20).
 */
async function hundredCreates(service: TestService): Promise<{ cycles: number }> {
  for (let i = 0; i < CREATES; i++) {
    const request = { as: 'manager' as const, body: planBody('2026-12-01'), headers: { 'idempotency-key': `bench-${i}` } };
    const first = await service.call('POST', '/api/plans', request);
    if (first.status >= 500) await service.call('POST', '/api/plans', request);
  }
  let cycles = 0;
  while (cycles < 20 && (await service.store.listPlans({ all: true })).some((p) => p.state === 'creating')) {
    await runPollCycle(service.deps, { meter: service.deps.meter, sweepEveryMs: 3_600_000, sweepSharing: false });
    cycles++;
  }
  return { cycles };
}

async function googleFaults(server: ReturnType<typeof setupServer>) {
  // Timeouts cost their wait for real: a short client timeout keeps the run short.
  const world = await googleWorld(server, { options: { timeoutMs: 300 } });
  world.fake.limiter.quotas = false;
  const service = await makeTestService({ ...world.env, PROVIDER: 'google' }, (deps) => {
    deps.providers.google = world.provider;
  });
  try {
    world.fake.randomFaults = { rate: FAULT_RATE, kinds: ['429', '500', '503', 'timeout', 'performed-500', 'performed-timeout'], random: seeded(10) };
    const { cycles } = await hundredCreates(service);
    world.fake.randomFaults = undefined;
    const failed = world.fake.log.filter((entry) => entry.status === 'hang' || entry.status >= 400).length;
    const outcome = googleOutcome(world.fake, await service.store.listPlans({ all: true }), OWNER);
    console.log(outcomeRow(`Google: ${world.fake.log.length} requests, ${failed} failed; ${cycles} poll cycles after`, outcome));
  } finally {
    await service.close();
  }
}

/** Exported so the Notion half can be run alone: `npx tsx -e "(await import('./test/bench/reliability.bench.ts')).notionFaults(...)"`. */
export async function notionFaults(server: ReturnType<typeof setupServer>) {
  const env = notionEnv();
  server.use(...notionHandlers(env.fake));
  const service = await makeTestService({ PROVIDER: 'notion', NOTION_TOKEN: 'secret_for_config_only', NOTION_DATA_SOURCE_ID: env.dataSourceId }, (deps) => {
    // On the fake's virtual clock: pacing and Retry-After cost no real time.
    deps.providers.notion = env.provider;
  });
  try {
    // The fake's quotas stay on (per connection 3 req/s, burst 10; per workspace 1,000 a 5-minute window).
    env.fake.randomFaults = { rate: FAULT_RATE, kinds: ['429', '409', '500', '503', '529', 'performed-500', 'performed-529'], random: seeded(20) };
    const { cycles } = await hundredCreates(service);
    env.fake.randomFaults = undefined;
    const failed = env.fake.log.filter((entry) => entry.status !== 200).length;
    const outcome = notionOutcome(env.fake, await service.store.listPlans({ all: true }));
    console.log(outcomeRow(`Notion, quotas on: ${env.fake.log.length} requests, ${failed} failed; ${cycles} poll cycles after`, outcome));
  } finally {
    await service.close();
  }
}
