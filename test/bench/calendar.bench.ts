/**
 * The calendar at 5,000 plans (load-service.ts): HR's feed (every open plan) and a manager's (100
 * plans), the first fetch after start-up (each plan's events rendered by `ics`) and the next ones
 * (events kept as text), with the feed's size plain and gzip; and GET /api/this-week, the overview's
 * panel. Medians of RUNS, with the slowest.
 */
import { cpus, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { LOAD_PEOPLE } from './load-people.js';
import { loadService } from './load-service.js';

const RUNS = 7;

/** One fetch as a calendar app makes it (fetch asks for gzip and inflates the answer). */
async function timed(url: string, headers: Record<string, string> = {}): Promise<{ ms: number; bytes: number; gzipBytes: number; gzipped: boolean; events: number }> {
  const t0 = performance.now();
  const response = await fetch(url, { headers });
  const text = await response.text();
  const ms = performance.now() - t0;
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const gzipped = response.headers.get('content-encoding') === 'gzip';
  return { ms, bytes: text.length, gzipBytes: gzipSync(text).length, gzipped, events: text.split('BEGIN:VEVENT').length - 1 };
}

export default async function calendarBench(): Promise<void> {
  const service = await loadService();
  const rows: string[] = [];
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  // The manager first: each plan's events are rendered once, for whichever feed asks first.
  for (const [who, person] of [
    ['manager (100 plans)', LOAD_PEOPLE.manager],
    ['HR (every open plan)', LOAD_PEOPLE.hr],
  ] as const) {
    const auth = { authorization: `Bearer ${person.token}` };
    const { url } = (await (await fetch(`${service.origin}/api/calendar`, { headers: auth })).json()) as { url: string };
    const feed = new URL(url).pathname;
    const first = await timed(`${service.origin}${feed}`);
    const next: number[] = [];
    for (let run = 0; run < RUNS; run++) next.push((await timed(`${service.origin}${feed}`)).ms);
    const week: number[] = [];
    for (let run = 0; run < RUNS; run++) week.push((await timed(`${service.origin}/api/this-week`, auth)).ms);
    rows.push(
      `| ${who} | ${first.events} | ${Math.round(first.bytes / 1024)} KB (${Math.round(first.gzipBytes / 1024)} KB gzip${first.gzipped ? '' : ', NOT gzipped'}) | ${first.ms.toFixed(0)} | ${median(next).toFixed(0)} (max ${Math.max(...next).toFixed(0)}) | ${median(week).toFixed(1)} (max ${Math.max(...week).toFixed(1)}) |`,
    );
  }
  console.log(`${service.plans} plans; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores\n`);
  console.log('| feed of | events | size | first fetch ms | next fetches ms (median of 7) | GET /api/this-week ms (median of 7) |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
}
