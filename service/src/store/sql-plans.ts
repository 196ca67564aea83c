import type { AuditInput } from '../domain/audit.js';
import { PARTY_ROLES } from '../domain/plan-schema.js';
import type { PlanRecord } from '../domain/plan.js';
import { documentEditInsert } from './sql-document-edits.js';
import { idChunks, type SqlDriver, type SqlStatement, type SqlValue } from './sql-driver.js';
import { auditStatements, json, NEWEST_FIRST, NEXT_TOUCH, type PlanLoader, sharingColumns, updatePlan } from './sql-plan-rows.js';
import type { PlanRows, PlanVersion } from './types.js';

const PLANS_OF_EMAIL = 'SELECT plan_id FROM plan_parties WHERE email = ?';

interface CheckTimesRow {
  id: string;
  touched: number;
  last_polled_at: string | null;
  sharing_checked_at: string | null;
}

/**
 * Plans in SQL (SQLite and D1 alike). `insertPlan` writes its own audit event (`plan.created`, actor
 * `createdBy`, at `createdAt`: "Plan requested by ..."); a used (actor, key) rejects the whole batch
 * (SQLite/D1 "UNIQUE constraint failed"). Updates of an unknown plan id change nothing; with audit
 * events they reject (foreign key).
 */
export function sqlPlanRows(driver: SqlDriver, { loadPlans }: PlanLoader, now: () => string): PlanRows {
  /** A plan update and its audit events (and statements that belong with them), together; `at` is when it happened. */
  function writeWithAudit(id: string, at: string, set: Record<string, SqlValue>, audit: AuditInput[], also: SqlStatement[] = []): Promise<void> {
    return driver.batch([updatePlan(id, { ...set, updated_at: at }), ...also, ...auditStatements(id, at, audit)]);
  }

  return {
    async insertPlan(plan, idempotency) {
      const statements: SqlStatement[] = [
        {
          sql: `INSERT INTO plans (id, provider, development_area, current_state, goal_state, activities_json, support_assets,
                  update_cadence_days, start_date, end_date, created_by, created_at, updated_at, kind, stage, touched)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${NEXT_TOUCH})`,
          params: [
            plan.id,
            plan.provider,
            plan.developmentArea,
            plan.currentState,
            plan.goalState,
            json(plan.activities),
            plan.supportAssets,
            plan.updateCadenceDays,
            plan.startDate,
            plan.endDate,
            plan.createdBy,
            plan.createdAt,
            plan.createdAt,
            plan.kind,
            plan.stage,
          ],
        },
        ...PARTY_ROLES.map((role) => ({
          sql: 'INSERT INTO plan_parties (plan_id, role, email, name) VALUES (?, ?, ?, ?)',
          params: [plan.id, role, plan[role].email, plan[role].name],
        })),
      ];
      if (idempotency) {
        statements.push({
          sql: 'INSERT INTO idempotency_keys (actor, key, request_hash, plan_id, created_at) VALUES (?, ?, ?, ?, ?)',
          params: [idempotency.actor, idempotency.key, idempotency.requestHash, plan.id, plan.createdAt],
        });
      }
      const recorded: AuditInput =
        plan.stage === 'draft'
          ? {
              kind: 'plan.created',
              actor: plan.createdBy,
              message: `Draft requested by ${plan.createdBy}; creating its ${plan.provider} document for the manager, the manager's manager and HR`,
            }
          : { kind: 'plan.created', actor: plan.createdBy, message: `Plan requested by ${plan.createdBy}; creating its ${plan.provider} document` };
      statements.push(...auditStatements(plan.id, plan.createdAt, [recorded]));
      await driver.batch(statements);
    },

    async findIdempotency(actor, key) {
      const row = await driver.first<{ actor: string; key: string; request_hash: string; plan_id: string }>(
        'SELECT actor, key, request_hash, plan_id FROM idempotency_keys WHERE actor = ? AND key = ?',
        [actor, key],
      );
      return row && { actor: row.actor, key: row.key, requestHash: row.request_hash, planId: row.plan_id };
    },

    async getPlan(id) {
      const [plan] = await loadPlans('WHERE id = ?', [id]);
      return plan ?? null;
    },

    listPlans(filter) {
      return 'all' in filter ? loadPlans('', []) : loadPlans(`WHERE id IN (${PLANS_OF_EMAIL})`, [filter.email]);
    },

    async listPlanVersions(filter) {
      // rowid breaks ties as NEWEST_FIRST does; the email case goes through plan_parties_email.
      const sql =
        'all' in filter ? `SELECT id, version, touched FROM plans ${NEWEST_FIRST}` : `SELECT id, version, touched FROM plans WHERE id IN (${PLANS_OF_EMAIL}) ${NEWEST_FIRST}`;
      return driver.all<PlanVersion>(sql, 'all' in filter ? [] : [filter.email]);
    },

    async planWritesMark() {
      // Two index lookups (plans_touched, and the count over the smallest index), whatever the number of plans.
      const row = await driver.first<{ touched: number | null; n: number }>('SELECT MAX(touched) AS touched, COUNT(*) AS n FROM plans');
      return `${row?.touched ?? 0}:${row?.n ?? 0}`;
    },

    async getCheckTimes(ids) {
      const rows: CheckTimesRow[] = [];
      const select = 'SELECT id, touched, last_polled_at, sharing_checked_at FROM plans';
      if (ids === 'all') rows.push(...(await driver.all<CheckTimesRow>(select)));
      for (const chunk of ids === 'all' ? [] : idChunks(ids)) {
        rows.push(...(await driver.all<CheckTimesRow>(`${select} WHERE id IN ${chunk.placeholders}`, chunk.ids)));
      }
      return rows.map((row) => ({ id: row.id, touched: row.touched, lastPolledAt: row.last_polled_at, sharingCheckedAt: row.sharing_checked_at }));
    },

    async getPlans(ids) {
      const plans: PlanRecord[] = [];
      for (const chunk of idChunks(ids)) plans.push(...(await loadPlans(`WHERE id IN ${chunk.placeholders}`, chunk.ids)));
      return plans;
    },

    listUnfinishedPlans() {
      return loadPlans("WHERE state = 'creating'", []);
    },

    async saveCheckpoint(id, checkpoint) {
      await driver.batch([updatePlan(id, { create_checkpoint_json: json(checkpoint), updated_at: now() })]);
    },

    markReady(id, doc, audit) {
      return writeWithAudit(id, now(), { state: 'ready', doc_id: doc.docId, doc_url: doc.docUrl, failure: null, ...sharingColumns(doc.sharing) }, audit);
    },

    markFailed(id, failure, audit) {
      return writeWithAudit(id, now(), { state: 'failed', failure }, audit);
    },

    markClosed(id, close, audit, edit) {
      const intent = edit ? [documentEditInsert(id, edit, close.at)] : [];
      return writeWithAudit(id, close.at, { state: 'closed', closed_at: close.at, outcome: close.outcome, close_note: close.note }, audit, intent);
    },

    reopenPlan(id, at, audit, edit) {
      return writeWithAudit(id, at, { state: 'ready', closed_at: null, outcome: null, close_note: null }, audit, [documentEditInsert(id, edit, at)]);
    },

    extendPlan(id, endDate, audit, edit) {
      const at = now();
      return writeWithAudit(id, at, { end_date: endDate }, audit, edit ? [documentEditInsert(id, edit, at)] : []);
    },
  };
}
