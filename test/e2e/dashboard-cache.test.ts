/**
 * The dashboard's cache across poll cycles (issue 15): a sharing sweep that reads the same text and
 * finds the same sharing leaves every computed status, row and index in place (no plan is read
 * again, the overview's page answers 304), yet the full answer shows the new check times; a poll
 * that finds a change reads again that one plan only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../service/src/store/types.js';
import { type TestService, isoToday, makeTestService, planBody } from '../support/app.js';

let service: TestService;
/** The ids of every plan the store was asked to read in full, in order. */
const reads: string[][] = [];
const ids: string[] = [];

beforeAll(async () => {
  service = await makeTestService({}, (deps) => {
    const store = deps.store;
    const counted: Store = {
      ...store,
      getPlans: (planIds) => (reads.push([...planIds]), store.getPlans(planIds)),
      listPlans: (filter) => (reads.push(['(all)']), store.listPlans(filter)),
    };
    deps.store = counted;
  });
  for (const start of [isoToday(-3), isoToday(-10), isoToday(2)]) {
    const created = await service.call('POST', '/api/plans', { as: 'hr', body: planBody(start) });
    expect(created.status).toBe(201);
    ids.push(created.json.plan.id);
  }
});
afterAll(async () => service.close());

const PAGE = '/api/dashboard?sort=endDate&limit=100';
type FullPlan = { id: string; lastPolledAt: string; sharing: { state: string; checkedAt: string } };

async function sweep(): Promise<void> {
  const cycle = await service.call('POST', '/api/poll', { as: 'hr' });
  expect(cycle.status).toBe(200);
  // HR's "read documents now" sweeps every plan's sharing.
  expect(cycle.json.polled).toBe(ids.length);
}

describe("the dashboard's cache and the sharing sweep", () => {
  it('stays warm through a sweep that changes nothing visible, and shows the new check times', async () => {
    await sweep();
    const page = await service.call('GET', PAGE, { as: 'hr' });
    const full = await service.call('GET', '/api/dashboard', { as: 'hr' });
    const before = new Map((full.json.plans as FullPlan[]).map((plan) => [plan.id, plan]));

    reads.length = 0;
    await sweep();
    const pollReads = reads.length;
    const again = await service.call('GET', PAGE, { as: 'hr', headers: { 'if-none-match': page.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    const fullAgain = await service.call('GET', '/api/dashboard', { as: 'hr' });
    // Only the check times were read again: no plan in full, no status computed again.
    expect(reads.slice(pollReads)).toEqual([]);
    expect(fullAgain.headers.get('etag')).not.toBe(full.headers.get('etag'));
    for (const plan of fullAgain.json.plans as FullPlan[]) {
      const old = before.get(plan.id);
      expect(plan.lastPolledAt > (old?.lastPolledAt ?? '')).toBe(true);
      expect(plan.sharing.checkedAt > (old?.sharing.checkedAt ?? '')).toBe(true);
      expect({ ...plan, lastPolledAt: null, sharing: { ...plan.sharing, checkedAt: null } }).toEqual({
        ...old,
        lastPolledAt: null,
        sharing: { ...old?.sharing, checkedAt: null },
      });
    }
    // A manager's answers agree with HR's on the times (they share the cached plans).
    const mine = await service.call('GET', '/api/dashboard', { as: 'manager' });
    expect((mine.json.plans as FullPlan[]).map((plan) => plan.lastPolledAt).sort()).toEqual((fullAgain.json.plans as FullPlan[]).map((plan) => plan.lastPolledAt).sort());
  });

  it('reads again only the plan whose document changed, and the page changes with it', async () => {
    const page = await service.call('GET', PAGE, { as: 'hr' });
    const id = ids[0] as string;
    const doc = await service.call('GET', `/api/plans/${id}/document`, { as: 'hr' });
    const markdown = (doc.json.markdown as string).replace(
      '| Date | Update | By |\n| --- | --- | --- |',
      (table) => `${table}\n| ${isoToday(-1)} | Sent the first weekly update | Ana |`,
    );
    expect(markdown).not.toBe(doc.json.markdown);
    expect((await service.call('PUT', `/api/plans/${id}/document`, { as: 'hr', body: { markdown, baseVersion: doc.json.version } })).status).toBe(200);

    reads.length = 0;
    await sweep();
    const pollReads = reads.length;
    const after = await service.call('GET', PAGE, { as: 'hr', headers: { 'if-none-match': page.headers.get('etag') ?? '' } });
    expect(after.status).toBe(200);
    expect(reads.slice(pollReads)).toEqual([[id]]);
    const row = (after.json.rows as { id: string; status: { progressEntries: number; lastEntryDate: string } }[]).find((r) => r.id === id);
    expect(row?.status).toMatchObject({ progressEntries: 1, lastEntryDate: isoToday(-1) });
  });
});
