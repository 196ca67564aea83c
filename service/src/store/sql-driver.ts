/** A value SQLite and D1 both bind and return as is. */
export type SqlValue = string | number | null;

/** One statement with its positional (`?`) parameters. */
export interface SqlStatement {
  sql: string;
  params: SqlValue[];
}

/**
 * The little the SQL store needs from a database: better-sqlite3 on Node, D1 on Workers. D1 has
 * `batch()` but no interactive transactions, so every write that belongs together is one batch.
 */
export interface SqlDriver {
  /** Rows of a query (an empty array for a statement that returns none). */
  all<T>(sql: string, params?: SqlValue[]): Promise<T[]>;
  /** The first row of a query, or null. */
  first<T>(sql: string, params?: SqlValue[]): Promise<T | null>;
  /** Run statements in order, all or nothing: if one fails, none of them is kept and the error is thrown. */
  batch(statements: SqlStatement[]): Promise<void>;
}
