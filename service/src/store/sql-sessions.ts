import type { SqlDriver } from './sql-driver.js';
import type { Sessions, SignInMethod } from './types.js';

/** A day in ms: how long failed sign-ins are kept for throttling (auth/throttle.ts looks back less). */
const FAILURES_KEPT_MS = 86_400_000;

/**
 * Sessions, finished OIDC sign-ins and failed sign-ins in SQL (SQLite and D1 alike). Each write also
 * forgets the rows that expired, so the tables stay as small as the sign-ins still live.
 */
export function sqlSessions(driver: SqlDriver): Sessions {
  return {
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
      const inserted = await driver.first<{ state: string }>('INSERT INTO sign_in_states (state, expires_at) VALUES (?, ?) ON CONFLICT (state) DO NOTHING RETURNING state', [
        state,
        expiresAt,
      ]);
      return inserted !== null;
    },

    async recordSignInFailure(keys, at) {
      const dayBefore = new Date(Date.parse(at) - FAILURES_KEPT_MS).toISOString();
      await driver.batch([
        { sql: 'DELETE FROM sign_in_failures WHERE at < ?', params: [dayBefore] },
        ...keys.map((key) => ({ sql: 'INSERT INTO sign_in_failures (key, at) VALUES (?, ?)', params: [key, at] })),
      ]);
    },

    async countSignInFailures(key, since) {
      const row = await driver.first<{ n: number }>('SELECT COUNT(*) AS n FROM sign_in_failures WHERE key = ? AND at >= ?', [key, since]);
      return row?.n ?? 0;
    },
  };
}
