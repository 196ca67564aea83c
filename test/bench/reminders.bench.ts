/**
 * The reminders step at 5,000 ready plans on a SQLite file, as it runs at the end of every cycle,
 * posting to a local webhook receiver: the first cycle of a day (every reminder due that day sent,
 * each claimed and settled), the next cycles of the day (nothing new: one plan query, one ledger
 * query), and the same with no channel on (the step returns at once). Medians of RUNS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../../service/src/domain/dates.js';
import { zonedClock } from '../../service/src/domain/clock.js';
import { webhookChannel } from '../../service/src/reminders/channels.js';
import { sendReminders, type ReminderOptions } from '../../service/src/reminders/send-reminders.js';
import { openSqliteStore } from '../../service/src/store/sqlite.js';
import { newPlan } from '../contracts/store-fixtures.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

const PLANS = 5000;
const RUNS = 5;
const TODAY = '2026-12-20';

export default async function remindersBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'coaching-reminders-bench-'));
  const store = await openSqliteStore({ file: join(dir, 'plans.sqlite') });
  const receiver = await startWebhookReceiver();
  try {
    // Plans started over the last 30 days, weekly check-ins, every other one with an entry a week.
    for (let n = 0; n < PLANS; n++) {
      const start = addDays(TODAY, -(n % 30));
      await store.insertPlan(
        newPlan(n, { id: `plan-${n}`, startDate: start, endDate: addDays(start, 30), createdAt: `2026-11-01T00:00:${String(n % 60).padStart(2, '0')}.000Z` }),
        null,
      );
      await store.markReady(`plan-${n}`, { docId: `doc-${n}`, docUrl: `https://docs.test/${n}`, sharing: { state: 'ok', checkedAt: null, issues: [] } }, []);
      const entries = n % 2 === 0 ? [1, 8, 15, 22].map((d) => ({ date: addDays(start, d), text: 'private progress' })) : [];
      await store.recordPoll({
        planId: `plan-${n}`,
        at: '2026-12-20T06:00:00.000Z',
        parsed: { activities: [], progressEntries: entries, warnings: [] },
        pollError: null,
        audit: [],
      });
    }
    const clock = zonedClock('UTC', () => new Date(`${TODAY}T09:00:00Z`));
    const deps = { store, clock, log: () => {} };
    const options: ReminderOptions = {
      rules: { leadDays: 1, graceDays: 2, escalateAtMissed: 2 },
      channels: [webhookChannel(receiver.url, fetch)],
      dashboardUrl: 'http://localhost:8787',
    };
    const timed = async (run: () => Promise<unknown>) => {
      const t0 = performance.now();
      const result = await run();
      return { ms: performance.now() - t0, result };
    };
    const first = await timed(() => sendReminders(deps, options));
    const again: number[] = [];
    for (let run = 0; run < RUNS; run++) again.push((await timed(() => sendReminders(deps, options))).ms);
    const off: number[] = [];
    for (let run = 0; run < RUNS; run++) off.push((await timed(() => sendReminders(deps, { ...options, channels: [] }))).ms);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
    console.log(`${PLANS} ready plans on SQLite; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores\n`);
    console.log('| reminders step | ms | sent |');
    console.log('|---|---|---|');
    console.log(`| first cycle of the day (webhook) | ${first.ms.toFixed(0)} | ${JSON.stringify(first.result)} (${receiver.received.length} posts received) |`);
    console.log(`| later cycles that day (median of ${RUNS}) | ${median(again).toFixed(0)} (max ${Math.max(...again).toFixed(0)}) | 0 new |`);
    console.log(`| no channel on (median of ${RUNS}) | ${median(off).toFixed(2)} | - |`);
  } finally {
    await receiver.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
