/**
 * Dashboard budgets (issue 5): JavaScript the overview page loads, in KB gzip (budget 30), and with
 * 1000 plans from the API the time from the data arriving to the table drawn in headless Chromium
 * (budget 500 ms). The built pages are served from dashboard/dist through a route intercept, and the
 * API answers with 1000 synthetic plans, so the figure is the page's own work, not the server's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '../..');
const dist = join(root, 'dashboard/dist');
const origin = 'http://dashboard.bench';
const RUNS = 7;
const PLANS = 1000;
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

function day(offset: number): string {
  const date = new Date(Date.UTC(2026, 10, 25 + offset));
  return date.toISOString().slice(0, 10);
}

function syntheticPlans(count: number) {
  const healths = ['on_track', 'on_track', 'at_risk', 'off_track', 'overdue'] as const;
  return Array.from({ length: count }, (_, i) => {
    const start = -(i % 45) + 5;
    const elapsed = Math.max(0, Math.min(30, -start));
    const phase = start > 0 ? 'scheduled' : elapsed >= 30 ? 'ended' : 'active';
    return {
      id: `plan-${i}`,
      provider: ['local', 'google', 'notion'][i % 3],
      docUrl: `https://docs.example.test/${i}`,
      teamMember: { name: `Member ${i}`, email: `member${i}@acme.test` },
      manager: { name: `Manager ${i % 40}`, email: `manager${i % 40}@acme.test` },
      managersManager: { name: `Director ${i % 7}`, email: `director${i % 7}@acme.test` },
      hr: { name: 'HR', email: 'hr@acme.test' },
      developmentArea: ['Stakeholder communication', 'Code review quality', 'Estimating work', 'Mentoring'][i % 4],
      startDate: day(start),
      endDate: day(start + 30),
      updateCadenceDays: 7,
      state: 'ready',
      status: {
        phase,
        health: phase === 'ended' ? 'overdue' : healths[i % 4],
        day: elapsed,
        totalDays: 30,
        percentElapsed: Math.round((elapsed / 30) * 100),
        activities: { done: i % 4, total: 4 },
        progressEntries: i % 5,
        lastEntryDate: i % 5 ? day(start + 6) : null,
        nextCheckInDue: day(start + 7 * (1 + Math.floor(elapsed / 7))),
        missedCheckIns: i % 3,
        checkIns: [7, 14, 21, 28].map((d) => day(start + d)),
      },
      sharing: { state: i % 97 === 0 ? 'violation' : i % 13 === 0 ? 'repaired' : 'ok', checkedAt: '2026-11-25T08:00:00Z', issues: [] },
      lastPolledAt: '2026-11-25T08:00:00Z',
      pollError: null,
    };
  });
}

export default async function dashboardBench(): Promise<void> {
  if (!existsSync(join(dist, 'index.html'))) execFileSync(process.execPath, [join(root, 'dashboard/build.mjs')], { cwd: root, stdio: 'inherit' });
  const plans = syntheticPlans(PLANS);
  const dashboard = JSON.stringify({
    generatedAt: new Date().toISOString(),
    counts: { total: PLANS, active: 0, scheduled: 0, atRisk: 0, offTrack: 0, overdue: 0, endingThisWeek: 0, sharingViolations: 0, closed: 0 },
    plans,
  });
  const session = JSON.stringify({ session: { email: 'hr@acme.test', isHr: true }, providers: ['local'], defaultProvider: 'local', devSignIn: false, hrDefault: null });

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== origin) return route.abort();
      if (url.pathname === '/api/session') return route.fulfill({ contentType: 'application/json', body: session });
      if (url.pathname === '/api/dashboard') return route.fulfill({ contentType: 'application/json', body: dashboard });
      let file = join(dist, decodeURIComponent(url.pathname));
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!file.startsWith(dist) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
      return route.fulfill({ contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
    });
    const page = await context.newPage();
    const scripts = new Map<string, number>();
    page.on('response', async (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.set(new URL(response.url()).pathname, gzipSync(await response.body()).length);
    });

    const drawn: number[] = [];
    const complete: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => performance.getEntriesByName('cp:table-drawn').length > 0 && performance.getEntriesByName('cp:table-complete').length > 0, undefined, { timeout: 20_000 });
      const rows = await page.locator('#rows tr').count();
      if (rows !== PLANS) throw new Error(`expected ${PLANS} rows, the page drew ${rows}`);
      drawn.push(await page.evaluate(() => performance.measure('draw', 'cp:data-arrived', 'cp:table-drawn').duration));
      complete.push(await page.evaluate(() => performance.measure('complete', 'cp:data-arrived', 'cp:table-complete').duration));
    }
    const inline = await page.evaluate(() => [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? '').join('\n'));
    const inlineGzip = inline.trim() ? gzipSync(inline).length : 0;
    const resort = await page.evaluate(() => {
      const button = document.querySelector<HTMLButtonElement>('th[data-col="health"] button');
      const t0 = performance.now();
      button?.click();
      return performance.now() - t0;
    });

    const jsBytes = [...scripts.values()].reduce((a, b) => a + b, 0) + inlineGzip;
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
    const worst = Math.max(...drawn);
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    console.log('| measure | value | budget | within |');
    console.log('|---|---|---|---|');
    console.log(`| overview JS, gzip (${scripts.size} files${inlineGzip ? ' + inline' : ''}) | ${kb(jsBytes)} | 30 KB | ${jsBytes <= 30 * 1024 ? 'yes' : 'NO'} |`);
    const m = median(drawn);
    console.log(`| ${PLANS} plans: data arrived -> table drawn (painted), median of ${RUNS} | ${m.toFixed(0)} ms | 500 ms | ${m <= 500 ? 'yes' : 'NO'} |`);
    console.log(`| ${PLANS} plans: data arrived -> table drawn, slowest of ${RUNS} | ${worst.toFixed(0)} ms | 500 ms | ${worst <= 500 ? 'yes' : 'NO'} |`);
    console.log(`| ${PLANS} plans: data arrived -> all ${PLANS} rows in the table, median | ${median(complete).toFixed(0)} ms | - | - |`);
    console.log(`| re-sort by a column: first rows redrawn (synchronous part) | ${resort.toFixed(0)} ms | - | - |`);
    console.log(`| API payload for ${PLANS} plans (JSON, gzip) | ${kb(gzipSync(dashboard).length)} | - | - |`);
    console.log('\nScripts loaded by the overview page:');
    for (const [path, size] of scripts) console.log(`- ${path}: ${kb(size)}`);
  } finally {
    await browser.close();
  }
}
