import type { AuditEvent, AuditInput, AuditKind } from '../domain/audit.js';
import type { Condition, SqlDriver, SqlStatement } from './sql-driver.js';
import type { AuditLog } from './types.js';

interface AuditRow {
  id: number;
  plan_id: string;
  at: string;
  kind: string;
  actor: string;
  message: string;
  data_json: string | null;
}

function toAuditEvent(row: AuditRow): AuditEvent {
  const event: AuditEvent = { id: row.id, planId: row.plan_id, at: row.at, kind: row.kind as AuditKind, actor: row.actor, message: row.message };
  if (row.data_json !== null) event.data = JSON.parse(row.data_json) as AuditEvent['data'];
  return event;
}

/**
 * A plan's audit events, for the batch that writes what they record (a plan's write, a poll, a
 * reminder sent). With `guard`, each is written only if the plan's row meets it: the very condition
 * of the guarded update that follows in the same batch, so an update that changes nothing (someone
 * else aligned, shared or agreed first; a poll checked a plan that has moved on) leaves no event.
 */
export function auditStatements(planId: string, at: string, events: AuditInput[], guard?: Condition): SqlStatement[] {
  return events.map((event) => {
    const values = [planId, at, event.kind, event.actor, event.message, event.data === undefined ? null : JSON.stringify(event.data)];
    if (!guard) return { sql: 'INSERT INTO audit_events (plan_id, at, kind, actor, message, data_json) VALUES (?, ?, ?, ?, ?, ?)', params: values };
    return {
      sql: `INSERT INTO audit_events (plan_id, at, kind, actor, message, data_json)
            SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM plans WHERE id = ? AND ${guard.sql})`,
      params: [...values, planId, ...guard.params],
    };
  });
}

/** A plan's audit trail in SQL (SQLite and D1 alike), oldest first. */
export function sqlAuditLog(driver: SqlDriver, now: () => number): AuditLog {
  return {
    async appendAudit(planId, events) {
      if (events.length > 0) await driver.batch(auditStatements(planId, new Date(now()).toISOString(), events));
    },

    async listAudit(planId) {
      const rows = await driver.all<AuditRow>('SELECT id, plan_id, at, kind, actor, message, data_json FROM audit_events WHERE plan_id = ? ORDER BY id', [planId]);
      return rows.map(toAuditEvent);
    },
  };
}
