/** better-sqlite3 behind the async SqlConnection: WAL, a busy timeout, and BEGIN IMMEDIATE so writers queue instead of deadlocking. */
import Database from 'better-sqlite3';
import type { Row, SqlConnection, SqlExec, SqlValue } from '../sql.js';

export interface SqliteOptions {
  /** How long a writer waits for another process's transaction, in ms. */
  busyTimeoutMs?: number;
}

export class SqliteConnection implements SqlConnection {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  /** One transaction at a time on this connection: later ones wait their turn. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(path: string, options: SqliteOptions = {}) {
    this.db = new Database(path, { timeout: options.busyTimeoutMs ?? 60_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    // WAL with NORMAL survives a killed process (only a power cut can lose the last commit).
    this.db.pragma('synchronous = NORMAL');
  }

  all(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    return Promise.resolve(this.db.prepare(sql).all(...params) as Row[]);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const stmt = this.db.prepare(sql);
    // Statements that return rows (SELECT pg_…-style helpers) cannot be `run`.
    if (stmt.reader) {
      stmt.all(...params);
      return Promise.resolve(0);
    }
    return Promise.resolve(stmt.run(...params).changes);
  }

  transaction<T>(fn: (tx: SqlExec) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  close(): Promise<void> {
    return this.queue.then(() => {
      if (this.db.open) this.db.close();
    });
  }
}
