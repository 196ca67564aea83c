/**
 * Google poll cost, counted in full: 1000 plans in the service's own store, their documents in the
 * fake, and the real poll cycle (runPollCycle) with its sharing checks. An hour at the default
 * settings is 12 cycles (POLL_INTERVAL_SECONDS=300), one of them the sweep that re-checks every
 * document's sharing (SHARING_SWEEP_SECONDS=3600), with 10 documents edited before each cycle.
 * The naive poller reads every document every cycle and makes the same sharing checks.
 * Also the API calls one create makes, for both ways of creating.
 */
import { setupServer } from 'msw/node';
import { googleDocToModel, DOCUMENT_FIELDS } from '../../service/src/providers/google/convert.js';
import { createGoogleApi } from '../../service/src/providers/google/client.js';
import { runPollCycle } from '../../service/src/poller/poll-cycle.js';
import { makeTestService } from '../support/app.js';
import { googleWorld, type World } from '../google/world.js';
import { seedGooglePlans } from './seed-google-plans.js';

const PLANS = 1000;
const CHANGED = 10;
const CYCLES_AN_HOUR = 3600 / 300;
const SWEEPS_AN_HOUR = 3600 / 3600;

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

interface Measured {
  requests: number;
  ms: number;
  byMethod: Record<string, number>;
}

async function measureOn(world: World, run: () => Promise<unknown>): Promise<Measured> {
  const before = world.fake.log.length;
  const started = performance.now();
  await run();
  return { requests: world.fake.log.length - before, ms: performance.now() - started, byMethod: world.fake.counts(before) };
}

async function pollCost(server: ReturnType<typeof setupServer>) {
  const world = await googleWorld(server);
  // Counting requests, not waiting out Google's quotas: 1000 Docs reads take 3+ minutes of quota
  // (300 a minute per user), which the first and naive cycles would spend here in real time.
  world.fake.limiter.quotas = false;
  const service = await makeTestService({ ...world.env, PROVIDER: 'google' }, (deps) => {
    deps.providers.google = world.provider;
  });
  try {
    const docIds = await seedGooglePlans(world, service.store, PLANS);
    const cycle = (sweepSharing: boolean) => measureOn(world, () => runPollCycle(service.deps, { meter: service.deps.meter, sweepEveryMs: 3_600_000, sweepSharing }));
    const editSome = (round: number) => {
      for (let i = 0; i < CHANGED; i++) {
        world.fake.editDocument(docIds[(round * CHANGED + i * (PLANS / CHANGED)) % PLANS]!, (n) => n.push({ kind: 'paragraph', text: `edit ${round}`, style: 'NORMAL_TEXT' }));
      }
    };

    const first = await cycle(true);
    editSome(1);
    const normal = await cycle(false);
    editSome(2);
    const sweep = await cycle(true);
    const quiet = await cycle(false);
    // The naive poller: every document read every cycle (sharing checks as above, added below).
    const api = createGoogleApi(world.options);
    const naiveReads = await measureOn(world, async () => {
      for (const docId of docIds) {
        googleDocToModel(await api.call('documents.get', (o) => api.docs.documents.get({ documentId: docId, includeTabsContent: true, fields: DOCUMENT_FIELDS }, o)));
      }
    });
    for (const m of [normal, sweep]) {
      const changed = m.byMethod['docs.documents.get'] ?? 0;
      if (changed !== CHANGED) throw new Error(`expected ${CHANGED} documents read in a cycle, got ${changed}`);
    }

    const sharing = { normal: normal.requests - CHANGED - (normal.byMethod['drive.changes.list'] ?? 0), sweep: sweep.requests - CHANGED - (sweep.byMethod['drive.changes.list'] ?? 0) };
    // Everything a cycle sends besides the change feed and the reads is the sharing check, whatever it grows to.
    const sharingPerChanged = sharing.normal / CHANGED;
    const hour = (CYCLES_AN_HOUR - SWEEPS_AN_HOUR) * normal.requests + SWEEPS_AN_HOUR * sweep.requests;
    const naiveHour = CYCLES_AN_HOUR * (naiveReads.byMethod['docs.documents.get'] ?? 0) + (CYCLES_AN_HOUR - SWEEPS_AN_HOUR) * sharing.normal + SWEEPS_AN_HOUR * sharing.sweep;
    const hourMs = (CYCLES_AN_HOUR - SWEEPS_AN_HOUR) * normal.ms + SWEEPS_AN_HOUR * sweep.ms;

    console.log(`${PLANS} plans through the service's poll cycle, ${CHANGED} documents edited before each cycle (in-process fake over msw):\n`);
    console.log(`**Per hour at the default settings (${CYCLES_AN_HOUR} cycles, ${SWEEPS_AN_HOUR} of them the sharing sweep): ${hour} requests, against ${naiveHour} for a poller that reads every document each cycle with the same sharing checks: ${(naiveHour / hour).toFixed(1)}x fewer.**\n`);
    console.log('| cycle | requests | by method | wall time |');
    console.log('| --- | ---: | --- | ---: |');
    const detail = (m: Measured) => Object.entries(m.byMethod).map(([method, n]) => `${method.replace(/^drive\.|^docs\./, '')} ${n}`).join(', ');
    const row = (name: string, m: Measured) => console.log(`| ${name} | ${m.requests} | ${detail(m)} | ${m.ms.toFixed(0)} ms |`);
    row(`normal: changes.list, read the ${CHANGED} changed, check their sharing`, normal);
    row(`sweep: the same, and check the sharing of all ${PLANS}`, sweep);
    row('normal, nothing changed', quiet);
    row(`first (no cursor): read and check all ${PLANS}`, first);
    row(`naive reads alone: documents.get for all ${PLANS}`, naiveReads);
    console.log(`| **an hour** (${CYCLES_AN_HOUR - SWEEPS_AN_HOUR} normal + ${SWEEPS_AN_HOUR} sweep) | **${hour}** | | ${hourMs.toFixed(0)} ms |`);
    console.log(`| **naive hour** (${CYCLES_AN_HOUR} x ${PLANS} reads + the same sharing checks) | **${naiveHour}** | | |`);
    console.log(`\nSharing costs ${sharingPerChanged} requests per changed document (files.get, permissions.list, revisions.list for Publish to the web), and the sweep ${sharing.sweep} an hour: ${Math.round((100 * ((CYCLES_AN_HOUR - SWEEPS_AN_HOUR) * sharing.normal + sharing.sweep)) / hour)}% of the hour's requests.`);
    console.log(`Reads alone: ${CHANGED} a cycle against ${PLANS} (${PLANS / CHANGED}x); a cycle without the sweep makes ${((naiveReads.byMethod['docs.documents.get'] ?? 0) / normal.requests).toFixed(0)}x fewer requests than a naive read of everything.`);
    console.log('Against Google, Docs allows 300 reads a minute per user: a naive cycle of 1000 reads needs 3+ minutes of quota; the sweep makes no Docs reads.');
    console.log('Access tokens last an hour: one token request an hour on top.');
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
    const m = await measureOn(world, () => world.provider.createDocument(world.input()));
    const detail = Object.entries(m.byMethod).map(([method, n]) => `${method.replace(/^drive\.|^docs\./, '')} ${n}`).join(', ');
    console.log(`| ${template ? 'template Google Doc (files.copy + replaceAllText)' : 'repo template (Markdown import)'} | ${m.requests} | ${detail}; ${m.ms.toFixed(0)} ms |`);
  }
}
