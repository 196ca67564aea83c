import { auditStatements } from './sql-audit.js';
import type { SqlDriver, SqlStatement, SqlValue } from './sql-driver.js';
import type { DocumentEdit, DocumentEditIntent, DocumentEdits } from './types.js';

interface EditRow {
  id: string;
  plan_id: string;
  intent_json: string;
  done_json: string;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

const COLUMNS = 'id, plan_id, intent_json, done_json, last_error, created_at, finished_at';

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

/**
 * The intent of a document edit, for the batch that closes, extends or shares the plan. `onlyIf`:
 * kept only while the plan's row meets it (placed before the guarded update, as sql-lifecycle.ts does).
 */
export function documentEditInsert(planId: string, edit: Pick<DocumentEdit, 'id' | 'intent'>, at: string, onlyIf?: { sql: string; params: SqlValue[] }): SqlStatement {
  const params = [edit.id, planId, edit.intent.kind, JSON.stringify(edit.intent), at];
  if (!onlyIf) return { sql: 'INSERT INTO document_edits (id, plan_id, kind, intent_json, created_at) VALUES (?, ?, ?, ?, ?)', params };
  return {
    sql: `INSERT INTO document_edits (id, plan_id, kind, intent_json, created_at) SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM plans WHERE id = ? AND ${onlyIf.sql})`,
    params: [...params, planId, ...onlyIf.params],
  };
}

/** Document edits in SQL (SQLite and D1 alike; migration 0010). */
export function sqlDocumentEdits(driver: SqlDriver, now: () => string): DocumentEdits {
  return {
    async listUnfinishedDocumentEdits() {
      const rows = await driver.all<EditRow>(`SELECT ${COLUMNS} FROM document_edits WHERE finished_at IS NULL ORDER BY created_at, id`);
      return rows.map(toEdit);
    },
    async listDocumentEdits(planId) {
      const rows = await driver.all<EditRow>(`SELECT ${COLUMNS} FROM document_edits WHERE plan_id = ? ORDER BY created_at, id`, [planId]);
      return rows.map(toEdit);
    },
    async recordDocumentEditProgress(edit, progress, audit) {
      await driver.batch([
        {
          sql: 'UPDATE document_edits SET done_json = ?, last_error = ?, finished_at = ? WHERE id = ?',
          params: [JSON.stringify(progress.done), progress.lastError, progress.finishedAt, edit.id],
        },
        ...auditStatements(edit.planId, now(), audit),
      ]);
    },
  };
}
