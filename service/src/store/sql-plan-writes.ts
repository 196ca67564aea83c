import type { AuditInput } from '../domain/audit.js';
import type { SharingStatus } from '../domain/plan.js';
import type { SqlStatement, SqlValue } from './sql-driver.js';

/** A condition over a plan's row, with its parameters. */
export interface Condition {
  sql: string;
  params: SqlValue[];
}

export const json = (value: unknown): string => JSON.stringify(value);

/** The next value of the one sequence every plan's `touched` draws from (migration 0007). */
export const NEXT_TOUCH = '(SELECT COALESCE(MAX(touched), 0) + 1 FROM plans)';

/**
 * Every write to a plan's row moves its `touched` to the top of the sequence, and raises its `version`
 * unless `viewUnchanged` (a condition over the row as it was before this write) holds: readers keep
 * what they derived from a plan until its version moves (plans/plan-view-cache.ts).
 */
export function updatePlan(id: string, set: Record<string, SqlValue>, viewUnchanged?: Condition, guard?: Condition): SqlStatement {
  const columns = Object.keys(set);
  const version = viewUnchanged ? `CASE WHEN ${viewUnchanged.sql} THEN version ELSE version + 1 END` : 'version + 1';
  return {
    sql: `UPDATE plans SET ${columns.map((column) => `${column} = ?`).join(', ')}, version = ${version}, touched = ${NEXT_TOUCH} WHERE id = ?${guard ? ` AND (${guard.sql})` : ''}`,
    params: [...Object.values(set), ...(viewUnchanged?.params ?? []), id, ...(guard?.params ?? [])],
  };
}

export function sharingColumns(sharing: SharingStatus): Record<string, SqlValue> {
  return { sharing_state: sharing.state, sharing_checked_at: sharing.checkedAt, sharing_issues_json: json(sharing.issues) };
}

/** A plan's audit events, for the batch that writes what they record. */
export function auditStatements(planId: string, at: string, events: AuditInput[]): SqlStatement[] {
  return events.map((event) => ({
    sql: 'INSERT INTO audit_events (plan_id, at, kind, actor, message, data_json) VALUES (?, ?, ?, ?, ?, ?)',
    params: [planId, at, event.kind, event.actor, event.message, event.data === undefined ? null : json(event.data)],
  }));
}
