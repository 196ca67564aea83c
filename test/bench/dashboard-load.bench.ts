/**
 * Load on GET /api/dashboard with 5,000 plans (issues 10 and 15): autocannon at 1 and 50 clients for
 * HR and a manager, each next to a bare Hono route answering the same bytes from memory (the ratio),
 * then 200 clients for 30 s on the manager's dashboard. HR runs poll cycles (POST /api/poll) back to
 * back the whole time, as `npm start` runs them: a sweep of every plan's sharing (one write each) at
 * most every BENCH_SWEEP_SECONDS (60), otherwise change detection only. The service runs in a child
 * process (load-server.ts), so autocannon does not share its CPU time. BENCH_PLANS and BENCH_SECONDS
 * shorten a trial run.
 */
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { LOAD_PEOPLE } from './load-people.js';
import { loadService } from './load-service.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

/** The requests measured: the overview's first page for HR, every plan for HR, a manager's dashboard. */
export const LOAD_REQUESTS = [
  { name: "HR's overview page (first 100 rows, counts over all)", path: '/api/dashboard?sort=endDate&limit=100', token: LOAD_PEOPLE.hr.token },
  { name: 'HR, every plan (no parameters: the full answer)', path: '/api/dashboard', token: LOAD_PEOPLE.hr.token },
  { name: "a manager's dashboard (100 plans)", path: '/api/dashboard', token: LOAD_PEOPLE.manager.token },
];

function run(url: string, token: string, connections: number, duration = SECONDS) {
  return autocannon({ url, connections, duration, timeout: 120, headers: { authorization: `Bearer ${token}` } });
}

/** HR's poll cycles, back to back, until stopped: the reads and writes the dashboard meets. */
function pollLoop(origin: string) {
  let stopped = false;
  let cycles = 0;
  let sweeps = 0;
  const loop = (async () => {
    while (!stopped) {
      // A cycle slower than fetch's header timeout under load is not an error of the service.
      const response = await fetch(`${origin}/api/poll`, { method: 'POST', headers: { authorization: `Bearer ${LOAD_PEOPLE.hr.token}` } }).catch(() => null);
      const result = (await response?.json().catch(() => null)) as { polled?: number } | null;
      if (response?.ok) cycles++;
      // Only a sweep polls plans whose document did not change (nothing changes during the bench).
      if ((result?.polled ?? 0) > 0) sweeps++;
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { cycles, sweeps };
    },
  };
}

const ms = (value: number) => (value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value).toLocaleString('en-US')} ms`);
const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`);
const errorsOf = (r: autocannon.Result) => r.errors + r.timeouts + r.non2xx;
/** p50 / p99, or what happened when no request finished within the run. */
const latencies = (r: autocannon.Result) => (r.requests.total > 0 ? [ms(r.latency.p50), ms(r.latency.p99)] : [`none of ${r.requests.sent} finished`, '-']);

export default async function dashboardLoadBench(): Promise<void> {
  const ready = await loadService();
  const { origin, bare } = ready;
  console.log(
    `${ready.plans} plans seeded through the create use case in ${ready.seedSeconds.toFixed(1)} s; first poll cycle ${ready.firstPollSeconds.toFixed(1)} s; ${SECONDS} s a run.\n`,
  );
  const polls = pollLoop(origin);
  try {
    console.log('| request | clients | p50 | p99 | req/s | errors | bare route p50 / p99 | ratio (mean latency) | payload (gzip) |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const request of LOAD_REQUESTS) {
      const capture = await fetch(`${bare}/capture`, { method: 'POST', body: JSON.stringify({ path: request.path, token: request.token }) });
      const { status, bytes } = (await capture.json()) as { status: number; bytes: number };
      if (status !== 200) throw new Error(`${request.path} answered ${status} while capturing it`);
      const body = new Uint8Array(await (await fetch(`${bare}${request.path}`)).arrayBuffer());
      const payload = `${kb(bytes)} (${kb(gzipSync(body).length)})`;
      for (const connections of [1, 50]) {
        const service = await run(`${origin}${request.path}`, request.token, connections);
        const floor = await run(`${bare}${request.path}`, request.token, connections);
        // Mean latency for the ratio: autocannon's percentiles are whole milliseconds.
        const ratio = service.requests.total && floor.requests.total ? `${(service.latency.mean / floor.latency.mean).toFixed(1)}x` : '-';
        console.log(
          `| ${request.name} | ${connections} | ${latencies(service).join(' | ')} | ${Math.round(service.requests.average)} | ` +
            `${errorsOf(service)} of ${service.requests.sent} | ${latencies(floor).join(' / ')}${errorsOf(floor) ? ` (${errorsOf(floor)} errors)` : ''} | ${ratio} | ${payload} |`,
        );
      }
    }
    const manager = LOAD_REQUESTS[2]!;
    const soak = await run(`${origin}${manager.path}`, manager.token, 200, Math.max(SECONDS, 30));
    console.log(
      `| ${manager.name}, sustained ${Math.max(SECONDS, 30)} s | 200 | ${latencies(soak).join(' | ')} | ${Math.round(soak.requests.average)} | ` +
        `${errorsOf(soak)} of ${soak.requests.sent} | - | - | - |`,
    );
  } finally {
    const { cycles, sweeps } = await polls.stop();
    console.log(`\nPoll cycles completed during the runs: ${cycles}, ${sweeps} of them with the sharing sweep (a write per plan).`);
    console.log(
      `Load average of this machine (shared with other work): ${loadavg()
        .map((n) => n.toFixed(1))
        .join(', ')} (1, 5, 15 min).`,
    );
  }
}
