import type { ReminderKind } from '../domain/reminders.js';
import { auditStatements } from './sql-audit.js';
import { idChunks, type SqlDriver, type SqlValue } from './sql-driver.js';
import type { PlanLoader } from './sql-plan-rows.js';
import type { ReminderDelivery, ReminderDeliveryKey, ReminderDeliveryState, ReminderLedger } from './types.js';

interface DeliveryRow {
  plan_id: string;
  kind: string;
  due_date: string;
  recipient: string;
  channel: string;
  state: string;
  attempts: number;
  claimed_at: string;
  settled_at: string | null;
  last_error: string | null;
}

const COLUMNS = 'plan_id, kind, due_date, recipient, channel, state, attempts, claimed_at, settled_at, last_error';
const KEY = 'plan_id = ? AND kind = ? AND due_date = ? AND recipient = ? AND channel = ?';

const keyParams = (key: ReminderDeliveryKey): SqlValue[] => [key.planId, key.kind, key.date, key.recipient, key.channel];

function toDelivery(row: DeliveryRow): ReminderDelivery {
  return {
    planId: row.plan_id,
    kind: row.kind as ReminderKind,
    date: row.due_date,
    recipient: row.recipient,
    channel: row.channel,
    state: row.state as ReminderDeliveryState,
    attempts: row.attempts,
    claimedAt: row.claimed_at,
    settledAt: row.settled_at,
    lastError: row.last_error,
  };
}

/**
 * The reminder ledger in SQL (SQLite and D1 alike). The claim is one statement, an upsert that only
 * takes a new row or a failed one, so two cycles racing (two isolates, a restart mid-cycle) cannot
 * both win it.
 */
export function sqlReminderLedger(driver: SqlDriver, { loadPlans }: PlanLoader): ReminderLedger {
  return {
    listReminderPlans() {
      return loadPlans("WHERE state = 'ready' AND parsed_json IS NOT NULL AND poll_error IS NULL AND (poll_due IS NULL OR poll_due <> 'read')", []);
    },

    async listReminderDeliveries(planIds) {
      const deliveries: ReminderDelivery[] = [];
      for (const chunk of idChunks(planIds)) {
        const rows = await driver.all<DeliveryRow>(`SELECT ${COLUMNS} FROM reminder_deliveries WHERE plan_id IN ${chunk.placeholders}`, chunk.ids);
        deliveries.push(...rows.map(toDelivery));
      }
      return deliveries;
    },

    async claimReminderDelivery(key, at) {
      const claimed = await driver.first<{ attempts: number }>(
        `INSERT INTO reminder_deliveries (plan_id, kind, due_date, recipient, channel, state, attempts, claimed_at)
         VALUES (?, ?, ?, ?, ?, 'claimed', 1, ?)
         ON CONFLICT (plan_id, kind, due_date, recipient, channel) DO UPDATE
           SET state = 'claimed', attempts = reminder_deliveries.attempts + 1, claimed_at = excluded.claimed_at, settled_at = NULL
           WHERE reminder_deliveries.state = 'failed'
         RETURNING attempts`,
        [...keyParams(key), at],
      );
      return claimed !== null;
    },

    async settleReminderDelivery(key, outcome, audit) {
      await driver.batch([
        {
          sql: `UPDATE reminder_deliveries SET state = ?, settled_at = ?, last_error = ? WHERE ${KEY} AND state = 'claimed'`,
          params: [outcome.state, outcome.at, outcome.error ?? null, ...keyParams(key)],
        },
        ...auditStatements(key.planId, outcome.at, audit),
      ]);
    },

    async listStaleReminderClaims(before) {
      const rows = await driver.all<DeliveryRow>(`SELECT ${COLUMNS} FROM reminder_deliveries WHERE state = 'claimed' AND claimed_at < ? ORDER BY claimed_at`, [before]);
      return rows.map(toDelivery);
    },
  };
}
