/**
 * Plan text is written by people (a manager's form, anyone's edits to the document) and read by
 * everybody else, HR above all, whose session sees every plan. Whatever they type must reach the
 * dashboard's HTML as text, never as markup: one script in HR's page could read every plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detailHtml } from '../../dashboard/src/lib/detail-view.js';
import { rowHtml } from '../../dashboard/src/lib/overview-table.js';
import { type TestService, isoToday, makeTestService, planBody } from '../support/app.js';

const PAYLOAD = '<img src=x onerror=alert(1)>';
let service: TestService;
let planId: string;

beforeAll(async () => {
  service = await makeTestService();
  const body = planBody(isoToday(-3), {
    developmentArea: `Area ${PAYLOAD}`,
    currentState: `Now ${PAYLOAD}`,
    goalState: `Goal ${PAYLOAD}`,
    supportAssets: `Help ${PAYLOAD}`,
    activities: [{ title: `Read ${PAYLOAD}`, owner: `Ana ${PAYLOAD}` }],
  });
  body.teamMember = { email: 'ana@acme.test', name: `Ana ${PAYLOAD}` };
  const created = await service.call('POST', '/api/plans', { as: 'manager', body });
  expect(created.status).toBe(201);
  planId = created.json.plan.id;

  // The team member edits the document: markup in the Due, Status and progress cells.
  const doc = await service.call('GET', `/api/plans/${planId}/document`, { as: 'teamMember' });
  const markdown = (doc.json.markdown as string)
    .replace(/\| Read .*\|\n/, `| Write ${PAYLOAD} | Ana | ${PAYLOAD} | ${PAYLOAD} |\n| Plan | Ana | <svg onload=alert(2)> | Done |\n| Bold | Ana | <b>x-12-03 | Done |\n`)
    .concat(`| ${isoToday(-1)} | Met ${PAYLOAD} | Ana ${PAYLOAD} |\n`);
  const saved = await service.call('PUT', `/api/plans/${planId}/document`, { as: 'teamMember', body: { markdown, baseVersion: doc.json.version } });
  expect(saved.status).toBe(200);
});
afterAll(async () => service.close());

/** Every element the rendered HTML would create: none may come from what people typed. */
function tags(html: string): string[] {
  return [...html.matchAll(/<([a-z][a-z0-9-]*)/gi)].map((m) => m[1]!.toLowerCase());
}

describe("what people type in a plan stays text on HR's dashboard", () => {
  it('the plan detail page', async () => {
    const res = await service.call('GET', `/api/plans/${planId}`, { as: 'hr' });
    expect(res.json.plan.activities.some((a: { due?: string }) => a.due === PAYLOAD)).toBe(true);
    const html = detailHtml(res.json.plan);
    expect(tags(html)).not.toContain('img');
    expect(tags(html)).not.toContain('svg');
    expect(tags(html)).not.toContain('b');
    expect(html).not.toMatch(/<[^>]*\sonerror=/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('the overview row', async () => {
    const res = await service.call('GET', '/api/dashboard', { as: 'hr' });
    const plan = res.json.plans.find((p: { id: string }) => p.id === planId);
    const html = rowHtml(plan!);
    expect(tags(html)).not.toContain('img');
    expect(html).not.toMatch(/<[^>]*\sonerror=/i);
  });
});
