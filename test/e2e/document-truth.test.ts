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
  const saved = await service.call('PUT', `/api/plans/${planId}/document`, { as: 'teamMember', body: { markdown: change(doc.json.markdown as string), baseVersion: doc.json.version } });
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
    expect(plan.activities[1].doneOn).toBeUndefined();
    // The overview's rows say it too.
    const rows = (await service.call('GET', '/api/plans', { as: 'manager' })).json.plans;
    expect(rows.find((row: { id: string }) => row.id === id).developmentArea).toBe('Writing for executives');
    const record = (await service.call('GET', `/api/plans/${id}/record?format=md`, { as: 'teamMember' })).text;
    expect(record).toContain(`| Shadow two customer calls | Ana | ${isoToday(-3)} | Done | ${isoToday()} |`);
    expect(record).toContain('## Goal state\n\nBy the end date, a one-page weekly update the VP reads.');
  });

  it('keeps the form\'s words for a part whose section people removed', async () => {
    const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday(-3)) });
    const plan = await edit(created.json.plan.id, (md) => md.replace(/## Development area\n\nStakeholder communication\n/, ''));
    expect(plan.developmentArea).toBe('Stakeholder communication');
  });
});
