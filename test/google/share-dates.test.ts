/**
 * Sharing a Google draft whose start date has passed moves its dates (API.md, the handbook's order):
 * the Doc the team member is given says the dates the plan uses, start, end and check-ins, read on
 * the Docs fake's own state. The service dies after Docs wrote the dates and before it recorded it:
 * the restarted service's poll cycle finds them there, writes nothing twice, and finishes the share.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkInDates } from '../../service/src/domain/check-ins.js';
import { readableDate } from '../../service/src/domain/dates.js';
import { documentText } from '../fakes/google/docs-model.js';
import { isoToday, planBody } from '../support/app.js';
import { FOUR_AND_OWNER, googleWorld, grants, type World, serviceOnGoogle } from './world.js';
import { occurrences } from '../support/text.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function serviceOn(world: World, dataDir: string) {
  return serviceOnGoogle(world, {}, { dataDir });
}

describe('sharing a Google draft whose start has passed', () => {
  it('writes the moved start, end and check-in dates into the Doc once, even across a crash, then grants the team member', async () => {
    const world = await googleWorld(server);
    const dataDir = mkdtempSync(join(tmpdir(), 'share-dates-'));
    try {
      const first = await serviceOn(world, dataDir);
      const oldStart = isoToday(-10);
      const created = await first.call('POST', '/api/plans', { as: 'manager', body: planBody(oldStart, { draft: true }) });
      const planId: string = created.json.plan.id;
      const docId = (await first.store.getPlan(planId))!.docId!;
      const oldEnd: string = created.json.plan.endDate;
      const text = () => documentText(world.fake.state.documents.get(docId)!);
      expect(text()).toContain(`From ${readableDate(oldStart)} to ${readableDate(oldEnd)}.`);
      expect((await first.call('POST', `/api/plans/${planId}/align`, { as: 'managersManager' })).status).toBe(200);
      // The process dies between Docs' answer and the store's record of it.
      first.store.recordDocumentEditProgress = async () => {
        throw new Error('killed');
      };
      expect((await first.call('POST', `/api/plans/${planId}/share`, { as: 'manager' })).status).toBe(500);
      await first.close();

      const second = await serviceOn(world, dataDir);
      const plan = (await second.store.getPlan(planId))!;
      expect(plan.startDate).toBe(second.deps.clock.today());
      const written = text();
      const timeline = `From ${readableDate(plan.startDate)} to ${readableDate(plan.endDate)}.`;
      const checkIns = `Check-ins are due on: ${checkInDates(plan.startDate, plan.endDate, 7).map(readableDate).join(', ')}.`;
      expect(occurrences(written, timeline)).toBe(1);
      expect(occurrences(written, checkIns)).toBe(1);
      expect(written).toMatch(new RegExp(`from ${readableDate(plan.startDate)}\\s+to ${readableDate(plan.endDate)}`));
      expect(written).not.toContain(readableDate(oldStart));

      expect((await second.call('POST', '/api/poll', { as: 'hr' })).json.errors).toBe(0);
      expect(text()).toBe(written);
      expect(grants(world, docId)).toEqual(FOUR_AND_OWNER);
      const [edit] = await second.store.listDocumentEdits(planId);
      expect(edit).toMatchObject({ intent: { kind: 'share' }, done: ['dates'], lastError: null });
      const audit = (await second.call('GET', `/api/plans/${planId}`, { as: 'manager' })).json.plan.audit.map((e: { message: string }) => e.message);
      expect(audit).toContain(`Moved dates (${plan.startDate} to ${plan.endDate}) already there in the document.`);
      expect(await second.store.listUnfinishedDocumentEdits()).toEqual([]);
      await second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
