/**
 * The handbook's order on workerd, for a Google plan, as its people live it through `wrangler dev`:
 * a draft (no grant, no email for the team member, who gets 404), aligned by the manager's manager,
 * shared by the manager (one grant, one email), agreed by both, a goal-state edit after agreement
 * read by a cron invocation as one `plan.adjusted`, closed (the closing section written with Docs'
 * batchUpdate, the editors made commenters) and its record served. What the Google fake holds is
 * the proof; every invocation stays within the worker's subrequest budget. Then a Notion plan from
 * draft to close: its Team member property empty until the share, the closing blocks, the lock.
 */
import { expect, it } from 'vitest';
import { readableDate } from '../../service/src/domain/dates.js';
import { documentText } from '../fakes/google/docs-model.js';
import { PEOPLE, isoToday, planBody } from '../support/app.js';
import type { AnswerBody } from '../support/answer.js';
import { type Answer, BUDGET, GOOGLE_OWNER, type WorkerWorld, call } from './worker-world.js';

type Person = keyof typeof PEOPLE;

/** Everyone the document is shared with, as `email:role`, from the fake's own state. */
export function grantsOn(world: WorkerWorld, fileId: string): string[] {
  const state = world.google.fake.state;
  return state
    .effectivePermissions(state.get(fileId))
    .map((p) => `${p.emailAddress ?? p.domain ?? p.type}:${p.role}`)
    .sort();
}

export const grants = (entries: [Person, string][]) => [...entries.map(([person, role]) => `${PEOPLE[person].email}:${role}`), `${GOOGLE_OWNER}:owner`].sort();

/** The emails Drive sent about this document, to whom. */
export const notified = (world: WorkerWorld, fileId: string) => world.google.fake.state.notifications.filter((n) => n.fileId === fileId).map((n) => n.to);

/** One request, and how many requests the worker sent to Google and Notion while answering it. */
export async function metered<Method extends string, Path extends string>(
  world: WorkerWorld,
  method: Method,
  path: Path,
  options: Parameters<typeof call>[3],
): Promise<Answer<AnswerBody<Method, Path>> & { subrequests: number }> {
  const before = world.google.fake.log.length + world.notion.fake.log.length;
  const answer = await call(world, method, path, options);
  return { ...answer, subrequests: world.google.fake.log.length + world.notion.fake.log.length - before };
}

function fail(message: string): never {
  throw new Error(message);
}

const GOAL = 'Within 30 days, send a weekly written update to stakeholders every Friday.';
const NEW_GOAL = 'Within 30 days, send a weekly written update to stakeholders every Thursday.';

export function orderOnWorkerCases(world: () => WorkerWorld) {
  it('walks a Google plan through draft, align, share, agree, adjust, close and record, each invocation within the budget', async () => {
    const w = world();
    const created = await metered(w, 'POST', '/api/plans', { as: 'manager', body: { ...planBody(isoToday(-3), { provider: 'google' }), draft: true } });
    expect(created.status, created.text).toBe(201);
    expect(created.json.plan).toMatchObject({ stage: 'draft', state: 'ready' });
    const id = created.json.plan.id as string;
    const docId = /\/document\/d\/([^/]+)\//.exec(created.json.plan.docUrl ?? '')?.[1] as string;
    const subrequests = [created.subrequests];

    // Draft: the three, never the team member; no email to them; they cannot find the plan.
    expect(grantsOn(w, docId)).toEqual(
      grants([
        ['manager', 'writer'],
        ['managersManager', 'commenter'],
        ['hr', 'commenter'],
      ]),
    );
    expect(notified(w, docId)).not.toContain(PEOPLE.teamMember.email);
    for (const path of [`/api/plans/${id}`, `/api/plans/${id}/record`, `/api/plans/${id}/record?format=md`]) {
      const hidden = await call(w, 'GET', path, { as: 'teamMember' });
      expect(hidden.status, path).toBe(404);
      expect(hidden.text).not.toContain('Stakeholder');
    }
    expect((await call(w, 'GET', '/api/plans', { as: 'teamMember' })).json.plans.map((p: { id: string }) => p.id)).not.toContain(id);
    // Out of order, or the wrong person: refused, nothing changes.
    expect((await call(w, 'POST', `/api/plans/${id}/share`, { as: 'manager' })).error?.code).toBe('alignment_pending');
    expect((await call(w, 'POST', `/api/plans/${id}/align`, { as: 'manager' })).status).toBe(403);
    expect((await call(w, 'POST', `/api/plans/${id}/agree`, { as: 'teamMember' })).status).toBe(404);

    const aligned = await metered(w, 'POST', `/api/plans/${id}/align`, { as: 'managersManager', body: { note: 'Written updates first.' } });
    expect(aligned.status, aligned.text).toBe(200);
    expect(aligned.json.plan.alignment).toMatchObject({ by: PEOPLE.managersManager.email, note: 'Written updates first.' });
    expect(grantsOn(w, docId)).toEqual(
      grants([
        ['manager', 'writer'],
        ['managersManager', 'commenter'],
        ['hr', 'commenter'],
      ]),
    );

    // Share: the team member's grant and one email, once; a second share is a 409.
    const shared = await metered(w, 'POST', `/api/plans/${id}/share`, { as: 'manager' });
    expect(shared.status, shared.text).toBe(200);
    subrequests.push(shared.subrequests);
    expect(shared.json.plan).toMatchObject({ stage: 'shared', sharing: { state: 'ok' } });
    const FOUR = grants([
      ['teamMember', 'writer'],
      ['manager', 'writer'],
      ['managersManager', 'commenter'],
      ['hr', 'commenter'],
    ]);
    expect(grantsOn(w, docId)).toEqual(FOUR);
    expect(notified(w, docId).filter((to) => to === PEOPLE.teamMember.email)).toHaveLength(1);
    // The draft's start had passed: it starts the day it is shared, and the Doc says so.
    const sharedText = documentText(w.google.fake.state.documents.get(docId) ?? fail('the document is gone'));
    expect(sharedText).toContain(`From ${readableDate(isoToday())} to `);
    expect(sharedText).not.toContain(`From ${readableDate(isoToday(-3))} to `);
    expect((await call(w, 'POST', `/api/plans/${id}/share`, { as: 'manager' })).error?.code).toBe('wrong_stage');
    expect((await call(w, 'GET', `/api/plans/${id}`, { as: 'teamMember' })).status).toBe(200);

    // Agree: each for themselves, then the stage is agreed.
    expect((await call(w, 'POST', `/api/plans/${id}/agree`, { as: 'managersManager' })).status).toBe(403);
    expect((await call(w, 'POST', `/api/plans/${id}/agree`, { as: 'teamMember' })).json.plan.stage).toBe('shared');
    const agreed = await call(w, 'POST', `/api/plans/${id}/agree`, { as: 'manager' });
    expect(agreed.json.plan.stage).toBe('agreed');
    expect(agreed.json.plan.agreement).toEqual({ teamMember: expect.any(String), manager: expect.any(String) });

    // Adjust: Ana rewrites the goal in the Doc; cron invocations read it, recorded once.
    w.google.fake.editDocument(docId, (nodes) => {
      const goal = nodes.find((n) => n.kind === 'paragraph' && n.text.includes(GOAL));
      if (goal?.kind !== 'paragraph') throw new Error('no goal paragraph');
      goal.text = goal.text.replace(GOAL, NEW_GOAL);
    });
    const adjustments = async () => (await call(w, 'GET', `/api/plans/${id}`, { as: 'teamMember' })).json.plan.audit.filter((e: { kind: string }) => e.kind === 'plan.adjusted');
    for (let i = 0; i < 10 && (await adjustments()).length === 0; i++) {
      const cycle = await metered(w, 'GET', '/__scheduled', {});
      expect(cycle.status).toBe(200);
      subrequests.push(cycle.subrequests);
    }
    for (let i = 0; i < 2; i++) subrequests.push((await metered(w, 'GET', '/__scheduled', {})).subrequests);
    const adjusted = await adjustments();
    expect(adjusted).toHaveLength(1);
    expect(adjusted[0]?.message).toContain('Thursday');
    expect((await call(w, 'GET', `/api/plans/${id}`, { as: 'hr' })).json.plan.goalState).toBe(NEW_GOAL);

    // Close: refused to the team member (403), written into the Doc with batchUpdate, editors made commenters.
    expect((await call(w, 'POST', `/api/plans/${id}/close`, { as: 'teamMember', body: { outcome: 'achieved', note: 'x' } })).status).toBe(403);
    const batchUpdates = () => w.google.fake.log.filter((r) => r.method === 'docs.documents.batchUpdate' && r.status === 200).length;
    const writtenBefore = batchUpdates();
    const closed = await metered(w, 'POST', `/api/plans/${id}/close`, { as: 'manager', body: { outcome: 'partially_achieved', note: 'Thursdays now; the calls wait for Q1.' } });
    expect(closed.status, closed.text).toBe(200);
    subrequests.push(closed.subrequests);
    expect(closed.json.plan.outcome).toBe('partially_achieved');
    expect(batchUpdates()).toBe(writtenBefore + 1);
    const doc = w.google.fake.state.documents.get(docId);
    if (!doc) throw new Error('the document is gone');
    const text = documentText(doc);
    expect(text).toContain('by Ben (manager). Outcome: Partially achieved.');
    expect(text).toContain('Note: Thursdays now; the calls wait for Q1.');
    expect(grantsOn(w, docId)).toEqual(
      grants([
        ['teamMember', 'commenter'],
        ['manager', 'commenter'],
        ['managersManager', 'commenter'],
        ['hr', 'commenter'],
      ]),
    );

    // The record, both formats, under the record page's CSP; the team member reads it now.
    const page = await call(w, 'GET', `/api/plans/${id}/record`, { as: 'teamMember' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'nonce-[0-9a-f]+'/);
    expect(page.text).not.toContain('<script');
    expect(page.text).toContain('Thursday');
    const markdown = await call(w, 'GET', `/api/plans/${id}/record?format=md`, { as: 'manager' });
    expect(markdown.headers.get('content-type')).toContain('text/markdown');
    expect(markdown.text).toContain('Written updates first.');
    expect(markdown.text).toMatch(/## Outcome\n\nPartially achieved, closed /);
    expect((await call(w, 'GET', `/api/plans/${id}/record`, { as: 'stranger' })).status).toBe(404);

    for (const spent of subrequests) expect(spent).toBeLessThanOrEqual(BUDGET);
  }, 600_000);
  it('walks a Notion plan through draft, share, agree and close: the Team member property empty until shared, the closing blocks written, the page locked', async () => {
    const w = world();
    const state = w.notion.fake.state;
    const created = await metered(w, 'POST', '/api/plans', { as: 'manager', body: { ...planBody(isoToday(-3), { provider: 'notion' }), draft: true } });
    expect(created.status, created.text).toBe(201);
    expect(created.subrequests).toBeLessThanOrEqual(BUDGET);
    const id = created.json.plan.id as string;
    const page = [...state.pages.values()].find((p) => created.json.plan.docUrl?.includes(p.id.replaceAll('-', '')));
    if (!page) throw new Error('no Notion page for the plan');
    const emailsIn = (property: string) => ((page.properties[property]?.people ?? []) as { id: string }[]).map((person) => state.users.get(person.id)?.email);
    expect(emailsIn('Team member')).toEqual([]);
    expect(emailsIn('Manager')).toEqual([PEOPLE.manager.email]);
    expect((await call(w, 'GET', `/api/plans/${id}`, { as: 'teamMember' })).status).toBe(404);

    expect((await call(w, 'POST', `/api/plans/${id}/align`, { as: 'managersManager' })).status).toBe(200);
    const shared = await metered(w, 'POST', `/api/plans/${id}/share`, { as: 'manager' });
    expect(shared.status, shared.text).toBe(200);
    expect(shared.subrequests).toBeLessThanOrEqual(BUDGET);
    expect(emailsIn('Team member')).toEqual([PEOPLE.teamMember.email]);
    expect((await call(w, 'POST', `/api/plans/${id}/agree`, { as: 'teamMember' })).status).toBe(200);
    expect((await call(w, 'POST', `/api/plans/${id}/agree`, { as: 'manager' })).json.plan.stage).toBe('agreed');

    const closed = await metered(w, 'POST', `/api/plans/${id}/close`, { as: 'managersManager', body: { outcome: 'not_achieved', note: 'Moved teams.' } });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.subrequests).toBeLessThanOrEqual(BUDGET);
    const lastTexts = (state.children.get(page.id) ?? [])
      .slice(-3)
      .map((blockId) => ((state.blocks.get(blockId)?.content.rich_text ?? []) as { plain_text: string }[]).map((t) => t.plain_text).join(''));
    expect(lastTexts).toEqual(['Outcome', expect.stringContaining("by Cy (manager's manager). Outcome: Not achieved."), 'Note: Moved teams.']);
    expect(page.isLocked).toBe(true);
    expect(page.properties.Status?.select).toMatchObject({ name: 'Closed' });
    const record = await call(w, 'GET', `/api/plans/${id}/record?format=md`, { as: 'teamMember' });
    expect(record.status).toBe(200);
    expect(record.text).toMatch(/## Outcome\n\nNot achieved, closed /);
  }, 300_000);
}
