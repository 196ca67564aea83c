import type { SqlDriver } from './sql-driver.js';
import { createSqlStore, type SqlStoreOptions } from './sql-store.js';
import type { Store } from './types.js';

/**
 * The little of Cloudflare's D1 binding the driver uses, typed here so the core needs no Workers
 * types (the real binding satisfies it).
 */
export interface D1Like {
  prepare(sql: string): D1StatementLike;
  batch(statements: D1StatementLike[]): Promise<unknown[]>;
}
export interface D1StatementLike {
  bind(...values: unknown[]): D1StatementLike;
  all<T>(): Promise<{ results: T[] }>;
  first<T>(): Promise<T | null>;
}

/**
 * D1 behind the SqlDriver: the same SQL as SQLite. D1 refuses BEGIN, but `batch()` runs its
 * statements in one implicit transaction (all or nothing), which is what `SqlDriver.batch` promises.
 * The schema comes from `wrangler d1 migrations apply` over the same files in ./sql.
 */
export function d1Driver(db: D1Like): SqlDriver {
  const statement = (sql: string, params: readonly unknown[] = []) => (params.length > 0 ? db.prepare(sql).bind(...params) : db.prepare(sql));
  return {
    async all<T>(sql: string, params: readonly unknown[] = []) {
      return (await statement(sql, params).all<T>()).results;
    },
    first<T>(sql: string, params: readonly unknown[] = []) {
      return statement(sql, params).first<T>();
    },
    async batch(statements) {
      if (statements.length > 0) await db.batch(statements.map((s) => statement(s.sql, s.params)));
    },
  };
}

/** The Store on D1 (Workers). Closing it is a no-op: the binding belongs to the runtime. */
export function openD1Store(db: D1Like, options: Pick<SqlStoreOptions, 'now'> = {}): Store {
  return createSqlStore(d1Driver(db), options);
}
