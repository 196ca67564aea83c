/**
 * The code-walk benchmark's child process (started by ../code-walk.bench.ts with the trace hook):
 * a manager's `POST /api/plans` on Google, and one scheduled cycle after an edit, each traced once
 * after a warm-up, so the figures are the request's own path, not start-up.
 */
import { setupServer } from 'msw/node';
import { googleWorld, serviceOnGoogle } from '../../google/world.js';
import { planBody, type TestService } from '../../support/app.js';
import { type Walk, printWalks } from './walk-figures.js';
import { workerWithPlans } from './worker-walk.js';

interface Trace {
  tracing: boolean;
  events: Walk;
}
const trace = (globalThis as unknown as { __codeWalkTrace?: Trace }).__codeWalkTrace;
if (!trace) throw new Error('Run through code-walk.bench.ts: the trace hook is not registered.');

async function traced(walk: () => Promise<void>): Promise<Walk> {
  await walk();
  trace!.events = [];
  trace!.tracing = true;
  try {
    await walk();
  } finally {
    trace!.tracing = false;
  }
  return trace!.events;
}

const server = setupServer();
server.listen({ onUnhandledRequest: 'error' });
let service: TestService | undefined;
try {
  const world = await googleWorld(server);
  service = await serviceOnGoogle(world);
  const running = service;
  const docIds: string[] = [];
  let day = 1;
  const create = await traced(async () => {
    const answer = await running.call('POST', '/api/plans', { as: 'manager', body: planBody(`2026-12-0${day++}`) });
    if (answer.status !== 201) throw new Error(`create answered ${answer.status}: ${answer.text}`);
    docIds.push((await running.store.getPlan(answer.json.plan.id))?.docId as string);
  });
  const cycle = await traced(async () => {
    for (const docId of docIds) {
      world.fake.editDocument(docId, (nodes) => nodes.push({ kind: 'paragraph', text: 'Progress noted.', style: 'NORMAL_TEXT' }));
    }
    await running.deps.scheduledCycle();
  });
  const worker = await workerWithPlans(world);
  const workerCycle = await traced(() => worker.cycle());
  printWalks([
    ['manager creates a Google plan (POST /api/plans)', create],
    ['scheduled cycle after an edit (Google, 2 plans)', cycle],
    ['the same cycle on Workers (worker.ts, D1)', workerCycle],
  ]);
} finally {
  await service?.close();
  server.close();
}
