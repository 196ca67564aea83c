import type { AuditEvent, AuditInput, AuditKind } from '../domain/audit.js';
import type { CloseOutcome, PartyRole } from '../domain/plan-schema.js';
import { PARTY_ROLES } from '../domain/plan-schema.js';
import type { ParsedPlan, PlanKind, PlanRecord, PlanStage, PlanState, SharingState, SharingStatus } from '../domain/plan.js';
import { sqlCalendarTokens } from './sql-calendar-tokens.js';
import { sqlWatchChannels } from './sql-watch-channels.js';
import { documentEditInsert, sqlDocumentEdits } from './sql-document-edits.js';
import type { SqlDriver, SqlStatement, SqlValue } from './sql-driver.js';
import { sqlPlanLifecycle } from './sql-lifecycle.js';
import { sqlReminderLedger } from './sql-reminders.js';
import type { IdempotencyRecord, NewPlan, PlanVersion, PollDue, PollResult, PollTarget, SignInMethod, Store } from './types.js';

/**
 * The Store in SQL, written once for SQLite and D1 (the migrations are in ./sql). Writes that belong
 * together are one `driver.batch`, so they land together or not at all.
 * - `insertPlan` writes its own audit event (`plan.created`, actor `createdBy`, at `createdAt`: "Plan
 *   requested by ..."); a used (actor, key) rejects the whole batch (SQLite/D1 "UNIQUE constraint failed").
 * - Updates of an unknown plan id change nothing; with audit events they reject (foreign key).
 * - `recordPoll` adds a progress snapshot only when `parsed` or `status` differs from the plan's latest.
 */
export interface SqlStoreOptions {
  /** The clock for `updatedAt` and audit times that the caller does not give; tests pin it. */
  now?: () => Date;
  /** Called by `close()`: the driver owns the connection. */
  onClose?: () => Promise<void> | void;
}

interface PlanRow {
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

interface CheckTimesRow {
  id: string;
  touched: number;
  last_polled_at: string | null;
  sharing_checked_at: string | null;
}

interface AuditRow {
  id: number;
  plan_id: string;
  at: string;
  kind: string;
  actor: string;
  message: string;
  data_json: string | null;
}

const PLAN_COLUMNS = `id, provider, doc_id, doc_url, development_area, current_state, goal_state, activities_json,
  support_assets, update_cadence_days, start_date, end_date, state, failure, create_checkpoint_json, created_by,
  created_at, updated_at, closed_at, outcome, close_note, parsed_json, sharing_state, sharing_checked_at,
  sharing_issues_json, last_polled_at, poll_error, kind, stage, aligned_by, aligned_at, alignment_note,
  agreed_team_member_at, agreed_manager_at, share_pending`;

/** Newest first; rowid breaks ties between plans created in the same millisecond. */
const NEWEST_FIRST = 'ORDER BY created_at DESC, rowid DESC';

const PLANS_OF_EMAIL = 'SELECT plan_id FROM plan_parties WHERE email = ?';

/** Ids bound in one `IN (...)`: D1 allows 100 parameters a statement. */
const MAX_BOUND_IDS = 90;

const json = (value: unknown): string => JSON.stringify(value);
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

function toAuditEvent(row: AuditRow): AuditEvent {
  const event: AuditEvent = { id: row.id, planId: row.plan_id, at: row.at, kind: row.kind as AuditKind, actor: row.actor, message: row.message };
  if (row.data_json !== null) event.data = parseJson(row.data_json);
  return event;
}

function auditStatements(planId: string, at: string, events: AuditInput[]): SqlStatement[] {
  return events.map((event) => ({
    sql: 'INSERT INTO audit_events (plan_id, at, kind, actor, message, data_json) VALUES (?, ?, ?, ?, ?, ?)',
    params: [planId, at, event.kind, event.actor, event.message, event.data === undefined ? null : json(event.data)],
  }));
}

/** The next value of the one sequence every plan's `touched` draws from (migration 0007). */
const NEXT_TOUCH = '(SELECT COALESCE(MAX(touched), 0) + 1 FROM plans)';

/**
 * Every write to a plan's row moves its `touched` to the top of the sequence, and raises its `version`
 * unless `viewUnchanged` (a condition over the row as it was before this write) holds: readers keep
 * what they derived from a plan until its version moves (plans/plan-view-cache.ts).
 */
function updatePlan(
  id: string,
  set: Record<string, SqlValue>,
  viewUnchanged?: { sql: string; params: SqlValue[] },
  guard?: { sql: string; params: SqlValue[] },
): SqlStatement {
  const columns = Object.keys(set);
  const version = viewUnchanged ? `CASE WHEN ${viewUnchanged.sql} THEN version ELSE version + 1 END` : 'version + 1';
  return {
    sql: `UPDATE plans SET ${columns.map((column) => `${column} = ?`).join(', ')}, version = ${version}, touched = ${NEXT_TOUCH} WHERE id = ?${guard ? ` AND (${guard.sql})` : ''}`,
    params: [...Object.values(set), ...(viewUnchanged?.params ?? []), id, ...(guard?.params ?? [])],
  };
}

function sharingColumns(sharing: SharingStatus): Record<string, SqlValue> {
  return { sharing_state: sharing.state, sharing_checked_at: sharing.checkedAt, sharing_issues_json: json(sharing.issues) };
}

/** A poll's writes: a snapshot when something changed, the plan row (its mark cleared), the audit events. */
function pollStatements(result: PollResult): SqlStatement[] {
  const parsed = result.parsed === undefined ? null : json(result.parsed);
  const status = result.status === undefined ? null : json(result.status);
  // A snapshot only when what was read or computed differs from the plan's latest; runs before the update.
  const snapshot: SqlStatement = {
    sql: `INSERT INTO progress_snapshots (plan_id, polled_at, parsed_json, status_json)
          SELECT id, ?, COALESCE(?, parsed_json), COALESCE(?, status_json) FROM plans
          WHERE id = ? AND (parsed_json IS NOT COALESCE(?, parsed_json) OR status_json IS NOT COALESCE(?, status_json))`,
    params: [result.at, parsed, status, result.planId, parsed, status],
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
  return [snapshot, updatePlan(result.planId, { ...set, updated_at: result.at }, viewUnchanged), ...auditStatements(result.planId, result.at, result.audit)];
}

/** D1 binds at most 100 parameters a statement: lists of ids go in chunks below that. */
const IDS_PER_STATEMENT = 90;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function createSqlStore(driver: SqlDriver, options: SqlStoreOptions = {}): Store {
  const now = () => (options.now ?? (() => new Date()))().toISOString();

  /** Plans of one query, each with its four parties, in two round trips whatever the number of plans. */
  async function loadPlans(where: string, params: SqlValue[], limit?: number): Promise<PlanRecord[]> {
    return (await loadPlanRows(where, params, limit)).map(([, plan]) => plan);
  }

  /** The rows too, for columns the record does not carry (poll_due). */
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

  /** A plan update and its audit events (and statements that belong with them), together; `at` is when it happened. */
  function writeWithAudit(id: string, at: string, set: Record<string, SqlValue>, audit: AuditInput[], also: SqlStatement[] = []): Promise<void> {
    return driver.batch([updatePlan(id, { ...set, updated_at: at }), ...also, ...auditStatements(id, at, audit)]);
  }

  return {
    ...sqlCalendarTokens(driver),
    ...sqlWatchChannels(driver),
    ...sqlReminderLedger(driver, { loadPlans, auditStatements }),
    ...sqlDocumentEdits(driver, auditStatements, now),
    ...sqlPlanLifecycle(driver, { loadPlans, updatePlan, sharingColumns }),

    async insertPlan(plan: NewPlan, idempotency: Omit<IdempotencyRecord, 'planId'> | null) {
      const statements: SqlStatement[] = [
        {
          sql: `INSERT INTO plans (id, provider, development_area, current_state, goal_state, activities_json, support_assets,
                  update_cadence_days, start_date, end_date, created_by, created_at, updated_at, kind, stage, touched)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${NEXT_TOUCH})`,
          params: [
            plan.id, plan.provider, plan.developmentArea, plan.currentState, plan.goalState, json(plan.activities), plan.supportAssets,
            plan.updateCadenceDays, plan.startDate, plan.endDate, plan.createdBy, plan.createdAt, plan.createdAt, plan.kind, plan.stage,
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
          ? { kind: 'plan.created', actor: plan.createdBy, message: `Draft requested by ${plan.createdBy}; creating its ${plan.provider} document for the manager, the manager's manager and HR` }
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
        'all' in filter
          ? `SELECT id, version, touched FROM plans ${NEWEST_FIRST}`
          : `SELECT id, version, touched FROM plans WHERE id IN (${PLANS_OF_EMAIL}) ${NEWEST_FIRST}`;
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
      for (const chunk of ids === 'all' ? [] : chunks(ids, MAX_BOUND_IDS)) {
        rows.push(...(await driver.all<CheckTimesRow>(`${select} WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk)));
      }
      return rows.map((row) => ({ id: row.id, touched: row.touched, lastPolledAt: row.last_polled_at, sharingCheckedAt: row.sharing_checked_at }));
    },

    async getPlans(ids) {
      const plans: PlanRecord[] = [];
      // D1 binds at most 100 parameters a statement.
      for (let from = 0; from < ids.length; from += MAX_BOUND_IDS) {
        const chunk = ids.slice(from, from + MAX_BOUND_IDS);
        plans.push(...(await loadPlans(`WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk)));
      }
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

    async recordPoll(result: PollResult) {
      await driver.batch(pollStatements(result));
    },

    async recordPolls(results) {
      await driver.batch(results.flatMap(pollStatements));
    },

    async appendAudit(planId, events) {
      if (events.length > 0) await driver.batch(auditStatements(planId, now(), events));
    },

    async listAudit(planId) {
      const rows = await driver.all<AuditRow>('SELECT id, plan_id, at, kind, actor, message, data_json FROM audit_events WHERE plan_id = ? ORDER BY id', [planId]);
      return rows.map(toAuditEvent);
    },

    async getCursor(provider) {
      const row = await driver.first<{ cursor: string }>('SELECT cursor FROM poll_cursors WHERE provider = ?', [provider]);
      return row?.cursor ?? null;
    },

    async setCursor(provider, cursor) {
      await driver.batch([
        {
          sql: 'INSERT INTO poll_cursors (provider, cursor, updated_at) VALUES (?, ?, ?) ON CONFLICT (provider) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at',
          params: [provider, cursor, now()],
        },
      ]);
    },

    async openSession(session) {
      await driver.batch([
        { sql: 'DELETE FROM sessions WHERE expires_at < ?', params: [session.createdAt] },
        {
          sql: 'INSERT INTO sessions (id, email, via, hr_group, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
          params: [session.id, session.email, session.via, session.hrGroup, session.createdAt, session.expiresAt],
        },
      ]);
    },

    async findOpenSession(id, at) {
      const row = await driver.first<{ email: string; via: SignInMethod; hr_group: string | null }>(
        'SELECT email, via, hr_group FROM sessions WHERE id = ? AND ended_at IS NULL AND expires_at > ?',
        [id, at],
      );
      return row && { email: row.email, via: row.via, hrGroup: row.hr_group };
    },

    async endSession(id, at) {
      await driver.batch([{ sql: 'UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL', params: [at, id] }]);
    },

    async useSignInState(state, expiresAt, at) {
      if (expiresAt <= at) return false;
      await driver.batch([{ sql: 'DELETE FROM sign_in_states WHERE expires_at < ?', params: [at] }]);
      const inserted = await driver.first<{ state: string }>('INSERT INTO sign_in_states (state, expires_at) VALUES (?, ?) ON CONFLICT (state) DO NOTHING RETURNING state', [state, expiresAt]);
      return inserted !== null;
    },

    async recordSignInFailure(keys, at) {
      const dayBefore = new Date(Date.parse(at) - 86_400_000).toISOString();
      await driver.batch([
        { sql: 'DELETE FROM sign_in_failures WHERE at < ?', params: [dayBefore] },
        ...keys.map((key) => ({ sql: 'INSERT INTO sign_in_failures (key, at) VALUES (?, ?)', params: [key, at] })),
      ]);
    },

    async countSignInFailures(key, since) {
      const row = await driver.first<{ n: number }>('SELECT COUNT(*) AS n FROM sign_in_failures WHERE key = ? AND at >= ?', [key, since]);
      return row?.n ?? 0;
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
        for (const chunk of chunks(ids, IDS_PER_STATEMENT)) {
          statements.push({
            sql: `UPDATE plans SET poll_due = CASE WHEN poll_due = 'read' THEN 'read' ELSE ? END WHERE id IN (${chunk.map(() => '?').join(', ')})`,
            params: [kind, ...chunk],
          });
        }
      }
      for (const [provider, cursor] of Object.entries(cursors)) {
        statements.push({
          sql: 'INSERT INTO poll_cursors (provider, cursor, updated_at) VALUES (?, ?, ?) ON CONFLICT (provider) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at',
          params: [provider, cursor, now()],
        });
      }
      await driver.batch(statements);
    },

    async listPollDue(limit) {
      const rows = await loadPlanRows('WHERE poll_due IS NOT NULL', [], limit);
      return rows.map(([row, plan]) => ({ plan, due: row.poll_due as PollDue }));
    },

    async countPollDue() {
      const rows = await driver.all<{ provider: string; n: number }>('SELECT provider, COUNT(*) AS n FROM plans WHERE poll_due IS NOT NULL GROUP BY provider');
      return Object.fromEntries(rows.map((row) => [row.provider, row.n]));
    },

    async close() {
      await options.onClose?.();
    },
  } satisfies Store;
}
