/**
 * D1's binding (prepare, bind, all, first, batch) over an in-memory SQLite with the service's
 * migrations, so the code walk can run worker.ts on Node. D1 runs the same SQL as SQLite; `batch`
 * is one transaction on both (developers.cloudflare.com/d1/worker-api/d1-database/#batch).
 */
import Database from 'better-sqlite3';
import { runMigrations } from '../../../service/src/store/sqlite.js';

interface Statement {
  bind(...values: unknown[]): Statement;
  all<T>(): Promise<{ results: T[] }>;
  first<T>(): Promise<T | null>;
  run(): void;
}

export function d1OnSqlite() {
  const db = new Database(':memory:');
  runMigrations(db);
  const prepare = (sql: string, values: unknown[] = []): Statement => ({
    bind: (...bound) => prepare(sql, bound),
    all: async <T>() => ({ results: db.prepare(sql).all(...values) as T[] }),
    first: async <T>() => (db.prepare(sql).get(...values) as T | undefined) ?? null,
    run: () => {
      const statement = db.prepare(sql);
      if (statement.reader) statement.all(...values);
      else statement.run(...values);
    },
  });
  return {
    prepare: (sql: string) => prepare(sql),
    batch: async (statements: Statement[]) => {
      db.transaction(() => {
        for (const statement of statements) statement.run();
      })();
      return [];
    },
  };
}
