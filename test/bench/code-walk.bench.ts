/**
 * How far a newcomer travels to follow one request: the service's source files (and functions)
 * that actually run for a manager's `POST /api/plans` on Google, and for one scheduled cycle after
 * an edit, counted by V8's precise coverage (function call counts, reset just before the request).
 * Each walk runs once to warm up (modules load, the token is fetched) and is counted the second
 * time, so the figures are the request's own path, not start-up. Only files under service/src count.
 */
import { Session } from 'node:inspector/promises';
import { setupServer } from 'msw/node';
import { planBody, type TestService } from '../support/app.js';
import { googleWorld, type World, serviceOnGoogle } from '../google/world.js';

const SOURCE = '/service/src/';

interface ScriptCoverage {
  url: string;
  functions: { functionName: string; ranges: { count: number; startOffset: number }[] }[];
}

interface Walked {
  files: Map<string, number>;
}

/** The functions that ran since the last take, grouped by service source file. */
async function walked(session: Session): Promise<Walked> {
  const { result } = (await session.post('Profiler.takePreciseCoverage')) as { result: ScriptCoverage[] };
  const files = new Map<string, number>();
  for (const script of result) {
    const at = script.url.indexOf(SOURCE);
    if (at < 0 || script.url.includes('node_modules')) continue;
    // A module's top-level body (the unnamed function at offset 0) runs once on load, not per request.
    const ran = script.functions.filter((fn) => fn.ranges[0]?.count && !(fn.functionName === '' && fn.ranges[0].startOffset === 0));
    if (ran.length > 0) files.set(script.url.slice(at + SOURCE.length), ran.length);
  }
  return { files };
}

async function measure(session: Session, walk: () => Promise<void>): Promise<Walked> {
  await walk();
  await session.post('Profiler.takePreciseCoverage');
  await walk();
  return walked(session);
}

function row(name: string, { files }: Walked) {
  const functions = [...files.values()].reduce((sum, n) => sum + n, 0);
  const busiest = [...files.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([file, n]) => `${file} ${n}`)
    .join(', ');
  console.log(`| ${name} | ${files.size} | ${functions} | ${busiest} |`);
}

export default async function codeWalkBench(): Promise<void> {
  const server = setupServer();
  server.listen({ onUnhandledRequest: 'error' });
  const session = new Session();
  session.connect();
  let service: TestService | undefined;
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
    const world: World = await googleWorld(server);
    service = await serviceOnGoogle(world);
    const running = service;
    const docIds: string[] = [];
    let day = 1;
    const create = await measure(session, async () => {
      const answer = await running.call('POST', '/api/plans', { as: 'manager', body: planBody(`2026-12-0${day++}`) });
      if (answer.status !== 201) throw new Error(`create answered ${answer.status}: ${answer.text}`);
      docIds.push((await running.store.getPlan(answer.json.plan.id))?.docId as string);
    });
    const cycle = await measure(session, async () => {
      for (const docId of docIds) {
        world.fake.editDocument(docId, (nodes) => nodes.push({ kind: 'paragraph', text: 'Progress noted.', style: 'NORMAL_TEXT' }));
      }
      await running.deps.scheduledCycle();
    });
    console.log('Source files (service/src) and functions that run for one request, after a warm-up:\n');
    console.log('| walk | files | functions | most functions in |');
    console.log('| --- | ---: | ---: | --- |');
    row('manager creates a Google plan (POST /api/plans)', create);
    row('scheduled cycle after an edit (Google)', cycle);
  } finally {
    await session.post('Profiler.stopPreciseCoverage').catch(() => {});
    session.disconnect();
    await service?.close();
    server.close();
  }
}
