import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanRecord } from '../../service/src/domain/plan.js';
import { newPlan, parsedPlan, planStatus } from './store-fixtures.js';
import type { Store } from '../../service/src/store/types.js';

/**
 * The behaviour every Store must have, written once and run against each implementation: SQLite
 * (service/src/store/sqlite.test.ts) and D1 inside workerd (d1.workers.test.ts, `--project workers`).
 * `open` returns a fresh, empty, migrated store.
 */
export function describeStore(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('returns an inserted plan exactly, in its initial creating state', async () => {
      const plan = newPlan(1);
      await store.insertPlan(plan, null);
      const expected: PlanRecord = {
        ...plan,
        alignment: null,
        agreement: { teamMember: null, manager: null },
        sharePending: false,
        state: 'creating',
        docId: null,
        docUrl: null,
        failure: null,
        createCheckpoint: {},
        updatedAt: plan.createdAt,
        closedAt: null,
        outcome: null,
        closeNote: null,
        parsed: null,
        sharing: { state: 'pending', checkedAt: null, issues: [] },
        lastPolledAt: null,
        pollError: null,
      };
      expect(await store.getPlan(plan.id)).toStrictEqual(expected);
      expect(await store.getPlan('no-such-plan')).toBeNull();
    });

    it('records the intent in the audit log together with the plan', async () => {
      await store.insertPlan(newPlan(1), null);
      expect(await store.listAudit('plan-1')).toMatchObject([{ planId: 'plan-1', kind: 'plan.created', actor: 'manager1@example.com', at: newPlan(1).createdAt }]);
    });

    it('lists exactly the plans where an email is one of the four parties, ignoring case', async () => {
      await store.insertPlan(newPlan(1), null);
      await store.insertPlan(newPlan(2, { managersManager: { email: 'manager1@example.com', name: 'Manager 1' } }), null);
      await store.insertPlan(newPlan(3, { hr: { email: 'other-hr@example.com', name: 'Other HR' } }), null);
      const ids = async (email: string) => (await store.listPlans({ email })).map((plan) => plan.id);
      expect(await ids('manager1@example.com')).toEqual(['plan-2', 'plan-1']);
      expect(await ids('MANAGER1@Example.com')).toEqual(['plan-2', 'plan-1']);
      expect(await ids('member3@example.com')).toEqual(['plan-3']);
      expect(await ids('manager2@example.com')).toEqual(['plan-2']);
      expect(await ids('hr@example.com')).toEqual(['plan-2', 'plan-1']);
      expect(await ids('stranger@example.com')).toEqual([]);
      const [listed] = await store.listPlans({ email: 'member3@example.com' });
      expect(listed).toStrictEqual(await store.getPlan('plan-3'));
    });

    it('lists every plan, newest first, for HR', async () => {
      await store.insertPlan(newPlan(2), null);
      await store.insertPlan(newPlan(3), null);
      await store.insertPlan(newPlan(1), null);
      expect((await store.listPlans({ all: true })).map((plan) => plan.id)).toEqual(['plan-3', 'plan-2', 'plan-1']);
    });

    it('lists versions in listPlans order, and every write to a plan raises its version', async () => {
      await store.insertPlan(newPlan(1), null);
      await store.insertPlan(newPlan(2), null);
      await store.insertPlan(newPlan(3, { manager: { email: 'other@example.com', name: 'Other' } }), null);
      const all = await store.listPlanVersions({ all: true });
      expect(all.map((v) => v.id)).toEqual((await store.listPlans({ all: true })).map((plan) => plan.id));
      expect((await store.listPlanVersions({ email: 'MANAGER1@example.com' })).map((v) => v.id)).toEqual(['plan-1']);
      const versionOf = async (id: string) => (await store.listPlanVersions({ all: true })).find((v) => v.id === id)?.version;
      const before = await versionOf('plan-1');
      await store.saveCheckpoint('plan-1', { step: 1 });
      const afterCheckpoint = await versionOf('plan-1');
      await store.markReady('plan-1', { docId: 'doc-1', docUrl: 'https://docs.example/1', sharing: { state: 'ok', checkedAt: null, issues: [] } }, []);
      await store.recordPoll({ planId: 'plan-1', at: '2026-12-05T08:00:00.000Z', pollError: null, audit: [] });
      const afterPoll = await versionOf('plan-1');
      expect(afterCheckpoint).toBeGreaterThan(before ?? Infinity);
      expect(afterPoll).toBeGreaterThan(afterCheckpoint ?? Infinity);
      expect(await versionOf('plan-2')).toBe(before);
    });

    it('keeps the version when a poll moves only the check times, and moves the writes mark on every write', async () => {
      await store.insertPlan(newPlan(1), null);
      await store.insertPlan(newPlan(2), null);
      const sharing = { state: 'ok' as const, checkedAt: '2026-12-05T08:00:00.000Z', issues: [] };
      await store.markReady('plan-1', { docId: 'doc-1', docUrl: 'https://docs.example/1', sharing }, []);
      await store.recordPoll({ planId: 'plan-1', at: '2026-12-05T08:00:00.000Z', parsed: parsedPlan, status: planStatus, sharing, pollError: null, audit: [] });
      const listed = async (id: string) => (await store.listPlanVersions({ all: true })).find((v) => v.id === id);
      const before = await listed('plan-1');
      const mark = await store.planWritesMark();
      expect(await store.planWritesMark()).toBe(mark);

      // A sweep: the same text read again, the same sharing found, an hour later.
      const swept = { ...sharing, checkedAt: '2026-12-05T09:00:00.000Z' };
      await store.recordPolls([{ planId: 'plan-1', at: '2026-12-05T09:00:00.000Z', parsed: parsedPlan, status: planStatus, sharing: swept, pollError: null, audit: [] }]);
      const afterSweep = await listed('plan-1');
      expect(afterSweep?.version).toBe(before?.version);
      expect(afterSweep?.touched).toBeGreaterThan(before?.touched ?? Infinity);
      expect(await store.planWritesMark()).not.toBe(mark);
      expect(await store.getCheckTimes(['plan-1', 'no-such-plan'])).toEqual([
        { id: 'plan-1', touched: afterSweep?.touched, lastPolledAt: '2026-12-05T09:00:00.000Z', sharingCheckedAt: '2026-12-05T09:00:00.000Z' },
      ]);
      expect((await store.getCheckTimes('all')).map((t) => t.id).sort()).toEqual(['plan-1', 'plan-2']);

      // Anything the views show raises the version: the sharing found, the text read, a poll error.
      const changes: Partial<Parameters<Store['recordPoll']>[0]>[] = [
        { sharing: { ...swept, state: 'violation', issues: ['anyone with the link'] } },
        { parsed: { ...parsedPlan, progressEntries: [] } },
        { pollError: 'document not found' },
      ];
      let version = afterSweep?.version ?? Infinity;
      for (const change of changes) {
        await store.recordPoll({ planId: 'plan-1', at: '2026-12-05T10:00:00.000Z', pollError: null, audit: [], ...change });
        const now = await listed('plan-1');
        expect(now?.version).toBeGreaterThan(version);
        version = now?.version ?? Infinity;
      }
      // A new plan moves the mark too, and takes the highest touched.
      const mark2 = await store.planWritesMark();
      await store.insertPlan(newPlan(3), null);
      expect(await store.planWritesMark()).not.toBe(mark2);
      const touched = (await store.listPlanVersions({ all: true })).map((v) => v.touched);
      expect((await listed('plan-3'))?.touched).toBe(Math.max(...touched));
    });

    it('reads several plans by id at once, past the bound-parameter limit, leaving out unknown ids', async () => {
      const ids = Array.from({ length: 120 }, (_, i) => `plan-${i + 1}`);
      for (let i = 1; i <= 120; i++) await store.insertPlan(newPlan(i), null);
      const plans = await store.getPlans([...ids, 'no-such-plan']);
      expect(plans.map((plan) => plan.id).sort()).toEqual([...ids].sort());
      expect(plans.find((plan) => plan.id === 'plan-7')).toStrictEqual(await store.getPlan('plan-7'));
      expect(await store.getPlans([])).toEqual([]);
    });

    it('marks plans due past the bound-parameter limit, with the cursors, and a sharing mark never downgrades a read', async () => {
      const ids = Array.from({ length: 120 }, (_, i) => `plan-${i + 1}`);
      for (let i = 1; i <= 120; i++) await store.insertPlan(newPlan(i), null);
      await store.markPollDue(
        ids.slice(0, 100).map((planId) => ({ planId, due: 'read' as const })),
        { local: 'cursor-1' },
      );
      await store.markPollDue(
        ids.map((planId) => ({ planId, due: 'sharing' as const })),
        { local: 'cursor-2', notion: 'n-1' },
      );
      expect(await store.getCursor('local')).toBe('cursor-2');
      expect(await store.getCursor('notion')).toBe('n-1');
      expect(await store.countPollDue()).toEqual({ local: 120 });
      const due = await store.listPollDue(500);
      expect(
        due
          .filter((entry) => entry.due === 'read')
          .map((entry) => entry.plan.id)
          .sort(),
      ).toEqual(ids.slice(0, 100).sort());
      expect(
        due
          .filter((entry) => entry.due === 'sharing')
          .map((entry) => entry.plan.id)
          .sort(),
      ).toEqual(ids.slice(100).sort());
      expect(await store.listPollDue(5)).toHaveLength(5);
      expect((await store.getCheckTimes([...ids, 'no-such-plan'])).map((times) => times.id).sort()).toEqual([...ids].sort());
      // A recorded poll clears its plan's mark.
      await store.recordPolls(ids.slice(0, 95).map((planId) => ({ planId, at: '2026-12-02T08:00:00.000Z', pollError: null, audit: [] })));
      expect(await store.countPollDue()).toEqual({ local: 25 });
    });

    it('finds an idempotency key by actor and key, never by another actor', async () => {
      await store.insertPlan(newPlan(1), { actor: 'manager1@example.com', key: 'k-1', requestHash: 'hash-1' });
      expect(await store.findIdempotency('manager1@example.com', 'k-1')).toEqual({ actor: 'manager1@example.com', key: 'k-1', requestHash: 'hash-1', planId: 'plan-1' });
      expect(await store.findIdempotency('manager2@example.com', 'k-1')).toBeNull();
      expect(await store.findIdempotency('manager1@example.com', 'k-2')).toBeNull();
      // The same key from another actor is a different request.
      await store.insertPlan(newPlan(2), { actor: 'manager2@example.com', key: 'k-1', requestHash: 'hash-2' });
      expect((await store.findIdempotency('manager2@example.com', 'k-1'))?.planId).toBe('plan-2');
    });

    it('refuses a second plan with a used idempotency key and writes none of it', async () => {
      await store.insertPlan(newPlan(1), { actor: 'manager1@example.com', key: 'k-1', requestHash: 'hash-1' });
      const second = newPlan(2, { createdBy: 'manager1@example.com' });
      await expect(store.insertPlan(second, { actor: 'manager1@example.com', key: 'k-1', requestHash: 'hash-2' })).rejects.toThrow();
      expect(await store.getPlan('plan-2')).toBeNull();
      expect(await store.listPlans({ email: 'member2@example.com' })).toEqual([]);
      expect(await store.listAudit('plan-2')).toEqual([]);
      expect((await store.listPlans({ all: true })).map((plan) => plan.id)).toEqual(['plan-1']);
      expect(await store.findIdempotency('manager1@example.com', 'k-1')).toMatchObject({ planId: 'plan-1', requestHash: 'hash-1' });
    });

    it('lists only plans still being created as unfinished', async () => {
      for (const n of [1, 2, 3, 4]) await store.insertPlan(newPlan(n), null);
      await store.markReady('plan-1', { docId: 'd1', docUrl: 'http://x/d1', sharing: { state: 'ok', checkedAt: '2026-11-11T09:01:00.000Z', issues: [] } }, []);
      await store.markFailed('plan-2', 'Google refused', []);
      await store.markClosed('plan-4', { at: '2026-11-20T00:00:00.000Z', outcome: 'achieved', note: null }, []);
      expect((await store.listUnfinishedPlans()).map((plan) => plan.id)).toEqual(['plan-3']);
    });

    it('saves a create checkpoint', async () => {
      await store.insertPlan(newPlan(1), null);
      await store.saveCheckpoint('plan-1', { fileId: 'reserved-1', steps: ['create'] });
      const plan = await store.getPlan('plan-1');
      expect(plan?.createCheckpoint).toEqual({ fileId: 'reserved-1', steps: ['create'] });
      expect((plan?.updatedAt ?? '') > newPlan(1).createdAt).toBe(true);
    });

    it('marks a plan ready with its document and sharing, and audits it', async () => {
      await store.insertPlan(newPlan(1), null);
      const sharing = { state: 'repaired' as const, checkedAt: '2026-11-11T09:01:00.000Z', issues: ['removed anyone-with-link'] };
      await store.markReady('plan-1', { docId: 'doc-1', docUrl: 'https://docs.example/doc-1', sharing }, [
        { kind: 'sharing.granted', actor: 'service', message: 'Granted member1@example.com', data: { email: 'member1@example.com', role: 'writer' } },
      ]);
      const plan = await store.getPlan('plan-1');
      expect(plan).toMatchObject({ state: 'ready', docId: 'doc-1', docUrl: 'https://docs.example/doc-1', sharing, failure: null });
      expect((plan?.updatedAt ?? '') > newPlan(1).createdAt).toBe(true);
      expect((await store.listAudit('plan-1')).map((event) => event.kind)).toEqual(['plan.created', 'sharing.granted']);
    });

    it('marks a plan failed with a reason, and audits it', async () => {
      await store.insertPlan(newPlan(1), null);
      await store.markFailed('plan-1', 'The plans folder is in a shared drive', [{ kind: 'plan.create_failed', actor: 'service', message: 'Failed' }]);
      expect(await store.getPlan('plan-1')).toMatchObject({ state: 'failed', failure: 'The plans folder is in a shared drive' });
      expect((await store.listAudit('plan-1')).map((event) => event.kind)).toEqual(['plan.created', 'plan.create_failed']);
    });

    it('closes a plan with its outcome and note, and audits it at the close time', async () => {
      await store.insertPlan(newPlan(1), null);
      const at = '2026-12-31T17:00:00.000Z';
      await store.markClosed('plan-1', { at, outcome: 'partially_achieved', note: 'Good progress' }, [{ kind: 'plan.closed', actor: 'manager1@example.com', message: 'Closed' }]);
      expect(await store.getPlan('plan-1')).toMatchObject({ state: 'closed', closedAt: at, outcome: 'partially_achieved', closeNote: 'Good progress', updatedAt: at });
      expect((await store.listAudit('plan-1')).at(-1)).toMatchObject({ kind: 'plan.closed', at });
    });

    it("records a close with its document edit in one write, and the edit's steps until it is finished", async () => {
      await store.insertPlan(newPlan(1), null);
      const at = '2026-12-31T17:00:00.000Z';
      const intent = { kind: 'close' as const, notice: { outcome: 'achieved' as const, note: null, closedOn: '2026-12-31', closedBy: 'Manager 1 (manager)' } };
      await store.markClosed('plan-1', { at, outcome: 'achieved', note: null }, [], { id: 'edit-1', intent });
      const [edit] = await store.listUnfinishedDocumentEdits();
      expect(edit).toEqual({ id: 'edit-1', planId: 'plan-1', intent, done: [], lastError: null, createdAt: at, finishedAt: null });
      await store.recordDocumentEditProgress(edit!, { done: ['section'], lastError: 'lock: outage (will retry)', finishedAt: null }, [
        { kind: 'document.updated', actor: 'service', message: 'written' },
      ]);
      expect(await store.listUnfinishedDocumentEdits()).toMatchObject([{ done: ['section'], lastError: 'lock: outage (will retry)' }]);
      await store.recordDocumentEditProgress(edit!, { done: ['section', 'lock', 'notify'], lastError: null, finishedAt: '2027-01-01T00:00:00.000Z' }, []);
      expect(await store.listUnfinishedDocumentEdits()).toEqual([]);
      expect(await store.listDocumentEdits('plan-1')).toMatchObject([{ id: 'edit-1', finishedAt: '2027-01-01T00:00:00.000Z' }]);
      expect((await store.listAudit('plan-1')).at(-1)).toMatchObject({ kind: 'document.updated' });
    });

    it('reopens a closed plan: ready again, outcome cleared, with its edit', async () => {
      await store.insertPlan(newPlan(1), null);
      await store.markClosed('plan-1', { at: '2026-12-31T17:00:00.000Z', outcome: 'achieved', note: 'n' }, []);
      const intent = { kind: 'reopen' as const, notice: { reopenedOn: '2027-01-02', reopenedBy: 'hr@example.com (HR)', reason: 'mistake' } };
      await store.reopenPlan('plan-1', '2027-01-02T09:00:00.000Z', [{ kind: 'plan.reopened', actor: 'hr@example.com', message: 'Reopened' }], { id: 'edit-2', intent });
      expect(await store.getPlan('plan-1')).toMatchObject({ state: 'ready', closedAt: null, outcome: null, closeNote: null });
      expect(await store.listUnfinishedDocumentEdits()).toMatchObject([{ id: 'edit-2', intent }]);
    });

    it('extends a plan and audits it', async () => {
      await store.insertPlan(newPlan(1), null);
      await store.extendPlan('plan-1', '2027-01-15', [{ kind: 'plan.extended', actor: 'hr@example.com', message: 'Extended', data: { from: '2026-12-31', to: '2027-01-15' } }]);
      expect((await store.getPlan('plan-1'))?.endDate).toBe('2027-01-15');
      expect((await store.listAudit('plan-1')).at(-1)).toMatchObject({ kind: 'plan.extended', data: { from: '2026-12-31', to: '2027-01-15' } });
    });

    it('records a poll: what was read, sharing, time and error, with its audit', async () => {
      await store.insertPlan(newPlan(1), null);
      const sharing = { state: 'violation' as const, checkedAt: '2026-12-05T08:00:00.000Z', issues: ['page is shared to the web'] };
      await store.recordPoll({
        planId: 'plan-1',
        at: '2026-12-05T08:00:00.000Z',
        parsed: parsedPlan,
        status: planStatus,
        sharing,
        pollError: null,
        audit: [{ kind: 'sharing.violation', actor: 'service', message: 'Shared to the web' }],
      });
      expect(await store.getPlan('plan-1')).toMatchObject({
        parsed: parsedPlan,
        sharing,
        lastPolledAt: '2026-12-05T08:00:00.000Z',
        pollError: null,
        updatedAt: '2026-12-05T08:00:00.000Z',
      });
      expect((await store.listAudit('plan-1')).at(-1)).toMatchObject({ kind: 'sharing.violation', at: '2026-12-05T08:00:00.000Z' });

      // A failed poll keeps the last reading and sharing, and says why.
      await store.recordPoll({ planId: 'plan-1', at: '2026-12-05T09:00:00.000Z', pollError: 'Document not found', audit: [] });
      expect(await store.getPlan('plan-1')).toMatchObject({ parsed: parsedPlan, sharing, lastPolledAt: '2026-12-05T09:00:00.000Z', pollError: 'Document not found' });
    });

    it('keeps a poll checked against a standing the plan has left only as what its check did; the plan stays marked', async () => {
      await store.insertPlan(newPlan(1), null);
      const ok = { state: 'ok' as const, checkedAt: '2026-12-05T07:00:00.000Z', issues: [] };
      await store.markReady('plan-1', { docId: 'doc-1', docUrl: 'https://docs.example/1', sharing: ok }, []);
      const standing = await store.getPlanStanding('plan-1');
      expect(standing).toEqual({ state: 'ready', stage: 'shared', sharePending: false });
      expect(await store.getPlanStanding('no-such-plan')).toBeNull();
      await store.markPollDue([{ planId: 'plan-1', due: 'read' }], {});
      // The check began on the open plan; it was closed before the poll was recorded.
      await store.markClosed('plan-1', { at: '2026-12-05T07:30:00.000Z', outcome: 'achieved', note: null }, []);
      const repaired = { state: 'repaired' as const, checkedAt: '2026-12-05T08:00:00.000Z', issues: ['restored ana (writer)'] };
      const stale = {
        planId: 'plan-1',
        at: '2026-12-05T08:00:00.000Z',
        parsed: parsedPlan,
        status: planStatus,
        sharing: repaired,
        pollError: null,
        checkedAs: standing!,
        acted: [{ kind: 'sharing.repaired' as const, actor: 'service', message: 'Restored ana (writer)' }],
        audit: [{ kind: 'status.changed' as const, actor: 'service', message: 'active/on_track -> active/at_risk' }],
      };
      await store.recordPoll(stale);
      expect(await store.getPlan('plan-1')).toMatchObject({ state: 'closed', parsed: null, sharing: ok, lastPolledAt: null });
      expect((await store.listPollDue(10)).map(({ plan, due }) => [plan.id, due])).toEqual([['plan-1', 'read']]);
      expect((await store.listAudit('plan-1')).map((event) => event.kind)).toEqual(['plan.created', 'sharing.repaired']);
      // Checked again as the plan stands: kept, and the mark cleared.
      await store.recordPoll({ ...stale, checkedAs: (await store.getPlanStanding('plan-1'))!, acted: [] });
      expect(await store.getPlan('plan-1')).toMatchObject({ state: 'closed', parsed: parsedPlan, sharing: repaired, lastPolledAt: '2026-12-05T08:00:00.000Z' });
      expect(await store.listPollDue(10)).toEqual([]);
      expect((await store.listAudit('plan-1')).map((event) => event.kind)).toEqual(['plan.created', 'sharing.repaired', 'status.changed']);
    });

    it('lists audit events in the order they happened, per plan', async () => {
      await store.insertPlan(newPlan(1), null);
      await store.insertPlan(newPlan(2), null);
      await store.appendAudit('plan-1', [
        { kind: 'sharing.granted', actor: 'service', message: 'a', data: { nested: { list: [1, 2] } } },
        { kind: 'sharing.removed', actor: 'service', message: 'b' },
      ]);
      await store.appendAudit('plan-2', [{ kind: 'sharing.granted', actor: 'service', message: 'other plan' }]);
      await store.appendAudit('plan-1', [{ kind: 'sharing.repaired', actor: 'service', message: 'c' }]);
      await store.appendAudit('plan-1', []);
      const events = await store.listAudit('plan-1');
      expect(events.map((event) => event.message)).toEqual([expect.stringContaining('Plan requested'), 'a', 'b', 'c']);
      expect(events[1]).toStrictEqual({
        id: events[1]?.id,
        planId: 'plan-1',
        at: events[1]?.at,
        kind: 'sharing.granted',
        actor: 'service',
        message: 'a',
        data: { nested: { list: [1, 2] } },
      });
      expect(events[2]).not.toHaveProperty('data');
      expect(events.map((event) => event.id)).toEqual([...events.map((event) => event.id)].sort((a, b) => a - b));
    });

    it('keeps one poll cursor per provider', async () => {
      expect(await store.getCursor('google')).toBeNull();
      await store.setCursor('google', 'page-token-1');
      await store.setCursor('notion', '2026-12-05T08:00:00.000Z');
      await store.setCursor('google', 'page-token-2');
      expect(await store.getCursor('google')).toBe('page-token-2');
      expect(await store.getCursor('notion')).toBe('2026-12-05T08:00:00.000Z');
      expect(await store.getCursor('local')).toBeNull();
    });

    it('keeps a session open until it is ended or expires, and an ended one stays ended', async () => {
      const session = { id: 'sid-1', email: 'ben@example.com', via: 'token' as const, hrGroup: null, createdAt: '2026-12-01T08:00:00.000Z', expiresAt: '2026-12-01T20:00:00.000Z' };
      const isSessionOpen = async (id: string, at: string) => (await store.findOpenSession(id, at)) !== null;
      await store.openSession(session);
      await store.openSession({ ...session, id: 'sid-2' });
      expect(await isSessionOpen('sid-1', '2026-12-01T09:00:00.000Z')).toBe(true);
      expect(await isSessionOpen('sid-1', '2026-12-01T20:00:00.000Z')).toBe(false);
      expect(await isSessionOpen('no-such-session', '2026-12-01T09:00:00.000Z')).toBe(false);
      await store.endSession('sid-1', '2026-12-01T10:00:00.000Z');
      await store.endSession('sid-1', '2026-12-01T11:00:00.000Z');
      expect(await isSessionOpen('sid-1', '2026-12-01T10:30:00.000Z')).toBe(false);
      expect(await isSessionOpen('sid-2', '2026-12-01T10:30:00.000Z')).toBe(true);
      // Opening a session the next day forgets the expired ones: the id cannot come back.
      await store.openSession({ ...session, id: 'sid-3', createdAt: '2026-12-02T08:00:00.000Z', expiresAt: '2026-12-02T20:00:00.000Z' });
      await expect(store.openSession({ ...session, id: 'sid-3' })).rejects.toThrow();
    });

    it('keeps what opened a session (email, method, the group that made the person HR) in its row', async () => {
      const times = { createdAt: '2026-12-01T08:00:00.000Z', expiresAt: '2026-12-01T20:00:00.000Z' };
      await store.openSession({ id: 'sid-hr', email: 'hr@example.com', via: 'oidc', hrGroup: 'people-team', ...times });
      await store.openSession({ id: 'sid-ben', email: 'ben@example.com', via: 'token', hrGroup: null, ...times });
      expect(await store.findOpenSession('sid-hr', '2026-12-01T09:00:00.000Z')).toStrictEqual({ email: 'hr@example.com', via: 'oidc', hrGroup: 'people-team' });
      expect(await store.findOpenSession('sid-ben', '2026-12-01T09:00:00.000Z')).toStrictEqual({ email: 'ben@example.com', via: 'token', hrGroup: null });
      await store.endSession('sid-hr', '2026-12-01T10:00:00.000Z');
      expect(await store.findOpenSession('sid-hr', '2026-12-01T10:30:00.000Z')).toBeNull();
    });

    it('lets each sign-in attempt be finished once, and only before it expires', async () => {
      const expires = '2026-12-01T08:10:00.000Z';
      expect(await store.useSignInState('state-1', expires, '2026-12-01T08:05:00.000Z')).toBe(true);
      expect(await store.useSignInState('state-1', expires, '2026-12-01T08:06:00.000Z')).toBe(false);
      expect(await store.useSignInState('state-2', expires, '2026-12-01T08:05:00.000Z')).toBe(true);
      // An expired attempt is refused, and forgotten once the next sign-in comes after its expiry.
      expect(await store.useSignInState('state-3', expires, '2026-12-01T08:10:00.000Z')).toBe(false);
      expect(await store.useSignInState('state-4', '2026-12-01T08:30:00.000Z', '2026-12-01T08:20:00.000Z')).toBe(true);
      // state-1's row went with its expiry: the id could be used again, but its signed cookie has expired too.
      expect(await store.useSignInState('state-1', '2026-12-01T08:30:00.000Z', '2026-12-01T08:20:00.000Z')).toBe(true);
    });

    it('counts failed sign-ins per key since a time', async () => {
      await store.recordSignInFailure(['address:203.0.113.9', 'email:ben@example.com'], '2026-12-01T08:00:00.000Z');
      await store.recordSignInFailure(['address:203.0.113.9'], '2026-12-01T08:10:00.000Z');
      expect(await store.countSignInFailures('address:203.0.113.9', '2026-12-01T07:50:00.000Z')).toBe(2);
      expect(await store.countSignInFailures('address:203.0.113.9', '2026-12-01T08:05:00.000Z')).toBe(1);
      expect(await store.countSignInFailures('email:ben@example.com', '2026-12-01T07:50:00.000Z')).toBe(1);
      expect(await store.countSignInFailures('email:ana@example.com', '2026-12-01T07:50:00.000Z')).toBe(0);
    });

    it('keeps one calendar token per person: the first of two added at once, until replaced', async () => {
      const token = (email: string, n: number) => ({ email, tokenHash: `hash-${n}`, sealed: `sealed-${n}`, createdAt: '2026-12-01T08:00:00.000Z' });
      expect(await store.getCalendarToken('ana@example.com')).toBeNull();
      const [first, second] = await Promise.all([store.addCalendarToken(token('ana@example.com', 1)), store.addCalendarToken(token('ana@example.com', 2))]);
      expect(second).toStrictEqual(first);
      await store.addCalendarToken(token('ben@example.com', 3));
      expect(await store.findCalendarTokenOwner(first.tokenHash)).toBe('ana@example.com');
      await store.replaceCalendarToken(token('ana@example.com', 4));
      expect(await store.findCalendarTokenOwner(first.tokenHash)).toBeNull();
      expect(await store.findCalendarTokenOwner('hash-4')).toBe('ana@example.com');
      expect(await store.getCalendarToken('ana@example.com')).toStrictEqual(token('ana@example.com', 4));
      expect(await store.findCalendarTokenOwner('hash-3')).toBe('ben@example.com');
      // A hash is unique: no second person can hold it.
      await expect(store.replaceCalendarToken(token('cy@example.com', 3))).rejects.toThrow(/UNIQUE|constraint/i);
      // Revoked (HR, or its owner): the address finds no one, and nothing is left to revoke.
      expect(await store.deleteCalendarToken('ana@example.com')).toBe(true);
      expect(await store.findCalendarTokenOwner('hash-4')).toBeNull();
      expect(await store.getCalendarToken('ana@example.com')).toBeNull();
      expect(await store.deleteCalendarToken('ana@example.com')).toBe(false);
      expect(await store.findCalendarTokenOwner('hash-3')).toBe('ben@example.com');
    });
  });
}
