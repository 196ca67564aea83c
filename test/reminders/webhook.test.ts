/**
 * Reminders through the Slack-compatible webhook (NOTIFY_WEBHOOK_URL), posted to a local HTTP
 * receiver: every kind, once; a receiver that is down gets it in a later cycle; the poll goes on.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestService, PEOPLE, planBody, type TestService } from '../support/app.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { Clock, createPlan, pollAt, runMonth } from './scenario.js';

let receiver: WebhookReceiver;
let service: TestService;
const clock = new Clock();

beforeEach(async () => {
  receiver = await startWebhookReceiver();
  service = await makeTestService({ NOTIFY_WEBHOOK_URL: receiver.url }, undefined, { now: clock.now });
});
afterEach(async () => {
  await service.close();
  await receiver.close();
});

describe('reminders by webhook', () => {
  it('posts each kind once, as JSON with `text`, naming who it is for, and writes each to the audit', async () => {
    const planId = await runMonth(service, clock, () => receiver.received.map((body) => ({ to: '*', text: body.text })), 'room');
    expect(receiver.requests.every((r) => r.method === 'POST' && r.contentType === 'application/json' && r.status === 200)).toBe(true);
    expect(receiver.received[0]?.text).toContain('For: Ana (team member), Ben (manager)');
    expect(receiver.received.find((m) => m.text.includes('2 missed'))?.text).toContain("For: Ben (manager), Cy (manager's manager)");
    const audit = (await service.call('GET', `/api/plans/${planId}`, { as: 'hr' })).json.plan.audit as { kind: string; message: string }[];
    const sent = audit.filter((event) => event.kind === 'reminder.sent');
    expect(sent.map((event) => event.message)).toEqual([
      'Reminder (check-in due 2026-12-08) sent by webhook (to its room)',
      'Reminder (check-in missed 2026-12-08) sent by webhook (to its room)',
      'Reminder (check-in due 2026-12-22) sent by webhook (to its room)',
      'Reminder (check-in missed 2026-12-22) sent by webhook (to its room)',
      'Reminder (check-in due 2026-12-29) sent by webhook (to its room)',
      'Reminder (plan ends 2026-12-31) sent by webhook (to its room)',
      'Reminder (check-in missed 2026-12-29) sent by webhook (to its room)',
    ]);
  });

  it('tries a reminder the receiver refused again in the next cycle, without holding up the poll', async () => {
    clock.set('2026-12-01T09:00:00Z');
    const planId = await createPlan(service);
    receiver.failNext(1);
    const first = await pollAt(service, clock, '2026-12-07T09:00:00Z');
    expect(first).toMatchObject({ polled: 1, errors: 0 });
    expect(receiver.received).toEqual([]);
    expect(service.logs.some((line) => line.includes('failed, to be tried again next cycle: [webhook] the webhook answered 500'))).toBe(true);
    // The secret URL is never in a log line.
    expect(service.logs.join('\n')).not.toContain('/services/T000');

    await pollAt(service, clock, '2026-12-07T09:05:00Z');
    await pollAt(service, clock, '2026-12-07T09:10:00Z');
    expect(receiver.requests.map((r) => r.status)).toEqual([500, 200]);
    const kinds = ((await service.call('GET', `/api/plans/${planId}`, { as: 'hr' })).json.plan.audit as { kind: string }[]).map((e) => e.kind);
    expect(kinds.filter((kind) => kind.startsWith('reminder.'))).toEqual(['reminder.failed', 'reminder.sent']);
  });

  it('escapes mentions in names, so a name cannot ping the whole channel', async () => {
    clock.set('2026-12-01T09:00:00Z');
    const body = planBody('2026-12-01', {
      teamMember: { email: PEOPLE.teamMember.email, name: 'Ana <!channel>' },
      manager: { email: PEOPLE.manager.email, name: '@here Ben <@U024BE7LH>' },
    });
    expect((await service.call('POST', '/api/plans', { as: 'manager', body })).status).toBe(201);
    await pollAt(service, clock, '2026-12-07T09:00:00Z');
    const text = receiver.received[0]?.text ?? '';
    expect(text).toContain('Ana &lt;!channel&gt;');
    expect(text).toContain('@\u200bhere Ben &lt;@\u200bU024BE7LH&gt;');
    for (const mention of ['<!channel>', '<@U024BE7LH>', '@here']) expect(text).not.toContain(mention);
  });
});

describe('reminders by webhook, NOTIFY_WEBHOOK_MESSAGE=minimal', () => {
  it('name no one and link to the dashboard; the audit still says what was sent', async () => {
    await service.close();
    service = await makeTestService({ NOTIFY_WEBHOOK_URL: receiver.url, NOTIFY_WEBHOOK_MESSAGE: 'minimal', PUBLIC_URL: 'https://plans.acme.test' }, undefined, { now: clock.now });
    clock.set('2026-12-01T09:00:00Z');
    const planId = await createPlan(service);
    await pollAt(service, clock, '2026-12-07T09:00:00Z');
    expect(receiver.received).toHaveLength(1);
    const text = receiver.received[0]?.text ?? '';
    expect(text).toContain('https://plans.acme.test/');
    for (const named of ['Ana', 'Ben', 'Cy', 'Coaching plan:', '2026-12-08', planId]) expect(text).not.toContain(named);
    const audit = (await service.call('GET', `/api/plans/${planId}`, { as: 'hr' })).json.plan.audit as { kind: string }[];
    expect(audit.filter((event) => event.kind === 'reminder.sent')).toHaveLength(1);
  });
});
