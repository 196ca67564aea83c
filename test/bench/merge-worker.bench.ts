/**
 * Saves that merge, on workerd (`wrangler dev`, as `npm run worker:dev` runs it, local D1): the same
 * crafted and normal merges as `npm run bench parse` (merge-saves.ts), each sent as a person would,
 * `PUT /api/plans/{id}/document` from the version before someone else's save. workerd reports no
 * CPU time locally, so the CPU is read from Linux for the workerd processes this bench started
 * (/proc/<pid>/task/<tid>/schedstat, nanoseconds) around each request: the worker, its local D1 and
 * wrangler's proxy inside workerd, so an upper bound for the worker. Beside it the wall time seen by
 * the client, which on a shared machine is mostly waiting.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { API_TOKENS, PEOPLE, isoToday, planBody } from '../support/app.js';
import { startWorkerDev } from '../support/wrangler.js';
import { mergeCases, mergeOutcome } from './merge-saves.js';
import type { MergeCase } from '../support/adversarial-merges.js';

const RUNS = 7;
const CHARS = 60_000;
const GOAL_MS = 50;

/** Processes below `root` (this bench) named workerd. */
function workerdProcesses(root: number): number[] {
  const parent = new Map<number, number>();
  const name = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      name.set(Number(entry), stat.slice(stat.indexOf('(') + 1, close));
      parent.set(Number(entry), Number(stat.slice(close + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const below = (pid: number): boolean => {
    for (let up = parent.get(pid); up !== undefined && up > 1; up = parent.get(up)) if (up === root) return true;
    return false;
  };
  return [...name].filter(([pid, comm]) => comm.includes('workerd') && below(pid)).map(([pid]) => pid);
}

/** CPU nanoseconds used so far by every thread of `pids`. */
function cpuNs(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`)) total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // A thread that ended.
    }
  }
  return total;
}

export default async function mergeWorkerBench(): Promise<void> {
  const worker = await startWorkerDev({ SESSION_SECRET: 'merge-bench-secret-merge-bench-secret!', API_TOKENS, HR_EMAILS: PEOPLE.hr.email });
  try {
    const pids = workerdProcesses(process.pid);
    if (pids.length === 0) throw new Error('no workerd process found below this one');
    const call = async (method: string, path: string, as: keyof typeof PEOPLE, body?: unknown) => {
      const cpuStart = cpuNs(pids);
      const started = performance.now();
      const response = await fetch(`${worker.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${PEOPLE[as].token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await response.json()) as { markdown: string; version: string; plan: { id: string } };
      return { status: response.status, json, ms: performance.now() - started, cpuMs: (cpuNs(pids) - cpuStart) / 1e6 };
    };
    const created = await call('POST', '/api/plans', 'manager', planBody(isoToday(-3), { provider: 'local' }));
    if (created.status !== 201) throw new Error(`create answered ${created.status}`);
    const doc = `/api/plans/${created.json.plan.id}/document`;

    /** Set up base and theirs once, then send mine from the base's version RUNS times (a refusal saves nothing; a merge merges again). */
    const timeMerge = async ({ base, theirs, mine }: MergeCase) => {
      const start = await call('PUT', doc, 'manager', { markdown: base, baseVersion: (await call('GET', doc, 'manager')).json.version });
      await call('PUT', doc, 'teamMember', { markdown: theirs, baseVersion: start.json.version });
      const runs: Awaited<ReturnType<typeof call>>[] = [];
      for (let run = 0; run < RUNS; run++) runs.push(await call('PUT', doc, 'manager', { markdown: mine, baseVersion: start.json.version }));
      const median = (key: 'ms' | 'cpuMs') => runs.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
      return { status: runs[0]!.status, cpu: median('cpuMs'), slowestCpu: Math.max(...runs.map((r) => r.cpuMs)), wall: median('ms') };
    };

    console.log(
      `Saves that merge on workerd (wrangler dev), at ${CHARS} characters, ${RUNS} runs each: CPU of the workerd processes per request, and wall time seen by the client. Goal: under ${GOAL_MS} ms CPU.\n`,
    );
    console.log('| merge | outcome | diff steps | answer | CPU median ms | CPU slowest ms | wall median ms |');
    console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
    const row = (kind: string, outcome: string, steps: number, t: Awaited<ReturnType<typeof timeMerge>>) =>
      console.log(`| ${kind} | ${outcome} | ${steps.toLocaleString('en-US')} | ${t.status} | ${t.cpu.toFixed(1)} | ${t.slowestCpu.toFixed(1)} | ${t.wall.toFixed(1)} |`);
    // A warm-up, so the first row does not carry the isolate's first compilation of the diff.
    await timeMerge(mergeCases(CHARS)[0]![1]);
    row('nothing to merge (a plain save of one line)', 'saved', 0, await timeMerge({ base: 'a', theirs: 'a', mine: 'b' }));
    let worst = { kind: '', cpu: 0 };
    for (const [kind, merge] of mergeCases(CHARS)) {
      const { outcome, steps } = mergeOutcome(merge);
      const time = await timeMerge(merge);
      if (time.cpu > worst.cpu) worst = { kind, cpu: time.cpu };
      row(kind, outcome, steps, time);
    }
    console.log(`\nSlowest (CPU median): ${worst.kind}, ${worst.cpu.toFixed(1)} ms (goal ${GOAL_MS} ms): ${worst.cpu < GOAL_MS ? 'within' : 'OVER'} the goal.`);
  } finally {
    await worker.stop();
  }
}
