/**
 * Google on workerd: the bundled googleapis clients inside the worker create a plan in the Google
 * fake (token request, the folder check, files.create with the document as a multipart upload,
 * the four grants), a cron invocation reads an edit, and the dashboard API shows the new status.
 */
import { expect, it } from 'vitest';
import { PEOPLE, isoToday, planBody } from '../support/app.js';
import { GOOGLE_OWNER, type WorkerWorld, call } from './worker-world.js';

const FOUR_AND_OWNER = [
  `${PEOPLE.teamMember.email}:writer`,
  `${PEOPLE.manager.email}:writer`,
  `${PEOPLE.managersManager.email}:commenter`,
  `${PEOPLE.hr.email}:commenter`,
  `${GOOGLE_OWNER}:owner`,
].sort();

/** Everyone the document is shared with, as `email:role`, read from the fake's own state. */
function grantsOn(world: WorkerWorld, fileId: string): string[] {
  const state = world.google.fake.state;
  return state
    .effectivePermissions(state.get(fileId))
    .map((p) => `${p.emailAddress ?? p.domain ?? p.type}:${p.role}`)
    .sort();
}

/** The document's text as the fake holds it. */
function documentText(world: WorkerWorld, fileId: string): string {
  return JSON.stringify(world.google.fake.state.documents.get(fileId)?.tabs ?? null);
}

export function googleOnWorkerCases(world: () => WorkerWorld) {
  it('creates a Google plan from workerd: the multipart upload arrives whole, shared with exactly the four', async () => {
    const w = world();
    const body = planBody(isoToday(-10), { provider: 'google', goalState: 'Within 30 days, send a weekly update, written on workerd.' });
    const created = await call(w, 'POST', '/api/plans', { as: 'manager', body });
    expect(created.status, created.text).toBe(201);
    expect(created.json.plan.state).toBe('ready');
    const docId = /\/document\/d\/([^/]+)\//.exec(created.json.plan.docUrl ?? '')?.[1] as string;
    expect(docId).toBeTruthy();

    const file = w.google.fake.state.get(docId);
    expect(file.mimeType).toBe('application/vnd.google-apps.document');
    expect(file.parents).toEqual([w.googleFolderId]);
    // The Markdown part of the multipart body became the document (not "[object Object]").
    expect(documentText(w, docId)).toContain('written on workerd');
    expect(documentText(w, docId)).toContain('Shadow two customer calls');
    expect(grantsOn(w, docId)).toEqual(FOUR_AND_OWNER);
    expect(w.google.fake.log.some((r) => r.method === 'drive.files.create' && r.status === 200)).toBe(true);
  }, 120_000);

  it('reads an edit to the Google document in a cron invocation; the dashboard shows the new status', async () => {
    const w = world();
    const created = await call(w, 'POST', '/api/plans', { as: 'manager', body: planBody(isoToday(-10), { provider: 'google' }) });
    expect(created.status, created.text).toBe(201);
    const id = created.json.plan.id as string;
    const docId = /\/document\/d\/([^/]+)\//.exec(created.json.plan.docUrl ?? '')?.[1] as string;
    // The first check-in (start + 7 days) has passed its grace with no entry: at risk.
    const before = await dashboardPlan(w, id);
    expect(before.status.health).toBe('at_risk');

    w.google.fake.share(docId, { type: 'user', role: 'reader', emailAddress: PEOPLE.stranger.email });
    w.google.fake.editDocument(docId, (nodes) => {
      const log = nodes.find((n) => n.kind === 'table' && n.rows[0]?.[0] === 'Date');
      if (log?.kind !== 'table') throw new Error('no progress log table');
      log.rows.push([isoToday(-4), 'Shadowed a call, from workerd', 'Ana']);
    });
    for (let i = 0; i < 10 && !(await dashboardPlan(w, id)).status.lastEntryDate; i++) {
      expect((await call(w, 'GET', '/__scheduled')).status).toBe(200);
    }

    const after = await dashboardPlan(w, id);
    expect(after.status.lastEntryDate).toBe(isoToday(-4));
    expect(after.status.health).toBe('on_track');
    const detail = await call(w, 'GET', `/api/plans/${id}`, { as: 'hr' });
    expect(detail.json.plan.progressEntries).toEqual([{ date: isoToday(-4), text: 'Shadowed a call, from workerd', by: 'Ana' }]);
    // The fifth person the document was shared with is gone again, and the plan says so.
    expect(grantsOn(w, docId)).toEqual(FOUR_AND_OWNER);
    expect(detail.json.plan.sharing.issues.join(' ')).toContain(PEOPLE.stranger.email);
  }, 300_000);
}

/** The plan as HR's dashboard lists it. */
async function dashboardPlan(world: WorkerWorld, id: string) {
  const dashboard = await call(world, 'GET', '/api/dashboard', { as: 'hr' });
  expect(dashboard.status).toBe(200);
  const plan = dashboard.json.plans.find((p: { id: string }) => p.id === id);
  expect(plan).toBeTruthy();
  return plan!;
}
