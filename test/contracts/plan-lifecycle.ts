import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SharingStatus } from '../../service/src/domain/plan.js';
import { newPlan } from './store-fixtures.js';
import type { Store } from '../../service/src/store/types.js';

const DOC = { docId: 'doc-1', docUrl: 'https://docs.example/doc-1', sharing: { state: 'ok' as const, checkedAt: '2026-11-20T09:00:00.000Z', issues: [] } };
const PENDING: SharingStatus = { state: 'pending', checkedAt: DOC.sharing.checkedAt, issues: ['Not yet shared with Member 1'] };
const at = (minute: number) => `2026-11-20T10:${String(minute).padStart(2, '0')}:00.000Z`;

/**
 * The handbook's order as the store keeps it (migration 0009), run on SQLite and on D1: each step
 * applies once, only from its own stage, with its audit event; a step that does not apply writes
 * nothing at all.
 */
export function describePlanLifecycle(name: string, open: () => Promise<Store>): void {
  describe(`Store plan lifecycle: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => store.close());

    async function readyDraft() {
      await store.insertPlan(newPlan(1, { stage: 'draft', kind: 'performance' }), null);
      await store.markReady('plan-1', DOC, []);
    }
    const kinds = async () => (await store.listAudit('plan-1')).map((event) => event.kind);

    it('keeps a draft as a draft, with its kind, no alignment and no agreement', async () => {
      await readyDraft();
      expect(await store.getPlan('plan-1')).toMatchObject({
        stage: 'draft',
        kind: 'performance',
        alignment: null,
        agreement: { teamMember: null, manager: null },
        sharePending: false,
      });
      expect((await store.listAudit('plan-1'))[0]?.message).toMatch(/^Draft requested by/);
    });

    it('aligns a ready draft once: a second alignment changes nothing and records nothing', async () => {
      await readyDraft();
      expect(
        await store.alignPlan('plan-1', { by: 'director1@example.com', at: at(1), note: 'Go ahead' }, [
          { kind: 'plan.aligned', actor: 'director1@example.com', message: 'Aligned' },
        ]),
      ).toBe(true);
      expect(await store.alignPlan('plan-1', { by: 'hr@example.com', at: at(2), note: '' }, [{ kind: 'plan.aligned', actor: 'hr@example.com', message: 'Aligned' }])).toBe(false);
      expect((await store.getPlan('plan-1'))?.alignment).toEqual({ by: 'director1@example.com', at: at(1), note: 'Go ahead' });
      expect(await kinds()).toEqual(['plan.created', 'plan.aligned']);
    });

    it('does not align a plan that is not a ready draft', async () => {
      await store.insertPlan(newPlan(1, { stage: 'draft' }), null);
      expect(await store.alignPlan('plan-1', { by: 'd@example.com', at: at(1), note: '' }, [])).toBe(false);
      await store.insertPlan(newPlan(2), null);
      await store.markReady('plan-2', DOC, []);
      expect(await store.alignPlan('plan-2', { by: 'd@example.com', at: at(1), note: '' }, [{ kind: 'plan.aligned', actor: 'd', message: 'x' }])).toBe(false);
      expect((await store.getPlan('plan-2'))?.alignment).toBeNull();
      expect((await store.listAudit('plan-2')).map((event) => event.kind)).toEqual(['plan.created']);
    });

    it('shares only an aligned draft, moving its dates and marking the share pending until it is finished', async () => {
      await readyDraft();
      const share = (minute = 3) =>
        store.startSharing('plan-1', { at: at(minute), startDate: '2026-12-05', endDate: '2027-01-04', sharing: PENDING }, [
          { kind: 'plan.shared', actor: 'manager1@example.com', message: 'Shared' },
        ]);
      expect(await share()).toBe(false);
      expect((await store.getPlan('plan-1'))?.stage).toBe('draft');
      await store.alignPlan('plan-1', { by: 'director1@example.com', at: at(1), note: '' }, []);
      expect(await share()).toBe(true);
      expect(await store.getPlan('plan-1')).toMatchObject({ stage: 'shared', sharePending: true, startDate: '2026-12-05', endDate: '2027-01-04', sharing: PENDING });
      expect(await store.listSharePending()).toHaveLength(1);
      expect(await share(9)).toBe(false);
      const verified = { state: 'ok' as const, checkedAt: at(4), issues: [] };
      await store.finishSharing('plan-1', { at: at(4), sharing: verified }, [{ kind: 'sharing.granted', actor: 'service', message: 'Shared with member1' }]);
      expect(await store.getPlan('plan-1')).toMatchObject({ stage: 'shared', sharePending: false, sharing: verified });
      expect(await store.listSharePending()).toEqual([]);
      expect(await kinds()).toEqual(['plan.created', 'plan.shared', 'sharing.granted']);
    });

    it("keeps the moved dates' document edit only with the share that applied", async () => {
      await readyDraft();
      const change = { from: '2026-12-31', to: '2027-01-04', start: { from: '2026-12-01', to: '2026-12-05' }, changedOn: '2026-12-05', changedBy: 'Manager 1 (manager)' };
      const edit = (id: string) => ({ id, intent: { kind: 'share' as const, change } });
      const share = (id: string, minute = 3) => store.startSharing('plan-1', { at: at(minute), startDate: '2026-12-05', endDate: '2027-01-04', sharing: PENDING }, [], edit(id));
      expect(await share('edit-refused')).toBe(false);
      expect(await store.listDocumentEdits('plan-1')).toEqual([]);
      await store.alignPlan('plan-1', { by: 'director1@example.com', at: at(1), note: '' }, []);
      expect(await share('edit-1')).toBe(true);
      expect(await share('edit-twice', 9)).toBe(false);
      expect(await store.listDocumentEdits('plan-1')).toMatchObject([{ id: 'edit-1', planId: 'plan-1', intent: { kind: 'share', change }, done: [], finishedAt: null }]);
    });

    it('records a pending share that failed, without finishing it', async () => {
      await readyDraft();
      await store.alignPlan('plan-1', { by: 'director1@example.com', at: at(1), note: '' }, []);
      await store.startSharing('plan-1', { at: at(3), startDate: '2026-12-01', endDate: '2026-12-31', sharing: PENDING }, []);
      const failed: SharingStatus = { state: 'pending', checkedAt: DOC.sharing.checkedAt, issues: ['Not yet shared with Member 1: Drive answered 503'] };
      await store.noteSharingProgress('plan-1', failed);
      expect(await store.getPlan('plan-1')).toMatchObject({ sharePending: true, sharing: failed });
    });

    it('records each agreement once, and the plan is agreed when both agreed', async () => {
      await store.insertPlan(newPlan(1), null);
      await store.markReady('plan-1', DOC, []);
      const agree = (role: 'teamMember' | 'manager', minute: number) =>
        store.recordAgreement('plan-1', role, at(minute), [{ kind: 'plan.agreed', actor: role, message: `${role} agreed` }]);
      expect(await agree('manager', 5)).toBe(true);
      expect(await store.getPlan('plan-1')).toMatchObject({ stage: 'shared', agreement: { teamMember: null, manager: at(5) } });
      expect(await agree('manager', 6)).toBe(false);
      expect(await agree('teamMember', 7)).toBe(true);
      expect(await store.getPlan('plan-1')).toMatchObject({ stage: 'agreed', agreement: { teamMember: at(7), manager: at(5) } });
      expect(await kinds()).toEqual(['plan.created', 'plan.agreed', 'plan.agreed']);
    });

    it('records no agreement on a draft', async () => {
      await readyDraft();
      expect(await store.recordAgreement('plan-1', 'manager', at(5), [{ kind: 'plan.agreed', actor: 'm', message: 'x' }])).toBe(false);
      expect(await store.getPlan('plan-1')).toMatchObject({ stage: 'draft', agreement: { teamMember: null, manager: null } });
      expect(await kinds()).toEqual(['plan.created']);
    });

    it('raises the version with every lifecycle step, so cached views are made again', async () => {
      await readyDraft();
      const version = async () => (await store.listPlanVersions({ all: true }))[0]?.version;
      const before = await version();
      await store.alignPlan('plan-1', { by: 'director1@example.com', at: at(1), note: '' }, []);
      expect(await version()).toBeGreaterThan(before ?? 0);
    });
  });
}
