/**
 * The handbook's order on the local provider, through the HTTP API (API.md "The handbook's order"):
 * a draft is the manager's, the manager's manager's and HR's only; the manager's manager aligns;
 * the manager shares; the team member and the manager agree. The team member sees nothing of a
 * draft anywhere; each step is taken by its people only (403 for a party who may not, 404 for whoever
 * cannot see the plan), at its stage only (409), and nothing changes when a step is refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkInDates } from '../../service/src/domain/check-ins.js';
import { addDays, daysBetween, readableDate } from '../../service/src/domain/dates.js';
import { runDocumentEdit } from '../../service/src/plans/document-edits.js';
import { type Person, type TestService, isoToday, makeTestService, planBody } from '../support/app.js';

let service: TestService;
beforeEach(async () => {
  service = await makeTestService();
});
afterEach(async () => service.close());

async function createDraft(start = isoToday(3), overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await service.call('POST', '/api/plans', { as: 'manager', body: planBody(start, { draft: true, ...overrides }) });
  expect(res.status).toBe(201);
  return res.json.plan.id as string;
}
const act = (as: Person, id: string, step: 'align' | 'share' | 'agree', body?: unknown) =>
  service.call('POST', `/api/plans/${id}/${step}`, body === undefined ? { as } : { as, body });
/** Everything of the plan a refused step must leave as it was (HR's read, its own audit entry aside). */
const snapshot = async (id: string) => {
  const plan = await service.store.getPlan(id);
  return { plan, audit: (await service.store.listAudit(id)).length };
};

describe('a draft', () => {
  it('is the manager’s, the manager’s manager’s and HR’s only: the team member sees nothing of it anywhere', async () => {
    const id = await createDraft(isoToday(-3));
    const ben = await service.call('GET', `/api/plans/${id}`, { as: 'manager' });
    expect(ben.json.plan).toMatchObject({ stage: 'draft', kind: 'growth', alignment: null, agreement: { teamMember: null, manager: null } });
    for (const person of ['hr', 'manager', 'managersManager'] as const) {
      expect((await service.call('GET', `/api/plans/${id}`, { as: person })).status).toBe(200);
      expect((await service.call('GET', `/api/plans/${id}/document`, { as: person })).status).toBe(200);
    }
    for (const person of ['teamMember', 'stranger'] as const) {
      expect((await service.call('GET', `/api/plans/${id}`, { as: person })).status).toBe(404);
      expect((await service.call('GET', `/api/plans/${id}/document`, { as: person })).status).toBe(404);
      expect((await service.call('GET', `/docs/${id}`, { as: person })).status).toBe(404);
      expect((await service.call('GET', `/api/plans/${id}/record`, { as: person })).status).toBe(404);
      expect((await service.call('POST', `/api/plans/${id}/poll`, { as: person })).status).toBe(404);
      expect((await service.call('GET', '/api/plans', { as: person })).json.plans).toEqual([]);
      const dashboard = await service.call('GET', '/api/dashboard', { as: person });
      expect(dashboard.json.plans).toEqual([]);
      expect(dashboard.json.counts.total).toBe(0);
      const page = await service.call('GET', '/api/dashboard?limit=100', { as: person });
      expect([...page.json.rows, ...page.json.mine]).toEqual([]);
      const week = await service.call('GET', '/api/this-week', { as: person });
      expect([...week.json.checkInsDue.items, ...week.json.checkInsMissed.items, ...week.json.plansEnding.items]).toEqual([]);
      const feed = await service.call('GET', new URL((await service.call('GET', '/api/calendar', { as: person })).json.url).pathname);
      expect(feed.text).not.toContain('VEVENT');
    }
  });

  it('counts no check-ins and has no health of its own: awaiting alignment, then awaiting sharing, even past its start', async () => {
    const id = await createDraft(isoToday(-20));
    const draft = (await service.call('GET', `/api/plans/${id}`, { as: 'manager' })).json.plan;
    expect(draft.status).toMatchObject({ health: 'awaiting_alignment', checkIns: [], missedCheckIns: 0, nextCheckInDue: null });
    const aligned = (await act('managersManager', id, 'align')).json.plan;
    expect(aligned.status).toMatchObject({ health: 'awaiting_sharing', checkIns: [], missedCheckIns: 0 });
  });

  it('offers each person their own next step, and nobody else', async () => {
    const id = await createDraft();
    const can = async (person: Person) => (await service.call('GET', `/api/plans/${id}`, { as: person })).json.plan.can;
    expect(await can('managersManager')).toMatchObject({ align: true, share: false, agree: false });
    expect(await can('manager')).toMatchObject({ align: false, share: false, agree: false });
    await act('managersManager', id, 'align');
    expect(await can('manager')).toMatchObject({ align: false, share: true, agree: false });
    expect(await can('managersManager')).toMatchObject({ align: false, share: false, agree: false });
    await act('manager', id, 'share');
    expect(await can('teamMember')).toMatchObject({ align: false, share: false, agree: true });
    expect(await can('manager')).toMatchObject({ share: false, agree: true });
    expect(await can('hr')).toMatchObject({ share: false, agree: false });
  });
});

describe('local documents at each stage', () => {
  it('are served to three during the draft and alignment, to the four once shared, agreed and closed', async () => {
    const id = await createDraft();
    const people: Person[] = ['teamMember', 'manager', 'managersManager', 'hr', 'otherManager', 'stranger'];
    const readers = async () => {
      const open: Person[] = [];
      for (const person of people) if ((await service.call('GET', `/api/plans/${id}/document`, { as: person })).status === 200) open.push(person);
      return open;
    };
    const three = ['manager', 'managersManager', 'hr'];
    const four = ['teamMember', ...three];
    expect(await readers()).toEqual(three);
    await act('managersManager', id, 'align');
    expect(await readers()).toEqual(three);
    await act('manager', id, 'share');
    expect(await readers()).toEqual(four);
    await act('teamMember', id, 'agree');
    await act('manager', id, 'agree');
    expect(await readers()).toEqual(four);
    expect((await service.call('POST', `/api/plans/${id}/close`, { as: 'manager', body: { outcome: 'achieved', note: 'Goal met early.' } })).status).toBe(200);
    expect(await readers()).toEqual(four);
  });
});

describe('align, share, agree', () => {
  it('goes draft -> aligned -> shared -> agreed, each step audited, with the team member let in at share', async () => {
    const id = await createDraft();
    const aligned = await act('managersManager', id, 'align', { note: 'Agreed with the focus on written updates' });
    expect(aligned.status).toBe(200);
    expect(aligned.json.plan.alignment).toEqual({ by: 'cy@acme.test', at: expect.any(String), note: 'Agreed with the focus on written updates' });
    expect(aligned.json.plan.stage).toBe('draft');
    expect((await service.call('GET', `/api/plans/${id}`, { as: 'teamMember' })).status).toBe(404);

    const shared = await act('manager', id, 'share');
    expect(shared.status).toBe(200);
    expect(shared.json.plan).toMatchObject({ stage: 'shared', sharing: { state: 'ok', issues: [] } });
    expect((await service.store.getPlan(id))?.sharePending).toBe(false);
    const ana = await service.call('GET', `/api/plans/${id}`, { as: 'teamMember' });
    expect(ana.status).toBe(200);
    expect((await service.call('GET', `/api/plans/${id}/document`, { as: 'teamMember' })).status).toBe(200);

    const first = await act('teamMember', id, 'agree');
    expect(first.status).toBe(200);
    expect(first.json.plan).toMatchObject({ stage: 'shared', agreement: { teamMember: expect.any(String), manager: null } });
    const both = await act('manager', id, 'agree');
    expect(both.json.plan).toMatchObject({ stage: 'agreed', agreement: { teamMember: first.json.plan.agreement.teamMember, manager: expect.any(String) } });
    const kinds = both.json.plan.audit.map((event: { kind: string }) => event.kind);
    expect(kinds.filter((kind: string) => kind.startsWith('plan.'))).toEqual(['plan.created', 'plan.aligned', 'plan.shared', 'plan.agreed', 'plan.agreed']);
  });

  it('HR may align and share; a plan made without draft is shared with the four at once, as before', async () => {
    const id = await createDraft();
    expect((await act('hr', id, 'align', {})).status).toBe(200);
    expect((await act('hr', id, 'share', {})).status).toBe(200);
    const now = await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday(), { kind: 'performance' }) });
    expect(now.json.plan).toMatchObject({ stage: 'shared', kind: 'performance', alignment: null });
    expect((await service.call('GET', `/api/plans/${now.json.plan.id}`, { as: 'teamMember' })).status).toBe(200);
  });

  it('moves a draft whose start has passed to start today, keeping its length, unless the manager keeps the dates', async () => {
    const start = isoToday(-10);
    const moved = await createDraft(start);
    const kept = await createDraft(start);
    for (const id of [moved, kept]) await act('managersManager', id, 'align');
    const before = (await service.call('GET', `/api/plans/${moved}`, { as: 'manager' })).json.plan;
    const length = daysBetween(before.startDate, before.endDate);
    const today = service.deps.clock.today();
    expect((await act('manager', moved, 'share')).json.plan).toMatchObject({ startDate: today, endDate: addDays(today, length) });
    expect((await act('manager', kept, 'share', { keepDates: true })).json.plan).toMatchObject({ startDate: start, endDate: before.endDate });
  });

  it('writes the moved dates into the document before the team member opens it, and a retry writes nothing twice', async () => {
    const start = isoToday(-10);
    const id = await createDraft(start);
    await act('managersManager', id, 'align');
    const doc = async () => (await service.call('GET', `/api/plans/${id}/document`, { as: 'teamMember' })).json as { markdown: string };
    const plan = (await act('manager', id, 'share')).json.plan;
    const readable = (iso: string) => readableDate(iso);
    const { markdown } = await doc();
    // The opening wraps between the dates; the Timeline holds both on one line.
    expect(markdown).toContain(`growth from ${readable(plan.startDate)}\nto ${readable(plan.endDate)}`);
    expect(markdown).toContain(`From ${readable(plan.startDate)} to ${readable(plan.endDate)}.`);
    expect(markdown).toContain(`Check-ins are due on: ${checkInDates(plan.startDate, plan.endDate, 7).map(readable).join(', ')}.`);
    expect(markdown).not.toContain(readable(start));
    const [edit] = await service.store.listDocumentEdits(id);
    expect(edit).toMatchObject({ intent: { kind: 'share' }, done: ['dates'], lastError: null });
    // A crash between the write and its record: the step runs again and finds the dates there.
    await runDocumentEdit(service.deps, (await service.store.getPlan(id))!, { ...edit!, done: [], finishedAt: null });
    expect((await doc()).markdown).toBe(markdown);
    expect((await service.store.listAudit(id)).filter((e) => e.kind === 'document.updated').map((e) => e.message)).toEqual([
      `Moved dates (${plan.startDate} to ${plan.endDate}) written in the document.`,
      `Moved dates (${plan.startDate} to ${plan.endDate}) already there in the document.`,
    ]);
  });

  it('leaves the document as it is when the dates are kept, or had not passed', async () => {
    for (const [start, body] of [
      [isoToday(-10), { keepDates: true }],
      [isoToday(3), undefined],
    ] as const) {
      const id = await createDraft(start);
      await act('managersManager', id, 'align');
      const before = (await service.call('GET', `/api/plans/${id}/document`, { as: 'manager' })).json.markdown as string;
      expect((await act('manager', id, 'share', body)).status).toBe(200);
      expect((await service.call('GET', `/api/plans/${id}/document`, { as: 'teamMember' })).json.markdown).toBe(before);
      expect(await service.store.listDocumentEdits(id)).toEqual([]);
    }
  });
});

describe('refused steps change nothing', () => {
  it('the wrong person: 403 for a party who can see the plan, 404 for whoever cannot', async () => {
    const id = await createDraft();
    const before = await snapshot(id);
    expect((await act('manager', id, 'align')).error?.code).toBe('forbidden');
    expect((await act('teamMember', id, 'align')).status).toBe(404);
    expect((await act('stranger', id, 'align')).status).toBe(404);
    expect((await act('otherManager', id, 'share')).status).toBe(404);
    expect(await snapshot(id)).toEqual(before);

    await act('managersManager', id, 'align');
    const aligned = await snapshot(id);
    const share = await act('managersManager', id, 'share');
    expect([share.status, share.error?.code]).toEqual([403, 'forbidden']);
    expect((await act('teamMember', id, 'share')).status).toBe(404);
    expect(await snapshot(id)).toEqual(aligned);

    await act('manager', id, 'share');
    const shared = await snapshot(id);
    for (const person of ['managersManager', 'hr'] as const) {
      const agree = await act(person, id, 'agree');
      expect([agree.status, agree.error?.code]).toEqual([403, 'forbidden']);
    }
    expect((await act('stranger', id, 'agree')).status).toBe(404);
    expect(await snapshot(id)).toEqual(shared);
  });

  it('the wrong stage: share before alignment, agree on a draft, align twice or after sharing, share twice, agree twice', async () => {
    const id = await createDraft();
    const draft = await snapshot(id);
    const early = await act('manager', id, 'share');
    expect([early.status, early.error?.code]).toEqual([409, 'alignment_pending']);
    const agreeDraft = await act('manager', id, 'agree');
    expect([agreeDraft.status, agreeDraft.error?.code]).toEqual([409, 'wrong_stage']);
    expect(await snapshot(id)).toEqual(draft);

    await act('managersManager', id, 'align');
    const aligned = await snapshot(id);
    expect((await act('hr', id, 'align')).error?.code).toBe('wrong_stage');
    expect(await snapshot(id)).toEqual(aligned);

    await act('manager', id, 'share');
    const shared = await snapshot(id);
    expect((await act('manager', id, 'share')).error?.code).toBe('wrong_stage');
    expect((await act('managersManager', id, 'align')).error?.code).toBe('wrong_stage');
    expect(await snapshot(id)).toEqual(shared);

    await act('teamMember', id, 'agree');
    await act('manager', id, 'agree');
    const agreed = await snapshot(id);
    const again = await act('teamMember', id, 'agree');
    expect([again.status, again.error?.code]).toEqual([409, 'wrong_stage']);
    expect((await act('hr', id, 'align')).error?.code).toBe('wrong_stage');
    expect(await snapshot(id)).toEqual(agreed);
  });

  it('bad input: an unknown kind, a draft that is not a boolean, unknown fields: 400 and no plan', async () => {
    const count = async () => (await service.store.listPlans({ all: true })).length;
    for (const body of [planBody(isoToday(), { kind: 'disciplinary' }), planBody(isoToday(), { draft: 'yes' })]) {
      const res = await service.call('POST', '/api/plans', { as: 'manager', body });
      expect(res.status).toBe(400);
      expect(res.error?.issues.map((issue: { path: string }) => issue.path)).toEqual([Object.keys(body).includes('kind') ? 'kind' : 'draft']);
    }
    expect(await count()).toBe(0);
    const id = await createDraft();
    const before = await snapshot(id);
    expect((await act('managersManager', id, 'align', { note: 'x', by: 'someone' })).status).toBe(400);
    expect((await act('managersManager', id, 'align', { note: 'x'.repeat(10_001) })).status).toBe(400);
    expect((await act('manager', id, 'share', { keepDates: 'no' })).status).toBe(400);
    expect(await snapshot(id)).toEqual(before);
  });
});

describe('the overview', () => {
  it('filters and counts by stage and kind, drafts apart from running plans', async () => {
    const waiting = await createDraft();
    const aligned = await createDraft(isoToday(3), { kind: 'performance' });
    await act('managersManager', aligned, 'align');
    const running = (await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday(-1)) })).json.plan.id as string;
    const ids = async (query: string) => (await service.call('GET', `/api/dashboard?${query}`, { as: 'hr' })).json.rows.map((row: { id: string }) => row.id).sort();
    expect(await ids('stage=awaiting_alignment')).toEqual([waiting]);
    expect(await ids('stage=awaiting_sharing')).toEqual([aligned]);
    expect(await ids('stage=draft')).toEqual([waiting, aligned].sort());
    expect(await ids('stage=shared')).toEqual([running]);
    expect(await ids('kind=performance')).toEqual([aligned]);
    expect(await ids('health=awaiting_sharing')).toEqual([aligned]);
    const { counts } = (await service.call('GET', '/api/dashboard', { as: 'hr' })).json;
    expect(counts).toMatchObject({ total: 3, active: 1, scheduled: 0, awaitingAlignment: 1, awaitingSharing: 1 });
    expect((await service.call('GET', '/api/dashboard?stage=signed', { as: 'hr' })).status).toBe(400);
  });
});
