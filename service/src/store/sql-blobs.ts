import type { SqlDriver } from './sql-driver.js';
import { KEPT_VERSIONS, type TextBlobs } from './text-blobs.js';

/**
 * The local provider's documents in the database (migration 0002): Workers have no file system.
 * A document is edited in the browser editor there; its change time is set by each write.
 */
export function sqlBlobs(driver: SqlDriver, now: () => number = Date.now): TextBlobs {
  return {
    async get(id) {
      const row = await driver.first<{ markdown: string; modified_at: number }>('SELECT markdown, modified_at FROM local_documents WHERE id = ?', [id]);
      return row && { text: row.markdown, modifiedAt: row.modified_at };
    },
    async createIfAbsent(id, text) {
      await driver.batch([{ sql: 'INSERT INTO local_documents (id, markdown, modified_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING', params: [id, text, now()] }]);
    },
    async replace(id, expected, text) {
      // Compare and write in one statement: two saves from the same text cannot both win.
      const rows = await driver.all<{ id: string }>('UPDATE local_documents SET markdown = ?, modified_at = ? WHERE id = ? AND markdown = ? RETURNING id', [
        text,
        now(),
        id,
        expected,
      ]);
      return rows.length === 1;
    },
    async changedSince(ids, since) {
      // One query whatever the number of documents: no list of ids to bind (see IDS_PER_STATEMENT in sql-driver.ts).
      const rows = await driver.all<{ id: string; modified_at: number }>('SELECT id, modified_at FROM local_documents');
      const modified = new Map(rows.map((row) => [row.id, row.modified_at]));
      return ids.filter((id) => (modified.get(id) ?? Number.POSITIVE_INFINITY) >= since);
    },
    async keepVersion(id, version, text) {
      await driver.batch([
        {
          sql: 'INSERT INTO local_document_versions (id, version, markdown, kept_at) VALUES (?, ?, ?, ?) ON CONFLICT (id, version) DO NOTHING',
          params: [id, version, text, now()],
        },
        {
          sql: `DELETE FROM local_document_versions WHERE id = ? AND version NOT IN
                (SELECT version FROM local_document_versions WHERE id = ? ORDER BY kept_at DESC, rowid DESC LIMIT ?)`,
          params: [id, id, KEPT_VERSIONS],
        },
      ]);
    },
    async getVersion(id, version) {
      const row = await driver.first<{ markdown: string }>('SELECT markdown FROM local_document_versions WHERE id = ? AND version = ?', [id, version]);
      return row?.markdown ?? null;
    },
  };
}
