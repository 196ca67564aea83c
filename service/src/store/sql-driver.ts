/** A value SQLite and D1 both bind and return as is. */
export type SqlValue = string | number | null;

/** One statement with its positional (`?`) parameters. */
export interface SqlStatement {
  sql: string;
  params: SqlValue[];
}

/** A condition over a plan's row, with its parameters: a guard, or what an update must find unchanged. */
export interface Condition {
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

/**
 * Ids bound in one `IN (...)`. D1 allows 100 bound parameters a statement (SQLite's limit is far
 * higher), so every list of ids goes in chunks of this size, leaving room for the statement's other
 * parameters (a `poll_due` kind, a date).
 */
export const IDS_PER_STATEMENT = 90;

/** `ids` in chunks of IDS_PER_STATEMENT, each with its `(?, ?, ...)` list. */
export function idChunks(ids: string[]): { ids: string[]; placeholders: string }[] {
  const out: { ids: string[]; placeholders: string }[] = [];
  for (let from = 0; from < ids.length; from += IDS_PER_STATEMENT) {
    const chunk = ids.slice(from, from + IDS_PER_STATEMENT);
    out.push({ ids: chunk, placeholders: `(${chunk.map(() => '?').join(', ')})` });
  }
  return out;
}
