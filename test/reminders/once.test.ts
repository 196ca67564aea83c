/**
 * Sent once whatever happens: across a restart (a second service on the same SQLite file), with two
 * services polling the same database at once, and when the service stops between claiming a
 * reminder and sending it (never sent twice; the plan's audit says it may not have gone out). And
 * "today" is the day in TIME_ZONE.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestService, type TestService } from '../support/app.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { Clock, createPlan, pollAt } from './scenario.js';

let receiver: WebhookReceiver;
let dataDir: string;
const open: TestService[] = [];
const clock = new Clock();

async function service(env: Record<string, string> = {}) {
  const started = await makeTestService({ NOTIFY_WEBHOOK_URL: receiver.url, ...env }, undefined, { now: clock.now, dataDir });
  open.push(started);
  return started;
}

beforeEach(async () => {
  receiver = await startWebhookReceiver();
  dataDir = mkdtempSync(join(tmpdir(), 'coaching-reminders-'));
  clock.set('2026-12-01T09:00:00Z');
});
afterEach(async () => {
  for (const started of open.splice(0)) await started.close();
  await receiver.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('reminders are sent once', () => {
  it('not again after a restart on the same database, nor by two services polling it at once', async () => {
    const first = await service();
    await createPlan(first);
    await pollAt(first, clock, '2026-12-07T09:00:00Z');
    expect(receiver.received).toHaveLength(1);
    await first.close();
    open.splice(open.indexOf(first), 1);

    const second = await service();
    await pollAt(second, clock, '2026-12-07T10:00:00Z');
    expect(receiver.received).toHaveLength(1);

    // The next reminder is due: two services on one file race for it; one wins.
    const third = await service();
    clock.set('2026-12-11T09:00:00Z');
    await Promise.all([second.call('POST', '/api/poll', { as: 'hr' }), third.call('POST', '/api/poll', { as: 'hr' })]);
    expect(receiver.received.map((m) => m.text.split('\n')[0])).toEqual([
      'Check-in due 2026-12-08: Coaching plan: Ana, Dec 2026',
      'Check-in missed (due 2026-12-08): Coaching plan: Ana, Dec 2026',
    ]);
  });

  it('never sends a reminder claimed by a service that stopped before sending it, and says so in the audit', async () => {
    const first = await service();
    const planId = await createPlan(first);
    clock.set('2026-12-07T09:00:00Z');
    // The service claims the delivery, then stops before the message leaves.
    expect(await first.store.claimReminderDelivery({ planId, kind: 'check_in_due', date: '2026-12-08', recipient: '*', channel: 'webhook' }, clock.now().toISOString())).toBe(true);
    await first.close();
    open.splice(open.indexOf(first), 1);

    const second = await service();
    await pollAt(second, clock, '2026-12-07T09:05:00Z');
    await pollAt(second, clock, '2026-12-07T09:30:00Z');
    await pollAt(second, clock, '2026-12-08T09:00:00Z');
    expect(receiver.requests).toEqual([]);
    const audit = (await second.call('GET', `/api/plans/${planId}`, { as: 'hr' })).json.plan.audit as { kind: string; message: string }[];
    expect(audit.filter((e) => e.kind.startsWith('reminder.'))).toMatchObject([
      {
        kind: 'reminder.unconfirmed',
        message: expect.stringContaining('was being sent at 2026-12-07T09:00:00.000Z when the service stopped; it may not have gone out and is not sent again'),
      },
    ]);
    expect((await second.store.listReminderDeliveries([planId])).map((d) => d.state)).toEqual(['unconfirmed']);
  });
});

describe('reminders keep to TIME_ZONE', () => {
  it('reminds on the lead day as it is in the zone, not in UTC', async () => {
    // 2026-12-07T03:00Z is still 12-06 in Los Angeles: the lead day of the 12-08 check-in has not come there.
    const la = await service({ TIME_ZONE: 'America/Los_Angeles' });
    await createPlan(la);
    await pollAt(la, clock, '2026-12-07T03:00:00Z');
    expect(receiver.received).toEqual([]);
    await pollAt(la, clock, '2026-12-07T09:00:00Z');
    expect(receiver.received).toHaveLength(1);
  });

  it('reminds a day earlier by UTC where the zone is ahead', async () => {
    // 2026-12-06T11:00Z is already 12-07 on Kiritimati (UTC+14), still 12-06 in UTC.
    const utc = await service();
    await createPlan(utc);
    await pollAt(utc, clock, '2026-12-06T11:00:00Z');
    expect(receiver.received).toEqual([]);
    await utc.close();
    open.splice(open.indexOf(utc), 1);
    const kiritimati = await service({ TIME_ZONE: 'Pacific/Kiritimati' });
    await pollAt(kiritimati, clock, '2026-12-06T11:00:00Z');
    expect(receiver.received.map((m) => m.text.split('\n')[0])).toEqual(['Check-in due 2026-12-08: Coaching plan: Ana, Dec 2026']);
  });
});
