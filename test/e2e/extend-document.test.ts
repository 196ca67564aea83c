/**
 * Extending a plan on the local provider, through the HTTP API: the document's end date and its
 * check-in list follow the plan (the status, reminders and the calendar count the check-ins from
 * the dates, so the document must list the same ones). A retry writes nothing twice; a list someone
 * edited by hand stays as they wrote it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, readableDate } from '../../service/src/domain/dates.js';
import { runDocumentEdit } from '../../service/src/plans/document-edits.js';
import { type TestService, isoToday, makeTestService, planBody } from '../support/app.js';
import { occurrences } from '../support/text.js';

let service: TestService;
beforeEach(async () => {
  service = await makeTestService();
});
afterEach(async () => service.close());

const documentOf = async (id: string) => (await service.call('GET', `/api/plans/${id}/document`, { as: 'manager' })).json as { markdown: string; version: string };
/** The check-in sentence as the template writes it, for the due dates the service counts. */
const sentence = (dues: string[]) => `Check-ins are due on: ${dues.map(readableDate).join(', ') || 'at the end'}.`;

async function created(overrides: Record<string, unknown> = {}) {
  const start = isoToday(-3);
  const res = await service.call('POST', '/api/plans', { as: 'manager', body: planBody(start, overrides) });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return { id: res.json.plan.id as string, start, end: res.json.plan.endDate as string };
}

async function extend(id: string, endDate: string) {
  const res = await service.call('POST', `/api/plans/${id}/extend`, { as: 'manager', body: { endDate } });
  expect(res.status).toBe(200);
  return res.json.plan as { endDate: string; status: { checkIns: { due: string }[] } };
}

describe('extending a plan', () => {
  it('lists the check-ins the plan now has in the document, once, and a retry changes nothing', async () => {
    const { id, start, end } = await created();
    const before = sentence([7, 14, 21, 28].map((days) => addDays(start, days)));
    expect((await documentOf(id)).markdown).toContain(before);

    const plan = await extend(id, addDays(end, 14));
    const dues = plan.status.checkIns.map((checkIn) => checkIn.due);
    expect(dues).toEqual([7, 14, 21, 28, 35, 42].map((days) => addDays(start, days)));
    const { markdown } = await documentOf(id);
    expect(occurrences(markdown, sentence(dues))).toBe(1);
    expect(markdown).toContain(`From ${readableDate(start)} to ${readableDate(plan.endDate)}.`);
    expect(occurrences(markdown, readableDate(addDays(start, 42)))).toBe(1);

    // A crash between the write and its record: the step runs again and finds it all there.
    const [edit] = await service.store.listDocumentEdits(id);
    expect(edit).toMatchObject({ intent: { kind: 'extend' }, done: ['end_date'] });
    await runDocumentEdit(service.deps, (await service.store.getPlan(id))!, { ...edit!, done: [], finishedAt: null });
    expect((await documentOf(id)).markdown).toBe(markdown);
    const list = dues.map(readableDate).join(', ');
    expect((await service.store.listAudit(id)).filter((e) => e.kind === 'document.updated').map((e) => e.message)).toEqual([
      `New end date ${plan.endDate} written in the document, with the check-ins due by then: ${list}.`,
      `New end date ${plan.endDate} already there in the document, with the check-ins due by then: ${list}.`,
    ]);
  });

  it("keeps people's words around the list, and a list they rewrote by hand as they wrote it; the end date moves all the same", async () => {
    const edit = async (id: string, change: (markdown: string) => string) => {
      const saved = await documentOf(id);
      const res = await service.call('PUT', `/api/plans/${id}/document`, { as: 'manager', body: { markdown: change(saved.markdown), baseVersion: saved.version } });
      expect(res.status).toBe(200);
    };
    const added = await created();
    await edit(added.id, (markdown) => markdown.replace(/(Check-ins are due on: [^\n]*)\./, '$1. Ana books the room.'));
    const longer = await extend(added.id, addDays(added.end, 14));
    expect((await documentOf(added.id)).markdown).toContain(`${sentence(longer.status.checkIns.map((checkIn) => checkIn.due))} Ana books the room.`);

    const reworded = await created();
    const own = 'Check-ins are due on: every Friday, in our 1:1.';
    await edit(reworded.id, (markdown) => markdown.replace(/Check-ins are due on: [^\n]*\./, own));
    const plan = await extend(reworded.id, addDays(reworded.end, 14));
    const after = (await documentOf(reworded.id)).markdown;
    expect(after).toContain(own);
    expect(after).toContain(`From ${readableDate(reworded.start)} to ${readableDate(plan.endDate)}.`);
    // Its people read that the list is theirs to update, and what the plan now counts.
    const list = plan.status.checkIns.map((checkIn) => readableDate(checkIn.due)).join(', ');
    expect((await service.store.listAudit(reworded.id)).map((e) => e.message)).toContain(
      `New end date ${plan.endDate} written in the document; its check-in list was changed by hand and is left as it is (check-ins are now due on: ${list}).`,
    );
  });
});
