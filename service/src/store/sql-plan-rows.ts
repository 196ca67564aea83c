import type { AuditInput } from '../domain/audit.js';
import { type CloseOutcome, PARTY_ROLES, type PartyRole } from '../domain/plan-schema.js';
import type { ParsedPlan, PlanKind, PlanRecord, PlanStage, PlanState, SharingState, SharingStatus } from '../domain/plan.js';
import { auditStatements } from './sql-audit.js';
import { type Condition, idChunks, type SqlDriver, type SqlStatement, type SqlValue } from './sql-driver.js';
import type { PlanRows, PlanVersion, PlanWrites } from './types.js';

/*
 * The `plans` row in SQL (SQLite and D1 alike), read and written the same way by every part of the
 * store, in one file: the PlanRows part of `Store` first (but for LifecycleWrites); then the loader,
 * how a row becomes a PlanRecord with its four parties; then the statement helpers through which
 * every write to the row moves its `touched` and `version`.
 */

const PLANS_OF_EMAIL = 'SELECT plan_id FROM plan_parties WHERE email = ?';

/** What `getCheckTimes` reads: a few of a PlanRow's columns, and the write sequence's `touched`. */
type CheckTimesRow = Pick<PlanRow, 'id' | 'last_polled_at' | 'sharing_checked_at'> & { touched: number };

/**
 * Reading and writing plans. `insertPlan` writes its own audit event (`plan.created`, actor `createdBy`,
 * at `createdAt`: "Plan requested by ..."); a used (actor, key) rejects the whole batch (SQLite/D1
 * "UNIQUE constraint failed"). Updates of an unknown plan id change nothing; with audit events they
 * reject (foreign key).
 */
export function sqlPlanRows(driver: SqlDriver, { loadPlans }: PlanLoader, now: () => number): Omit<PlanRows, keyof LifecycleWrites> {
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
      await driver.batch([updatePlan(id, { create_checkpoint_json: json(checkpoint), updated_at: new Date(now()).toISOString() })]);
    },

    markReady(id, doc, audit) {
      return driver.batch(
        updateWithAudit(id, new Date(now()).toISOString(), { state: 'ready', doc_id: doc.docId, doc_url: doc.docUrl, failure: null, ...sharingColumns(doc.sharing) }, audit),
      );
    },

    markFailed(id, failure, audit) {
      return driver.batch(updateWithAudit(id, new Date(now()).toISOString(), { state: 'failed', failure }, audit));
    },
  };
}

/** The PlanWrites that queue a document edit with their write: sql-lifecycle.ts has them, beside those edits. */
export type LifecycleWrites = Pick<PlanWrites, 'markClosed' | 'reopenPlan' | 'extendPlan'>;

/** How the store's parts read plans: `where` is a clause over `plans` (or ''), newest first. */
export interface PlanLoader {
  /** Plans of one query, each with its four parties, in two round trips whatever the number of plans. */
  loadPlans(where: string, params: SqlValue[], limit?: number): Promise<PlanRecord[]>;
  /** The rows too, for columns the record does not carry (poll_due). */
  loadPlanRows(where: string, params: SqlValue[], limit?: number): Promise<[PlanRow & { poll_due: string | null }, PlanRecord][]>;
}

export function sqlPlanLoader(driver: SqlDriver): PlanLoader {
  async function loadPlanRows(where: string, params: SqlValue[], limit?: number): Promise<[PlanRow & { poll_due: string | null }, PlanRecord][]> {
    const limited = limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(limit))}`;
    const rows = await driver.all<PlanRow & { poll_due: string | null }>(`SELECT ${PLAN_COLUMNS}, poll_due FROM plans ${where} ${NEWEST_FIRST}${limited}`, params);
    if (rows.length === 0) return [];
    const parties = await driver.all<PartyRow>(
      `SELECT plan_id, role, email, name FROM plan_parties WHERE plan_id IN (SELECT id FROM plans ${where} ${limited ? `${NEWEST_FIRST}${limited}` : ''})`,
      params,
    );
    const partiesByPlan = new Map<string, PartyRow[]>();
    for (const party of parties) partiesByPlan.set(party.plan_id, [...(partiesByPlan.get(party.plan_id) ?? []), party]);
    return rows.map((row) => [row, toPlanRecord(row, partiesByPlan.get(row.id) ?? [])]);
  }
  return {
    loadPlanRows,
    async loadPlans(where, params, limit) {
      return (await loadPlanRows(where, params, limit)).map(([, plan]) => plan);
    },
  };
}

/** A row of `plans` as SELECT returns it (migrations 0001-0011). */
export interface PlanRow {
  id: string;
  provider: string;
  doc_id: string | null;
  doc_url: string | null;
  development_area: string;
  current_state: string;
  goal_state: string;
  activities_json: string;
  support_assets: string;
  update_cadence_days: number;
  start_date: string;
  end_date: string;
  state: string;
  failure: string | null;
  create_checkpoint_json: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  outcome: string | null;
  close_note: string | null;
  parsed_json: string | null;
  sharing_state: string;
  sharing_checked_at: string | null;
  sharing_issues_json: string;
  last_polled_at: string | null;
  poll_error: string | null;
  kind: string;
  stage: string;
  aligned_by: string | null;
  aligned_at: string | null;
  alignment_note: string | null;
  agreed_team_member_at: string | null;
  agreed_manager_at: string | null;
  share_pending: number;
}

interface PartyRow {
  plan_id: string;
  role: string;
  email: string;
  name: string;
}

const PLAN_COLUMNS = `id, provider, doc_id, doc_url, development_area, current_state, goal_state, activities_json,
  support_assets, update_cadence_days, start_date, end_date, state, failure, create_checkpoint_json, created_by,
  created_at, updated_at, closed_at, outcome, close_note, parsed_json, sharing_state, sharing_checked_at,
  sharing_issues_json, last_polled_at, poll_error, kind, stage, aligned_by, aligned_at, alignment_note,
  agreed_team_member_at, agreed_manager_at, share_pending`;

/** Newest first; rowid breaks ties between plans created in the same millisecond. */
const NEWEST_FIRST = 'ORDER BY created_at DESC, rowid DESC';

const parseJson = <T>(text: string): T => JSON.parse(text) as T;

function toPlanRecord(row: PlanRow, parties: PartyRow[]): PlanRecord {
  const byRole = new Map(parties.map((party) => [party.role, { email: party.email, name: party.name }]));
  const party = (role: PartyRole) => {
    const found = byRole.get(role);
    if (!found) throw new Error(`[store] plan ${row.id} has no ${role} party`);
    return found;
  };
  return {
    id: row.id,
    provider: row.provider,
    kind: row.kind as PlanKind,
    stage: row.stage as PlanStage,
    alignment: row.aligned_by !== null && row.aligned_at !== null ? { by: row.aligned_by, at: row.aligned_at, note: row.alignment_note ?? '' } : null,
    agreement: { teamMember: row.agreed_team_member_at, manager: row.agreed_manager_at },
    sharePending: row.share_pending === 1,
    docId: row.doc_id,
    docUrl: row.doc_url,
    teamMember: party('teamMember'),
    manager: party('manager'),
    managersManager: party('managersManager'),
    hr: party('hr'),
    developmentArea: row.development_area,
    currentState: row.current_state,
    goalState: row.goal_state,
    activities: parseJson(row.activities_json),
    supportAssets: row.support_assets,
    updateCadenceDays: row.update_cadence_days,
    startDate: row.start_date,
    endDate: row.end_date,
    state: row.state as PlanState,
    failure: row.failure,
    createCheckpoint: parseJson(row.create_checkpoint_json),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    outcome: row.outcome as CloseOutcome | null,
    closeNote: row.close_note,
    parsed: row.parsed_json === null ? null : parseJson<ParsedPlan>(row.parsed_json),
    sharing: {
      state: row.sharing_state as SharingState,
      checkedAt: row.sharing_checked_at,
      issues: parseJson(row.sharing_issues_json),
    },
    lastPolledAt: row.last_polled_at,
    pollError: row.poll_error,
  };
}

export const json = (value: unknown): string => JSON.stringify(value);

/** The next value of the one sequence every plan's `touched` draws from (migration 0007). */
const NEXT_TOUCH = '(SELECT COALESCE(MAX(touched), 0) + 1 FROM plans)';

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

/** A plan update and its audit events (and statements that belong with them), for one batch; `at` is when it happened. */
export function updateWithAudit(id: string, at: string, set: Record<string, SqlValue>, audit: AuditInput[], also: SqlStatement[] = []): SqlStatement[] {
  return [updatePlan(id, { ...set, updated_at: at }), ...also, ...auditStatements(id, at, audit)];
}

export function sharingColumns(sharing: SharingStatus): Record<string, SqlValue> {
  return { sharing_state: sharing.state, sharing_checked_at: sharing.checkedAt, sharing_issues_json: json(sharing.issues) };
}
