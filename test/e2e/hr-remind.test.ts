/**
 * HR's reminder about a missed check-in from the plan page (issue 22.7): through the configured
 * channels to the team member and the manager, once a day at most, audited with who asked, with no
 * plan text; refused (and nothing sent) for anyone but HR, with no check-in missed, or no channel.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ReminderChannel } from '../../service/src/reminders/channels.js';
import type { ReminderMessage } from '../../service/src/reminders/message.js';
import { isoToday, makeTestService, planBody, type TestService } from '../support/app.js';

let service: TestService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

function recordingChannel(): ReminderChannel & { sent: ReminderMessage[] } {
  const sent: ReminderMessage[] = [];
  return { name: 'gmail', reaches: 'person', requests: 0, sent, send: async (message) => void sent.push(message) };
}

/** A plan that started 20 days ago with no progress entry: the day-7 and day-14 check-ins are missed. */
async function missedPlan(s: TestService, start = isoToday(-20)): Promise<string> {
  const created = await s.call('POST', '/api/plans', { as: 'manager', body: planBody(start, { developmentArea: 'Secret area words' }) });
  expect(created.status).toBe(201);
  return created.json.plan.id;
}

describe('POST /api/plans/{id}/remind', () => {
  it('HR reminds the team member and the manager once a day; the audit says who asked; no plan text', async () => {
    const channel = recordingChannel();
    service = await makeTestService({}, undefined, { reminderChannels: [channel] });
    const id = await missedPlan(service);
    const first = await service.call('POST', `/api/plans/${id}/remind`, { as: 'hr' });
    expect(first.status).toBe(200);
    expect(first.json.sent.sort()).toEqual(['ana@acme.test by gmail', 'ben@acme.test by gmail']);
    expect(channel.sent.map((m) => m.to?.email).sort()).toEqual(['ana@acme.test', 'ben@acme.test']);
    expect(channel.sent[0]?.subject).toMatch(/^Check-in missed: Coaching plan: Ana, /);
    expect(channel.sent[0]?.text).toContain('2 missed so far');
    expect(JSON.stringify(channel.sent)).not.toContain('Secret area words');
    const asked = (first.json.plan.audit as { kind: string; actor: string; message: string }[]).filter((e) => e.kind === 'reminder.requested');
    expect(asked).toHaveLength(1);
    expect(asked[0]?.actor).toBe('hr@acme.test');

    const again = await service.call('POST', `/api/plans/${id}/remind`, { as: 'hr' });
    expect(again.status).toBe(409);
    expect(again.error?.message).toMatch(/one a day at most/);
    expect(channel.sent).toHaveLength(2);
  });

  it("is HR only: 403 for the plan's manager, 404 for a stranger; nothing sent", async () => {
    const channel = recordingChannel();
    service = await makeTestService({}, undefined, { reminderChannels: [channel] });
    const id = await missedPlan(service);
    const manager = await service.call('POST', `/api/plans/${id}/remind`, { as: 'manager' });
    expect(manager.status).toBe(403);
    expect(manager.error?.code).toBe('forbidden');
    expect((await service.call('POST', `/api/plans/${id}/remind`, { as: 'stranger' })).status).toBe(404);
    expect(channel.sent).toEqual([]);
  });

  it('refuses with nothing missed, or with no channel to send through', async () => {
    const channel = recordingChannel();
    service = await makeTestService({}, undefined, { reminderChannels: [channel] });
    const fresh = await missedPlan(service, isoToday(-2));
    const nothing = await service.call('POST', `/api/plans/${fresh}/remind`, { as: 'hr' });
    expect(nothing.status).toBe(409);
    expect(nothing.error?.message).toMatch(/nothing to remind about/);
    await service.close();

    service = await makeTestService();
    const id = await missedPlan(service);
    const none = await service.call('POST', `/api/plans/${id}/remind`, { as: 'hr' });
    expect(none.status).toBe(409);
    expect(none.error?.message).toMatch(/No reminder channel/);
    expect(channel.sent).toEqual([]);
  });
});
