/**
 * One plan's month, as reminders see it, shared by the channel tests (webhook, Gmail, SMTP): the
 * service's clock is moved day by day, `POST /api/poll` runs a cycle, and each step says which
 * reminders arrived. The plan starts 2026-12-01 with a weekly cadence: check-ins are due 12-08,
 * 12-15, 12-22 and 12-29; it ends 12-31.
 */
import { expect } from 'vitest';
import { PEOPLE, planBody, type TestService } from '../support/app.js';

/** A message as a channel delivered it: `to` an email, or `*` for a room (the webhook). */
export interface Arrived {
  to: string;
  text: string;
}

/** Text of the plan that must never leave in a reminder: everything but the name, title, dates and link. */
export const SECRET_PROGRESS = 'Told the VP about the reorg rumour';
/** The closing note is plan text too: the close notice names the outcome, never the note. */
export const SECRET_NOTE = 'Ana asked for a transfer after the reorg';
export function planTexts(): string[] {
  const body = planBody('2026-12-01');
  return [body.developmentArea, body.currentState, body.goalState, body.supportAssets, ...body.activities.map((a) => a.title), SECRET_PROGRESS, SECRET_NOTE];
}

export class Clock {
  ms = Date.parse('2026-12-01T09:00:00Z');
  now = () => new Date(this.ms);
  set(iso: string) {
    this.ms = Date.parse(iso);
  }
}

export async function createPlan(service: TestService): Promise<string> {
  const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01') });
  expect(created.status).toBe(201);
  return created.json.plan.id as string;
}

/** The team member adds a progress entry dated `date` to the document. */
export async function addEntry(service: TestService, planId: string, date: string, text = SECRET_PROGRESS): Promise<void> {
  const doc = await service.call('GET', `/api/plans/${planId}/document`, { as: 'teamMember' });
  const markdown = `${(doc.json.markdown as string).trimEnd()}\n| ${date} | ${text} | Ana |\n`;
  const saved = await service.call('PUT', `/api/plans/${planId}/document`, { as: 'teamMember', body: { markdown, baseVersion: doc.json.version } });
  expect(saved.status).toBe(200);
}

export async function pollAt(service: TestService, clock: Clock, iso: string) {
  clock.set(iso);
  const polled = await service.call('POST', '/api/poll', { as: 'hr' });
  expect(polled.status).toBe(200);
  return polled.json as { polled: number; changed: number; errors: number };
}

const { teamMember: ana, manager: ben, managersManager: cy } = PEOPLE;

/**
 * The month, step by step; `arrived()` lists every message delivered so far. Each step expects
 * exactly the new arrivals: per person for email channels, one per reminder for a room.
 */
export async function runMonth(service: TestService, clock: Clock, arrived: () => Arrived[], reaches: 'person' | 'room'): Promise<string> {
  clock.set('2026-12-01T09:00:00Z');
  const planId = await createPlan(service);
  let seen = 0;
  const step = async (iso: string, people: string[], says: string) => {
    await pollAt(service, clock, iso);
    const fresh = arrived().slice(seen);
    seen = arrived().length;
    if (reaches === 'room') {
      expect(
        fresh.map((m) => m.to),
        iso,
      ).toEqual(people.length > 0 ? ['*'] : []);
    } else {
      expect(fresh.map((m) => m.to).sort(), iso).toEqual([...people].sort());
    }
    for (const message of fresh) expect(message.text, iso).toContain(says);
  };

  await step('2026-12-06T09:00:00Z', [], '');
  await step('2026-12-07T09:00:00Z', [ana.email, ben.email], 'Check-in due 2026-12-08');
  // Again the same day, and the day itself: sent once.
  await step('2026-12-07T15:00:00Z', [], '');
  await step('2026-12-08T09:00:00Z', [], '');
  await step('2026-12-11T09:00:00Z', [ben.email], 'Check-in missed (due 2026-12-08)');
  // The check-in of 12-15 is met before its reminder's day: no reminder for it.
  await addEntry(service, planId, '2026-12-13');
  await step('2026-12-14T09:00:00Z', [], '');
  await step('2026-12-21T09:00:00Z', [ana.email, ben.email], 'Check-in due 2026-12-22');
  // The second miss: the manager's manager is told too (OFF_TRACK_MISSED_CHECKINS, 2).
  await step('2026-12-25T09:00:00Z', [ben.email, cy.email], '2 missed check-ins so far');
  await step('2026-12-28T09:00:00Z', [ana.email, ben.email], 'Check-in due 2026-12-29');
  await step('2026-12-31T09:00:00Z', [ben.email], 'Plan ends 2026-12-31');
  // The last check-in's grace is over after the end date: still told, while the plan is open.
  await step('2027-01-01T09:00:00Z', [ben.email, cy.email], '3 missed check-ins so far');
  const closed = await service.call('POST', `/api/plans/${planId}/close`, { as: 'manager', body: { outcome: 'achieved', note: SECRET_NOTE } });
  expect(closed.status).toBe(200);
  // The close is told to the four, at once and once: names and the outcome, not the note.
  const told = arrived().slice(seen);
  seen = arrived().length;
  expect(told.map((m) => m.to).sort()).toEqual(reaches === 'room' ? ['*'] : [ana.email, ben.email, cy.email, PEOPLE.hr.email].sort());
  for (const message of told) {
    expect(message.text).toContain('Plan closed (Achieved)');
    expect(message.text).toContain("Ana's coaching plan was closed on 2027-01-01 by Ben (manager). Outcome: Achieved.");
    expect(message.text).not.toContain(SECRET_NOTE);
  }
  // A closed plan gets nothing.
  await step('2027-01-05T09:00:00Z', [], '');

  for (const message of arrived()) {
    for (const text of planTexts()) expect(message.text).not.toContain(text);
    expect(message.text).toContain('Coaching plan: Ana, Dec 2026');
    expect(message.text).toContain(`/docs/${planId}`);
  }
  return planId;
}
