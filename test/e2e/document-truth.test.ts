/**
 * The document is the truth: what people write in the development area and goal state sections is
 * what the plan shows (the form's words only where the document is silent), and an activity marked
 * Done keeps the date it was first read as Done, on the plan and in its record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestService, isoToday, makeTestService, planBody } from '../support/app.js';

let service: TestService;
beforeAll(async () => {
  service = await makeTestService();
});
afterAll(async () => service.close());

async function edit(planId: string, change: (markdown: string) => string) {
  const doc = await service.call('GET', `/api/plans/${planId}/document`, { as: 'teamMember' });
  const saved = await service.call('PUT', `/api/plans/${planId}/document`, {
    as: 'teamMember',
    body: { markdown: change(doc.json.markdown as string), baseVersion: doc.json.version },
  });
  expect(saved.status).toBe(200);
  const polled = await service.call('POST', `/api/plans/${planId}/poll`, { as: 'manager' });
  expect(polled.status).toBe(200);
  return polled.json.plan;
}

describe('the plan as its document says it', () => {
  it('shows the rewritten development area and goal state, and dates an activity marked Done', async () => {
    const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday(-3)) });
    const id: string = created.json.plan.id;
    const plan = await edit(id, (md) =>
      md
        .replace('Stakeholder communication', 'Writing for executives')
        .replace(/Within 30 days, send a weekly written update to stakeholders every Friday\./, 'By the end date, a one-page weekly update the VP reads.')
        .replace(/\| Shadow two customer calls \| Ana \| (\S+) \| Not started \|/, '| Shadow two customer calls | Ana | $1 | Done |'),
    );
    expect(plan.developmentArea).toBe('Writing for executives');
    expect(plan.goalState).toBe('By the end date, a one-page weekly update the VP reads.');
    expect(plan.currentState).toBe('Status updates are irregular and stakeholders learn about slips late.');
    expect(plan.activities[0]).toMatchObject({ title: 'Shadow two customer calls', status: 'done', doneOn: isoToday() });
    expect(plan.activities[1]?.doneOn).toBeUndefined();
    // The overview's rows say it too.
    const rows = (await service.call('GET', '/api/plans', { as: 'manager' })).json.plans;
    expect(rows.find((row: { id: string }) => row.id === id)?.developmentArea).toBe('Writing for executives');
    const record = (await service.call('GET', `/api/plans/${id}/record?format=md`, { as: 'teamMember' })).text;
    expect(record).toContain(`| Shadow two customer calls | Ana | ${isoToday(-3)} | Done | ${isoToday()} |`);
    expect(record).toContain('## Goal state\n\nBy the end date, a one-page weekly update the VP reads.');
  });

  it("keeps the form's words for a part whose section people removed", async () => {
    const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday(-3)) });
    const plan = await edit(created.json.plan.id, (md) => md.replace(/## Development area\n\nStakeholder communication\n/, ''));
    expect(plan.developmentArea).toBe('Stakeholder communication');
  });
});

describe('an activity renamed after it was Done', () => {
  it('keeps the date it was first read as Done, on the plan and in its record', async () => {
    let now = new Date();
    const moving = await makeTestService({}, undefined, { now: () => now });
    try {
      const created = await moving.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday(-3)) });
      const id: string = created.json.plan.id;
      const editAndPoll = async (change: (markdown: string) => string) => {
        const doc = await moving.call('GET', `/api/plans/${id}/document`, { as: 'teamMember' });
        const saved = await moving.call('PUT', `/api/plans/${id}/document`, {
          as: 'teamMember',
          body: { markdown: change(doc.json.markdown as string), baseVersion: doc.json.version },
        });
        expect(saved.status).toBe(200);
        return (await moving.call('POST', `/api/plans/${id}/poll`, { as: 'manager' })).json.plan;
      };
      const done = await editAndPoll((md) => md.replace(/\| Shadow two customer calls \| Ana \| (\S+) \| Not started \|/, '| Shadow two customer calls | Ana | $1 | Done |'));
      const doneOn = done.activities[0]?.doneOn as string;
      expect(doneOn).toBe(isoToday());
      // Two days later the team member fixes the activity's wording in the same row.
      now = new Date(now.getTime() + 2 * 86_400_000);
      const renamed = await editAndPoll((md) => md.replace('| Shadow two customer calls |', '| Shadow two customer calls with Ben |'));
      expect(renamed.activities[0]).toMatchObject({ title: 'Shadow two customer calls with Ben', status: 'done', doneOn });
      const record = (await moving.call('GET', `/api/plans/${id}/record?format=md`, { as: 'teamMember' })).text;
      expect(record).toContain(`| Shadow two customer calls with Ben | Ana | ${isoToday(-3)} | Done | ${doneOn} |`);
    } finally {
      await moving.close();
    }
  });
});

describe('adjustments after agreement', () => {
  it('records each change to the goal state or the activities once, as plan.adjusted, and lists them in the record', async () => {
    const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday(-3)) });
    const id: string = created.json.plan.id;
    // Before agreement the plan is still being shaped: a change is no adjustment.
    await edit(id, (md) => md.replace('| Draft a status update template | Ana |', '| Draft a status update template | Ben |'));
    for (const person of ['teamMember', 'manager'] as const) expect((await service.call('POST', `/api/plans/${id}/agree`, { as: person })).status).toBe(200);
    const adjusted = async () => (await service.store.listAudit(id)).filter((e) => e.kind === 'plan.adjusted').map((e) => e.message);
    expect(await adjusted()).toEqual([]);

    await edit(id, (md) =>
      md
        .replace('Within 30 days, send a weekly written update to stakeholders every Friday.', 'Within 30 days, a weekly update every Friday that the VP reads.')
        .replace(/(\| Draft a status update template \| Ben \|)\s+\|/, '$1 2026-12-24 |')
        .replace('| Draft a status update template', '| Present at the all-hands | Ana | | Not started |\n| Draft a status update template'),
    );
    expect(await adjusted()).toEqual([
      'In the document: Goal state changed from "Within 30 days, send a weekly written update to stakeholders every Friday." to "Within 30 days, a weekly update every Friday that the VP reads.".',
      'In the document: Activity added: "Present at the all-hands".',
      'In the document: Activity "Draft a status update template": due (none) to 2026-12-24.',
    ]);
    // Read again with nothing changed: nothing more.
    await service.call('POST', `/api/plans/${id}/poll`, { as: 'manager' });
    expect(await adjusted()).toHaveLength(3);
    // The four see them in the plan's audit, and the record lists them.
    const audit = (await service.call('GET', `/api/plans/${id}`, { as: 'teamMember' })).json.plan.audit;
    expect(audit.filter((e: { kind: string }) => e.kind === 'plan.adjusted')).toHaveLength(3);
    const record = (await service.call('GET', `/api/plans/${id}/record?format=md`, { as: 'teamMember' })).text;
    expect(record).toContain('## Adjustments');
    expect(record).toContain('Activity added: "Present at the all-hands".');
    expect(record).toMatch(/Ana \(team member\) agreed on \d{4}-\d{2}-\d{2}\./);
  });

  it("keeps a draft's record from its team member, as the plan itself", async () => {
    const created = await service.call('POST', '/api/plans', { as: 'manager', body: { ...planBody(isoToday(2)), draft: true } });
    expect(created.status).toBe(201);
    const id: string = created.json.plan.id;
    expect((await service.call('GET', `/api/plans/${id}/record`, { as: 'teamMember' })).status).toBe(404);
    const record = await service.call('GET', `/api/plans/${id}/record?format=md`, { as: 'managersManager' });
    expect(record.status).toBe(200);
    expect(record.text).toContain('stage: draft');
    expect(record.text).toContain('No alignment recorded');
  });
});
