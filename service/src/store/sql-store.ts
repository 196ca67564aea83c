import { sqlAuditLog } from './sql-audit.js';
import { sqlCalendarTokens } from './sql-calendar-tokens.js';
import type { SqlDriver } from './sql-driver.js';
import { sqlDocumentEdits, sqlPlanLifecycle } from './sql-lifecycle.js';
import { sqlPlanLoader, sqlPlanRows } from './sql-plan-rows.js';
import { sqlPollQueue } from './sql-poll-queue.js';
import { sqlReminderLedger } from './sql-reminders.js';
import { sqlSessions } from './sql-sessions.js';
import { sqlWatchChannels } from './sql-watch-channels.js';
import type { Store } from './types.js';

export interface SqlStoreOptions {
  /**
   * The clock for `updatedAt` and audit times that the caller does not give, in ms since the epoch
   * (`Date.now` by default, as in sql-blobs.ts); tests pin it. The parts call it directly, so a
   * write's time takes no detour through this file.
   */
  now?: () => number;
  /** Called by `close()`: the driver owns the connection. */
  onClose?: () => Promise<void> | void;
}

/**
 * The Store in SQL, written once for SQLite and D1 (the migrations are in ./sql), composed of one
 * part per sub-interface of `Store`. Writes that belong together are one `driver.batch`, so they land
 * together or not at all; every write to a plan's row goes through sql-plan-rows.ts's `updatePlan`.
 */
export function createSqlStore(driver: SqlDriver, options: SqlStoreOptions = {}): Store {
  const now = options.now ?? Date.now;
  const plans = sqlPlanLoader(driver);
  return {
    ...sqlPlanRows(driver, plans, now),
    ...sqlPollQueue(driver, plans, now),
    ...sqlAuditLog(driver, now),
    ...sqlSessions(driver),
    ...sqlCalendarTokens(driver),
    ...sqlWatchChannels(driver),
    ...sqlReminderLedger(driver, plans),
    ...sqlDocumentEdits(driver, now),
    ...sqlPlanLifecycle(driver, plans, now),
    async close() {
      await options.onClose?.();
    },
  };
}
