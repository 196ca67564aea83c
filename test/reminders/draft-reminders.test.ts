/**
 * Reminders and a draft: the manager's manager is told once that a draft awaits their alignment,
 * by a channel that reaches them alone; a room (the webhook) hears nothing of a draft, and neither
 * does the team member, even when the draft's dates say a check-in or the end is due. Once shared,
 * the plan's reminders are the usual ones.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReminderMessage } from '../../service/src/reminders/message.js';
import { makeTestService, planBody, type TestService } from '../support/app.js';
import { Clock, pollAt } from './scenario.js';

const clock = new Clock();
let service: TestService;
let mails: ReminderMessage[];
let room: ReminderMessage[];

beforeEach(async () => {
  mails = [];
  room = [];
  clock.set('2026-12-01T09:00:00Z');
  service = await makeTestService({}, undefined, {
    now: clock.now,
    reminderChannels: [
      { name: 'mail', reaches: 'person', requests: 0, send: async (message) => void mails.push(message) },
      { name: 'room', reaches: 'room', requests: 0, send: async (message) => void room.push(message) },
    ],
  });
});
afterEach(async () => service.close());

describe('reminders of a draft', () => {
  it("tell the manager's manager once, by email only, and nobody else, until it is aligned", async () => {
    const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01', { draft: true }) });
    const id = created.json.plan.id as string;
    // Past a check-in's due date and grace, and past the end: a shared plan would have had several reminders.
    for (const day of ['2026-12-01', '2026-12-07', '2026-12-12', '2027-01-02']) await pollAt(service, clock, `${day}T09:00:00Z`);
    expect(room).toEqual([]);
    expect(mails.map((m) => [m.to?.email, m.subject])).toEqual([['cy@acme.test', 'A draft coaching plan awaits your alignment (Coaching plan: Ana, Dec 2026)']]);
    expect(mails[0]?.text).toContain('Ana has not been told of it.');
    const audit = (await service.call('GET', `/api/plans/${id}`, { as: 'hr' })).json.plan.audit as { kind: string; message: string }[];
    expect(audit.filter((e) => e.kind === 'reminder.sent').map((e) => e.message)).toEqual(['Reminder (draft awaits alignment 2026-12-01) sent to cy@acme.test by mail']);

    // Aligned and shared (its start passed: it starts today), it gets the reminders of a running plan.
    await service.call('POST', `/api/plans/${id}/align`, { as: 'managersManager' });
    const shared = await service.call('POST', `/api/plans/${id}/share`, { as: 'manager' });
    expect(shared.json.plan.startDate).toBe('2027-01-02');
    await pollAt(service, clock, '2027-01-08T09:00:00Z');
    expect(mails.slice(1).map((m) => [m.to?.email, m.subject.split(':')[0]])).toEqual([
      ['ana@acme.test', 'Check-in due 2027-01-09'],
      ['ben@acme.test', 'Check-in due 2027-01-09'],
    ]);
    expect(room.map((m) => m.subject.split(':')[0])).toEqual(['Check-in due 2027-01-09']);
  });
});
