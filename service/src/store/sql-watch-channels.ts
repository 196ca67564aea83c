import type { SqlDriver } from './sql-driver.js';
import type { WatchChannelRecord, WatchChannels } from './types.js';

interface ChannelRow {
  id: string;
  provider: string;
  resource_id: string;
  token_hash: string;
  expires_at: number;
  created_at: string;
}

const COLUMNS = 'id, provider, resource_id, token_hash, expires_at, created_at';
const toRecord = (row: ChannelRow): WatchChannelRecord => ({
  id: row.id,
  provider: row.provider,
  resourceId: row.resource_id,
  tokenHash: row.token_hash,
  expiresAt: Number(row.expires_at),
  createdAt: row.created_at,
});

/** Push notification channels in SQL (migration 0011), for SQLite and D1 alike; createSqlStore mixes them in. */
export function sqlWatchChannels(driver: SqlDriver): WatchChannels {
  return {
    async addWatchChannel(record) {
      await driver.batch([
        {
          sql: `INSERT INTO watch_channels (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`,
          params: [record.id, record.provider, record.resourceId, record.tokenHash, record.expiresAt, record.createdAt],
        },
      ]);
    },

    async getWatchChannel(id) {
      const row = await driver.first<ChannelRow>(`SELECT ${COLUMNS} FROM watch_channels WHERE id = ?`, [id]);
      return row && toRecord(row);
    },

    async listWatchChannels(provider) {
      return (await driver.all<ChannelRow>(`SELECT ${COLUMNS} FROM watch_channels WHERE provider = ? ORDER BY expires_at`, [provider])).map(toRecord);
    },

    async deleteWatchChannel(id) {
      await driver.batch([{ sql: 'DELETE FROM watch_channels WHERE id = ?', params: [id] }]);
    },
  };
}
