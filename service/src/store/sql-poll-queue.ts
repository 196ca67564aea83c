import { auditStatements } from './sql-audit.js';
import { type Condition, idChunks, type SqlDriver, type SqlStatement, type SqlValue } from './sql-driver.js';
import { json, type PlanLoader, sharingColumns, updatePlan } from './sql-plan-rows.js';
import type { PlanStanding, PollDue, PollQueue, PollResult, PollTarget } from './types.js';

/** A provider's changes cursor moved (or first kept): the one way a cursor is written. */
function cursorUpsert(provider: string, cursor: string, at: string): SqlStatement {
  return {
    sql: 'INSERT INTO poll_cursors (provider, cursor, updated_at) VALUES (?, ?, ?) ON CONFLICT (provider) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at',
    params: [provider, cursor, at],
  };
}

/** The plan still stands as its sharing check found it (no share, close or reopen since). */
function stillStands(standing: PlanStanding): Condition {
  return { sql: 'state = ? AND stage = ? AND share_pending = ?', params: [standing.state, standing.stage, standing.sharePending ? 1 : 0] };
}

/**
 * A poll's writes: a snapshot when something changed, the plan row (its mark cleared), the audit
 * events. A result checked against a standing the plan has left is stale: all of it but what the
 * check did (`acted`) is dropped, the plan keeps its mark, and the next poll of it sees it as it is.
 */
function pollStatements(result: PollResult): SqlStatement[] {
  const guard = result.checkedAs ? stillStands(result.checkedAs) : undefined;
  const parsed = result.parsed === undefined ? null : json(result.parsed);
  const status = result.status === undefined ? null : json(result.status);
  // A snapshot only when what was read or computed differs from the plan's latest; runs before the update.
  const snapshot: SqlStatement = {
    sql: `INSERT INTO progress_snapshots (plan_id, polled_at, parsed_json, status_json)
          SELECT id, ?, COALESCE(?, parsed_json), COALESCE(?, status_json) FROM plans
          WHERE id = ? AND (parsed_json IS NOT COALESCE(?, parsed_json) OR status_json IS NOT COALESCE(?, status_json))${guard ? ` AND ${guard.sql}` : ''}`,
    params: [result.at, parsed, status, result.planId, parsed, status, ...(guard?.params ?? [])],
  };
  const set: Record<string, SqlValue> = { last_polled_at: result.at, poll_error: result.pollError, poll_due: null };
  if (parsed !== null) set.parsed_json = parsed;
  if (status !== null) set.status_json = status;
  if (result.sharing) Object.assign(set, sharingColumns(result.sharing));
  // A poll that read the same text and found the same sharing (what a sweep mostly does) moves only
  // the times of the last read and check: the version stays, so the dashboard's cache stays warm.
  // (status_json follows from parsed_json; the views compute status themselves.)
  const sharingState = result.sharing?.state ?? null;
  const sharingIssues = result.sharing ? json(result.sharing.issues) : null;
  const viewUnchanged = {
    sql: 'parsed_json IS COALESCE(?, parsed_json) AND poll_error IS ? AND sharing_state IS COALESCE(?, sharing_state) AND sharing_issues_json IS COALESCE(?, sharing_issues_json)',
    params: [parsed, result.pollError, sharingState, sharingIssues],
  };
  // The audit goes before the update, so its guard reads the row as the update finds it.
  const audit = auditStatements(result.planId, result.at, result.audit, guard);
  return [snapshot, ...auditStatements(result.planId, result.at, result.acted ?? []), ...audit, updatePlan(result.planId, { ...set, updated_at: result.at }, viewUnchanged, guard)];
}

/**
 * The poll queue in SQL (SQLite and D1 alike): `recordPoll` adds a progress snapshot only when
 * `parsed` or `status` differs from the plan's latest; marks live in `plans.poll_due` (migration 0008).
 */
export function sqlPollQueue(driver: SqlDriver, { loadPlanRows }: PlanLoader, now: () => number): PollQueue {
  return {
    async recordPoll(result) {
      await driver.batch(pollStatements(result));
    },

    async recordPolls(results) {
      await driver.batch(results.flatMap(pollStatements));
    },

    async getCursor(provider) {
      const row = await driver.first<{ cursor: string }>('SELECT cursor FROM poll_cursors WHERE provider = ?', [provider]);
      return row?.cursor ?? null;
    },

    async setCursor(provider, cursor) {
      await driver.batch([cursorUpsert(provider, cursor, new Date(now()).toISOString())]);
    },

    async listPollTargets() {
      const rows = await driver.all<{ id: string; provider: string; doc_id: string; state: 'ready' | 'closed'; needs_read: number }>(
        `SELECT id, provider, doc_id, state, (parsed_json IS NULL OR poll_error IS NOT NULL) AS needs_read
         FROM plans WHERE state IN ('ready', 'closed') AND doc_id IS NOT NULL ORDER BY id`,
      );
      return rows.map((row): PollTarget => ({ id: row.id, provider: row.provider, docId: row.doc_id, state: row.state, needsRead: row.needs_read === 1 }));
    },

    async markPollDue(due, cursors) {
      const statements: SqlStatement[] = [];
      for (const kind of ['read', 'sharing'] as const) {
        const ids = due.filter((entry) => entry.due === kind).map((entry) => entry.planId);
        for (const chunk of idChunks(ids)) {
          statements.push({
            sql: `UPDATE plans SET poll_due = CASE WHEN poll_due = 'read' THEN 'read' ELSE ? END WHERE id IN ${chunk.placeholders}`,
            params: [kind, ...chunk.ids],
          });
        }
      }
      const at = new Date(now()).toISOString();
      for (const [provider, cursor] of Object.entries(cursors)) statements.push(cursorUpsert(provider, cursor, at));
      await driver.batch(statements);
    },

    async listPollDue(limit) {
      const rows = await loadPlanRows('WHERE poll_due IS NOT NULL', [], limit);
      return rows.map(([row, plan]) => ({ plan, due: row.poll_due as PollDue }));
    },

    async getPlanStanding(id) {
      const row = await driver.first<{ state: PlanStanding['state']; stage: PlanStanding['stage']; share_pending: number }>(
        'SELECT state, stage, share_pending FROM plans WHERE id = ?',
        [id],
      );
      return row && { state: row.state, stage: row.stage, sharePending: row.share_pending === 1 };
    },

    async countPollDue() {
      const rows = await driver.all<{ provider: string; n: number }>('SELECT provider, COUNT(*) AS n FROM plans WHERE poll_due IS NOT NULL GROUP BY provider');
      return Object.fromEntries(rows.map((row) => [row.provider, row.n]));
    },
  };
}
