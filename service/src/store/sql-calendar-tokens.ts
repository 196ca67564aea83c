import type { SqlDriver } from './sql-driver.js';
import type { CalendarTokenRecord, CalendarTokens } from './types.js';

interface TokenRow {
  email: string;
  token_hash: string;
  sealed: string;
  created_at: string;
}

const toRecord = (row: TokenRow): CalendarTokenRecord => ({ email: row.email, tokenHash: row.token_hash, sealed: row.sealed, createdAt: row.created_at });

/** Calendar feed tokens in SQL (migration 0006), for SQLite and D1 alike; createSqlStore mixes them in. */
export function sqlCalendarTokens(driver: SqlDriver): CalendarTokens {
  return {
    async getCalendarToken(email) {
      const row = await driver.first<TokenRow>('SELECT email, token_hash, sealed, created_at FROM calendar_tokens WHERE email = ?', [email]);
      return row && toRecord(row);
    },

    async addCalendarToken(record) {
      // Two first visits at once both try: the first insert wins and both read that one back.
      await driver.batch([
        {
          sql: 'INSERT INTO calendar_tokens (email, token_hash, sealed, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (email) DO NOTHING',
          params: [record.email, record.tokenHash, record.sealed, record.createdAt],
        },
      ]);
      const row = await driver.first<TokenRow>('SELECT email, token_hash, sealed, created_at FROM calendar_tokens WHERE email = ?', [record.email]);
      if (!row) throw new Error('[store] calendar token vanished right after it was written');
      return toRecord(row);
    },

    async replaceCalendarToken(record) {
      await driver.batch([
        {
          sql: `INSERT INTO calendar_tokens (email, token_hash, sealed, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (email) DO UPDATE SET token_hash = excluded.token_hash, sealed = excluded.sealed, created_at = excluded.created_at`,
          params: [record.email, record.tokenHash, record.sealed, record.createdAt],
        },
      ]);
    },

    async findCalendarTokenOwner(tokenHash) {
      return (await driver.first<{ email: string }>('SELECT email FROM calendar_tokens WHERE token_hash = ?', [tokenHash]))?.email ?? null;
    },

    async deleteCalendarToken(email) {
      return (await driver.first<{ email: string }>('DELETE FROM calendar_tokens WHERE email = ? RETURNING email', [email])) !== null;
    },
  };
}
