/**
 * A create's answer says who was told and how (issue 22.7), and it is true: on Google, the people
 * named as emailed are exactly those the Drive fake sent a notification to; a local document tells
 * nobody, and the answer says so; the reminder channels turned on are named.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReminderChannel } from '../../service/src/reminders/channels.js';
import { makeTestService, planBody } from '../support/app.js';
import { googleWorld, serviceOnGoogle } from './world.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const quietRoom: ReminderChannel = { name: 'webhook', reaches: 'room', requests: 0, send: async () => undefined };

describe('who a create told', () => {
  it('on Google: the four, by Drive email, exactly as Drive sent them', async () => {
    const world = await googleWorld(server);
    const service = await serviceOnGoogle(world);
    const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01') });
    expect(created.status).toBe(201);
    const told = created.json.notified as { people: { email: string; by: string }[]; reminderChannels: string[] };
    expect(told.people.every((person) => person.by === 'drive_email')).toBe(true);
    const emailed = world.fake.state.notifications.filter((n) => n.fileId === created.json.plan.docUrl?.match(/d\/([^/]+)/)?.[1]).map((n) => n.to);
    expect(told.people.map((person) => person.email).sort()).toEqual([...new Set(emailed)].sort());
    expect(told.people).toHaveLength(4);
    expect(told.reminderChannels).toEqual([]);
  });

  it('a local document: nobody, and the reminder channels that will carry what follows', async () => {
    const service = await makeTestService({}, undefined, { reminderChannels: [quietRoom] });
    const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01') });
    expect(created.status).toBe(201);
    expect(created.json.notified).toEqual({ people: [], reminderChannels: ['webhook'] });
  });
});
