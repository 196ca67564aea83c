import type { AuditInput } from '../domain/audit.js';
import { auditStatements } from './sql-audit.js';
import type { Condition, SqlDriver, SqlStatement, SqlValue } from './sql-driver.js';
import { type LifecycleWrites, type PlanLoader, sharingColumns, updatePlan, updateWithAudit } from './sql-plan-rows.js';
import type { DocumentEdit, DocumentEditIntent, DocumentEdits, PlanLifecycle } from './types.js';

/*
 * A plan's lifecycle in SQL (SQLite and D1 alike), in one file: the handbook's order (align, share,
 * agree; migration 0009), closing, reopening and extending, then the document edits these steps queue
 * (migration 0010), which the poll cycle resumes.
 */

const AGREED_COLUMN = { teamMember: 'agreed_team_member_at', manager: 'agreed_manager_at' } as const;

/**
 * The handbook's order: each step is one batch whose update is guarded by the stage it starts from,
 * so two people acting at once cannot both take it: the one whose write did not apply gets `false`,
 * and nothing of theirs (not even an audit event) is kept. Closing, reopening and extending (the
 * PlanWrites that change the document too) record their document edit in the batch of their write.
 */
export function sqlPlanLifecycle(driver: SqlDriver, { loadPlans }: PlanLoader, now: () => number): PlanLifecycle & LifecycleWrites {
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

    markClosed(id, close, audit, edit) {
      const intent = edit ? [documentEditInsert(id, edit, close.at)] : [];
      return driver.batch(updateWithAudit(id, close.at, { state: 'closed', closed_at: close.at, outcome: close.outcome, close_note: close.note }, audit, intent));
    },

    reopenPlan(id, at, audit, edit) {
      return driver.batch(updateWithAudit(id, at, { state: 'ready', closed_at: null, outcome: null, close_note: null }, audit, [documentEditInsert(id, edit, at)]));
    },

    extendPlan(id, endDate, audit, edit) {
      const at = new Date(now()).toISOString();
      return driver.batch(updateWithAudit(id, at, { end_date: endDate }, audit, edit ? [documentEditInsert(id, edit, at)] : []));
    },
  };
}

/**
 * The intent of a document edit, for the batch that closes, extends or shares the plan. `onlyIf`:
 * kept only while the plan's row meets it (placed before the guarded update, as startSharing does).
 */
function documentEditInsert(planId: string, edit: Pick<DocumentEdit, 'id' | 'intent'>, at: string, onlyIf?: Condition): SqlStatement {
  const params = [edit.id, planId, edit.intent.kind, JSON.stringify(edit.intent), at];
  if (!onlyIf) return { sql: 'INSERT INTO document_edits (id, plan_id, kind, intent_json, created_at) VALUES (?, ?, ?, ?, ?)', params };
  return {
    sql: `INSERT INTO document_edits (id, plan_id, kind, intent_json, created_at) SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM plans WHERE id = ? AND ${onlyIf.sql})`,
    params: [...params, planId, ...onlyIf.params],
  };
}

interface EditRow {
  id: string;
  plan_id: string;
  intent_json: string;
  done_json: string;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

const EDIT_COLUMNS = 'id, plan_id, intent_json, done_json, last_error, created_at, finished_at';

function toEdit(row: EditRow): DocumentEdit {
  return {
    id: row.id,
    planId: row.plan_id,
    intent: JSON.parse(row.intent_json) as DocumentEditIntent,
    done: JSON.parse(row.done_json) as string[],
    lastError: row.last_error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/** The document edits the steps above queued, read back and advanced step by step (plans/document-edits.ts). */
export function sqlDocumentEdits(driver: SqlDriver, now: () => number): DocumentEdits {
  return {
    async listUnfinishedDocumentEdits() {
      const rows = await driver.all<EditRow>(`SELECT ${EDIT_COLUMNS} FROM document_edits WHERE finished_at IS NULL ORDER BY created_at, id`);
      return rows.map(toEdit);
    },
    async listDocumentEdits(planId) {
      const rows = await driver.all<EditRow>(`SELECT ${EDIT_COLUMNS} FROM document_edits WHERE plan_id = ? ORDER BY created_at, id`, [planId]);
      return rows.map(toEdit);
    },
    async recordDocumentEditProgress(edit, progress, audit) {
      await driver.batch([
        {
          sql: 'UPDATE document_edits SET done_json = ?, last_error = ?, finished_at = ? WHERE id = ?',
          params: [JSON.stringify(progress.done), progress.lastError, progress.finishedAt, edit.id],
        },
        ...auditStatements(edit.planId, new Date(now()).toISOString(), audit),
      ]);
    },
  };
}
