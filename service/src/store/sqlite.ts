import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { SqlDriver, SqlValue } from './sql-driver.js';
import { createSqlStore } from './sql-store.js';
import type { Store } from './types.js';

/** The migrations shared with D1 (`wrangler d1 migrations apply` reads the same folder). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./sql/', import.meta.url));

/** Our bookkeeping table; D1 keeps its own (`d1_migrations`), so the names must differ. */
const MIGRATIONS_TABLE = 'schema_migrations';

export interface SqliteStoreOptions {
  /** Database file (its folder is created if missing), or `:memory:` for tests. */
  file: string;
  /** The clock for times the caller does not give, in ms since the epoch (Date.now); tests pin it. */
  now?: () => number;
}

/** Open (and migrate) the embedded database: WAL, foreign keys on, a busy timeout for a second process. */
export function openSqliteDatabase(file: string): Database.Database {
  if (file !== ':memory:') keepToOwner(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  runMigrations(db);
  return db;
}

/**
 * The data folder holds every plan: only the service's own user may open it (folder 0700, files
 * 0600), also when an older version created them with the default umask. SQLite gives its -wal and
 * -shm files the database file's mode.
 */
function keepToOwner(file: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o600);
}

/**
 * Apply, in name order, every `NNNN_*.sql` file not yet recorded: each in its own transaction together
 * with its bookkeeping row, so a failing file leaves no half-applied schema. Returns the names applied.
 */
export function runMigrations(db: Database.Database, dir: string = MIGRATIONS_DIR): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (name TEXT PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL)`);
  const isApplied = db.prepare(`SELECT 1 FROM ${MIGRATIONS_TABLE} WHERE name = ?`);
  const record = db.prepare(`INSERT INTO ${MIGRATIONS_TABLE} (name, applied_at) VALUES (?, ?)`);
  const files = readdirSync(dir)
    .filter((name) => /^\d{4}_.+\.sql$/.test(name))
    .sort();
  const applied: string[] = [];
  for (const name of files) {
    // IMMEDIATE takes the write lock before checking, so two processes starting together apply a file once.
    db.transaction(() => {
      if (isApplied.get(name)) return;
      db.exec(readFileSync(join(dir, name), 'utf8'));
      record.run(name, new Date().toISOString());
      applied.push(name);
    }).immediate();
  }
  return applied;
}

/** better-sqlite3 behind the SqlDriver interface; statements are prepared once and reused. */
export function sqliteDriver(db: Database.Database): SqlDriver {
  const prepared = new Map<string, Database.Statement<SqlValue[]>>();
  const prepare = (sql: string) => {
    let statement = prepared.get(sql);
    if (!statement) {
      statement = db.prepare<SqlValue[]>(sql);
      prepared.set(sql, statement);
    }
    return statement;
  };
  const runBatch = db.transaction((statements: { sql: string; params: SqlValue[] }[]) => {
    for (const { sql, params } of statements) prepare(sql).run(...params);
  });
  return {
    async all<T>(sql: string, params: SqlValue[] = []) {
      const statement = prepare(sql);
      if (!statement.reader) {
        statement.run(...params);
        return [];
      }
      return statement.all(...params) as T[];
    },
    async first<T>(sql: string, params: SqlValue[] = []) {
      return (prepare(sql).get(...params) as T | undefined) ?? null;
    },
    async batch(statements) {
      if (statements.length > 0) runBatch(statements);
    },
  };
}

/** The Store on an embedded SQLite file: the default for `npm start`. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const db = openSqliteDatabase(options.file);
  return createSqlStore(sqliteDriver(db), { now: options.now, onClose: () => void db.close() });
}
