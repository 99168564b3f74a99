/** The little SQL surface the shared store needs from a driver: statements with `?` parameters, and transactions. */

export type SqlValue = string | number | null;
export type Row = Record<string, unknown>;

export interface SqlExec {
  all(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Resolves to the number of rows changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface SqlConnection extends SqlExec {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs `fn` in one write transaction on one connection; rolls back when it throws. */
  transaction<T>(fn: (tx: SqlExec) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Dialect-specific full text: keeping the index in step, and querying it. */
export interface FullText {
  index(tx: SqlExec, id: string, title: string, text: string): Promise<void>;
  remove(tx: SqlExec, id: string): Promise<void>;
  search(
    db: SqlExec,
    text: string,
    limit: number,
  ): Promise<{ id: string; title: string; score: number; snippet: string }[]>;
}

/** `?` → `$1, $2…` for PostgreSQL (no statement here has a `?` inside a string literal). */
export function numberedParams(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
