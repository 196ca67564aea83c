import type { AuditInput } from '../domain/audit.js';
import { auditStatements } from './sql-audit.js';
import { documentEditInsert } from './sql-document-edits.js';
import type { Condition, SqlDriver, SqlStatement, SqlValue } from './sql-driver.js';
import { type PlanLoader, sharingColumns, updatePlan } from './sql-plan-rows.js';
import type { PlanLifecycle } from './types.js';

const AGREED_COLUMN = { teamMember: 'agreed_team_member_at', manager: 'agreed_manager_at' } as const;

/**
 * The handbook's order in SQL (migration 0009). Each step is one batch whose update is guarded by
 * the stage it starts from, so two people acting at once cannot both take it: the one whose write
 * did not apply gets `false`, and nothing of theirs (not even an audit event) is kept.
 */
export function sqlPlanLifecycle(driver: SqlDriver, { loadPlans }: PlanLoader): PlanLifecycle {
  const holds = async (id: string, applied: Condition) => (await driver.first(`SELECT 1 AS yes FROM plans WHERE id = ? AND ${applied.sql}`, [id, ...applied.params])) !== null;

  /** The guarded update with its audit events: the events go first, written only if the update will apply. */
  const step = (id: string, at: string, set: Record<string, SqlValue>, guard: Condition, audit: AuditInput[], after: SqlStatement[] = []) =>
    driver.batch([...auditStatements(id, at, audit, guard), updatePlan(id, { ...set, updated_at: at }, undefined, guard), ...after]);

  return {
    async alignPlan(id, alignment, audit) {
      const guard = { sql: "stage = 'draft' AND aligned_at IS NULL AND state = 'ready'", params: [] };
      await step(id, alignment.at, { aligned_by: alignment.by, aligned_at: alignment.at, alignment_note: alignment.note }, guard, audit);
      return holds(id, { sql: 'aligned_at = ? AND aligned_by = ?', params: [alignment.at, alignment.by] });
    },

    async startSharing(id, change, audit, edit) {
      const guard = { sql: "stage = 'draft' AND aligned_at IS NOT NULL AND state = 'ready'", params: [] };
      const set = { stage: 'shared', share_pending: 1, start_date: change.startDate, end_date: change.endDate, ...sharingColumns(change.sharing) };
      // The dates' document edit is kept only with the share it belongs to, like the audit events.
      const intent = edit ? [documentEditInsert(id, edit, change.at, guard)] : [];
      await driver.batch([...auditStatements(id, change.at, audit, guard), ...intent, updatePlan(id, { ...set, updated_at: change.at }, undefined, guard)]);
      return holds(id, { sql: "stage = 'shared' AND share_pending = 1 AND updated_at = ?", params: [change.at] });
    },

    async finishSharing(id, result, audit) {
      await step(id, result.at, { share_pending: 0, ...sharingColumns(result.sharing) }, { sql: 'share_pending = 1', params: [] }, audit);
    },

    async noteSharingProgress(id, sharing) {
      await driver.batch([updatePlan(id, sharingColumns(sharing), undefined, { sql: 'share_pending = 1', params: [] })]);
    },

    async recordAgreement(id, role, at, audit) {
      const column = AGREED_COLUMN[role];
      const guard = { sql: `${column} IS NULL AND stage IN ('shared', 'agreed') AND state = 'ready'`, params: [] };
      // Both agreed: the plan is agreed, in the same batch, so no reader sees both times and `shared`.
      const agreed = updatePlan(id, { stage: 'agreed' }, undefined, {
        sql: "stage = 'shared' AND agreed_team_member_at IS NOT NULL AND agreed_manager_at IS NOT NULL",
        params: [],
      });
      await step(id, at, { [column]: at }, guard, audit, [agreed]);
      return holds(id, { sql: `${column} = ?`, params: [at] });
    },

    listSharePending() {
      return loadPlans("WHERE share_pending = 1 AND state = 'ready'", []);
    },
  };
}
