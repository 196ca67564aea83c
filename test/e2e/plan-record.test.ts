/**
 * GET /api/plans/{id}/record: the printable record (HTML, no script, plan text escaped) and its
 * Markdown twin, for the four and HR only, HR outside the plan audited; built from what is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestService, PEOPLE, isoToday, makeTestService, planBody } from '../support/app.js';

let service: TestService;
let planId: string;
const HOSTILE = '<script>alert(1)</script> | pipes & "quotes"';

beforeAll(async () => {
  // Dan is HR too, and no party of the plan: his reads are the ones audited.
  service = await makeTestService({ HR_EMAILS: `${PEOPLE.hr.email},${PEOPLE.otherManager.email}` });
  const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday(-10), { goalState: `Weekly updates ${HOSTILE}` }) });
  planId = created.json.plan.id;
  const doc = await service.call('GET', `/api/plans/${planId}/document`, { as: 'teamMember' });
  const markdown = `${(doc.json.markdown as string).trimEnd()}\n| ${isoToday(-6)} | Shadowed a call ${HOSTILE.replace(/\|/g, '\\|')} | Ana |\n`;
  expect((await service.call('PUT', `/api/plans/${planId}/document`, { as: 'teamMember', body: { markdown, baseVersion: doc.json.version } })).status).toBe(200);
  expect((await service.call('POST', `/api/plans/${planId}/poll`, { as: 'manager' })).status).toBe(200);
});
afterAll(async () => service.close());

describe('the record of a plan', () => {
  it('is a printable page with the seven parts, activities, progress, check-ins met or missed, and no script', async () => {
    const res = await service.call('GET', `/api/plans/${planId}/record`, { as: 'manager' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    expect(res.headers.get('cache-control')).toBe('no-store');
    for (const heading of [
      'Development area',
      'Current state',
      'Goal state',
      'Activities',
      'Timeline',
      'Support assets',
      'Update cadence',
      'Progress log',
      'Check-ins',
      'Alignment and agreement',
      'Adjustments',
      'Outcome',
    ]) {
      expect(res.text).toContain(`<h2>${heading}</h2>`);
    }
    expect(res.text).toContain('Shadow two customer calls');
    expect(res.text).toContain(`<td>${isoToday(-6)}</td>`);
    // The first check-in (day 7) was met by the entry of day 4.
    expect(res.text).toMatch(/<td>\d{4}-\d{2}-\d{2}<\/td><td>met<\/td><td>\d{4}-\d{2}-\d{2}<\/td>/);
    expect(res.text).not.toContain('<script>');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).not.toMatch(/<script|\son\w+=/i);
  });

  it('comes as Markdown with ?format=md, table cells kept whole', async () => {
    const res = await service.call('GET', `/api/plans/${planId}/record?format=md`, { as: 'teamMember' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(res.text).toContain('## Progress log');
    expect(res.text).toContain(`| ${isoToday(-6)} | Shadowed a call <script>alert(1)</script> \\| pipes & "quotes" | Ana |`);
    expect(res.text).toContain('| Shadow two customer calls | Ana |');
  });

  it("follows the plan's access rule, refuses an unknown format, and audits HR from outside the plan", async () => {
    expect((await service.call('GET', `/api/plans/${planId}/record`, { as: 'stranger' })).status).toBe(404);
    expect((await service.call('GET', `/api/plans/${planId}/record`)).status).toBe(401);
    expect((await service.call('GET', `/api/plans/${planId}/record?format=pdf`, { as: 'manager' })).status).toBe(400);
    const viewed = async () => (await service.store.listAudit(planId)).filter((e) => e.kind === 'plan.viewed').map((e) => e.actor);
    const before = await viewed();
    expect((await service.call('GET', `/api/plans/${planId}/record?format=md`, { as: 'hr' })).status).toBe(200);
    expect(await viewed()).toEqual(before);
    expect((await service.call('GET', `/api/plans/${planId}/record`, { as: 'otherManager' })).status).toBe(200);
    expect(await viewed()).toEqual([...before, PEOPLE.otherManager.email]);
  });

  it('holds the outcome, the note and who closed, once closed', async () => {
    const closed = await service.call('POST', `/api/plans/${planId}/close`, { as: 'manager', body: { outcome: 'partially_achieved', note: 'Moved to the platform team.' } });
    expect(closed.status).toBe(200);
    const md = (await service.call('GET', `/api/plans/${planId}/record?format=md`, { as: 'hr' })).text;
    expect(md).toContain(`Partially achieved, closed ${isoToday()} by ${PEOPLE.manager.email}.`);
    expect(md).toContain('Note: Moved to the platform team.');
    expect(md).toMatch(/- \d{4}-\d{2}-\d{2}, ben@acme.test: Closed early: partially achieved/);
  });
});
