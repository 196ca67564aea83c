/**
 * Close and extend reach a Google Doc as resumable steps. The service stops right after Docs wrote
 * the closing section and before it could record that: the restarted service carries on at its next
 * poll cycle, finds the section there, writes no second one, then locks the document. A Docs outage
 * leaves the plan closed with the step waiting, and the next cycle finishes it. An extend killed the
 * same way leaves the grown check-in list written once, though the new list starts with the old one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readableDate } from '../../service/src/domain/dates.js';
import { documentText } from '../fakes/google/docs-model.js';
import { planBody } from '../support/app.js';
import { FOUR_AND_OWNER, OWNER, googleWorld, grants, type World, serviceOnGoogle } from './world.js';
import { occurrences } from '../support/text.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const CLOSED_LINE = 'by Ben (manager). Outcome: Partially achieved.';

function serviceOn(world: World, dataDir: string) {
  return serviceOnGoogle(world, {}, { dataDir });
}

describe('close on Google, interrupted', () => {
  it('a restart after the section was written and before it was recorded writes no second section, and finishes the close', async () => {
    const world = await googleWorld(server);
    const dataDir = mkdtempSync(join(tmpdir(), 'close-resume-'));
    try {
      const first = await serviceOn(world, dataDir);
      const created = await first.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01') });
      const planId: string = created.json.plan.id;
      const docId = (await first.store.getPlan(planId))!.docId!;
      // The process dies between Docs' answer and the store's record of it.
      first.store.recordDocumentEditProgress = async () => {
        throw new Error('killed');
      };
      const closing = await first.call('POST', `/api/plans/${planId}/close`, { as: 'manager', body: { outcome: 'partially_achieved', note: 'The template waits for Q1.' } });
      expect(closing.status).toBe(500);
      expect(occurrences(documentText(world.fake.state.documents.get(docId)!), CLOSED_LINE)).toBe(1);
      await first.close();

      const second = await serviceOn(world, dataDir);
      expect((await second.store.getPlan(planId))!.state).toBe('closed');
      expect((await second.call('POST', '/api/poll', { as: 'hr' })).json.errors).toBe(0);
      const text = documentText(world.fake.state.documents.get(docId)!);
      expect(occurrences(text, CLOSED_LINE)).toBe(1);
      expect(text).toContain('Note: The template waits for Q1.');
      // The steps after it ran: the editors are commenters now.
      expect(grants(world, docId)).toEqual(['ana@acme.test:commenter', 'ben@acme.test:commenter', 'cy@acme.test:commenter', 'hr@acme.test:commenter', `${OWNER}:owner`].sort());
      const [edit] = await second.store.listDocumentEdits(planId);
      expect(edit).toMatchObject({ done: ['section', 'lock', 'notify'], lastError: null });
      const audit = (await second.call('GET', `/api/plans/${planId}`, { as: 'manager' })).json.plan.audit.map((e: { message: string }) => e.message);
      expect(audit).toContain('Closing section (outcome, note, date, who closed) already there in the document.');
      // Nothing is left to resume.
      expect(await second.store.listUnfinishedDocumentEdits()).toEqual([]);
      await second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('HR reopens a closed plan: the roles close lowered come back, and the document says why', async () => {
    const world = await googleWorld(server);
    const service = await serviceOn(world, mkdtempSync(join(tmpdir(), 'reopen-')));
    try {
      const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01') });
      const planId: string = created.json.plan.id;
      const docId = (await service.store.getPlan(planId))!.docId!;
      expect((await service.call('POST', `/api/plans/${planId}/close`, { as: 'manager', body: { outcome: 'achieved', note: 'Met early.' } })).status).toBe(200);
      expect(grants(world, docId)).toContain('ana@acme.test:commenter');
      const reopened = await service.call('POST', `/api/plans/${planId}/reopen`, { as: 'hr', body: { reason: 'Closed by mistake.' } });
      expect(reopened.status).toBe(200);
      expect(grants(world, docId)).toEqual(FOUR_AND_OWNER);
      const text = documentText(world.fake.state.documents.get(docId)!);
      expect(text.indexOf('Closed by mistake.')).toBeGreaterThan(text.indexOf(CLOSED_LINE.replace('Partially achieved', 'Achieved')));
    } finally {
      await service.close();
      rmSync(service.dataDir, { recursive: true, force: true });
    }
  });

  it('a Docs outage leaves the plan closed and the section waiting; the next cycle writes it once', async () => {
    const world = await googleWorld(server);
    const service = await serviceOn(world, mkdtempSync(join(tmpdir(), 'close-outage-')));
    try {
      const created = await service.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01') });
      const planId: string = created.json.plan.id;
      const docId = (await service.store.getPlan(planId))!.docId!;
      let docsDown = true;
      // Until the outage ends; then the fake answers again (a handler that returns nothing passes the request on).
      server.use(
        http.post('https://docs.fake.test/v1/documents/:id', () =>
          docsDown ? HttpResponse.json({ error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' } }, { status: 503 }) : undefined,
        ),
      );
      const closed = await service.call('POST', `/api/plans/${planId}/close`, { as: 'manager', body: { outcome: 'partially_achieved', note: 'Moved teams.' } });
      expect(closed.status).toBe(200);
      expect(closed.json.plan.state).toBe('closed');
      expect(occurrences(documentText(world.fake.state.documents.get(docId)!), CLOSED_LINE)).toBe(0);
      const [waiting] = await service.store.listUnfinishedDocumentEdits();
      expect(waiting?.lastError).toContain('Writing into the document: [google] documents.batchUpdate (Outcome): 503');
      // The plan's people read that the document has not caught up, once however many cycles the outage lasts.
      await service.call('POST', '/api/poll', { as: 'hr' });
      const waits = (await service.store.listAudit(planId)).filter((e) => e.message.startsWith('Writing into the document waits:'));
      expect(waits.map((e) => e.message)).toEqual([expect.stringContaining('the next poll cycle carries on')]);

      docsDown = false;
      await service.call('POST', '/api/poll', { as: 'hr' });
      await service.call('POST', '/api/poll', { as: 'hr' });
      expect(occurrences(documentText(world.fake.state.documents.get(docId)!), CLOSED_LINE)).toBe(1);
      expect(await service.store.listUnfinishedDocumentEdits()).toEqual([]);
    } finally {
      await service.close();
      rmSync(service.dataDir, { recursive: true, force: true });
    }
  });
});

describe('extend on Google, interrupted', () => {
  it('a restart after Docs wrote the new end date and check-in list, before it was recorded, writes the list once', async () => {
    const world = await googleWorld(server);
    const dataDir = mkdtempSync(join(tmpdir(), 'extend-resume-'));
    try {
      const first = await serviceOn(world, dataDir);
      const created = await first.call('POST', '/api/plans', { as: 'manager', body: planBody('2026-12-01') });
      const planId: string = created.json.plan.id;
      const docId = (await first.store.getPlan(planId))!.docId!;
      const text = () => documentText(world.fake.state.documents.get(docId)!);
      expect(text()).toContain('Check-ins are due on: 8 Dec 2026, 15 Dec 2026, 22 Dec 2026, 29 Dec 2026.');
      // The process dies between Docs' answer and the store's record of it.
      first.store.recordDocumentEditProgress = async () => {
        throw new Error('killed');
      };
      expect((await first.call('POST', `/api/plans/${planId}/extend`, { as: 'manager', body: { endDate: '2027-01-14' } })).status).toBe(500);
      await first.close();

      const second = await serviceOn(world, dataDir);
      expect((await second.call('POST', '/api/poll', { as: 'hr' })).json.errors).toBe(0);
      const plan = (await second.call('GET', `/api/plans/${planId}`, { as: 'manager' })).json.plan;
      const list = plan.status.checkIns.map((checkIn: { due: string }) => readableDate(checkIn.due)).join(', ');
      expect(list).toBe('8 Dec 2026, 15 Dec 2026, 22 Dec 2026, 29 Dec 2026, 5 Jan 2027, 12 Jan 2027');
      const written = text();
      expect(occurrences(written, `Check-ins are due on: ${list}.`)).toBe(1);
      expect(occurrences(written, '12 Jan 2027')).toBe(1);
      expect(written).toContain('From 1 Dec 2026 to 14 Jan 2027.');
      expect(plan.audit.map((e: { message: string }) => e.message)).toContain(`New end date 2027-01-14 already there in the document, with the check-ins due by then: ${list}.`);
      expect(await second.store.listUnfinishedDocumentEdits()).toEqual([]);
      await second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
