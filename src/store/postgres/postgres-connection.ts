/** pg behind the async SqlConnection: a small pool, BIGINT read as numbers, transactions on one pooled client. */
import type { Pool, PoolClient } from 'pg';
import {
  numberedParams,
  type Row,
  type SqlConnection,
  type SqlExec,
  type SqlValue,
} from '../sql.js';

const INT8 = 20;

export class PostgresConnection implements SqlConnection {
  readonly dialect = 'postgres' as const;

  private constructor(private readonly pool: Pool) {}

  /** Loads pg only now: SQLite users never pay for it. */
  static async connect(url: string): Promise<PostgresConnection> {
    const pg = (await import('pg')).default;
    const pool = new pg.Pool({
      connectionString: url,
      max: 4,
      // Counts and epoch-ms columns are BIGINT; every value the archive stores fits a double.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8
            ? (v: string) => Number(v)
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    const client = await pool.connect().catch(async (err: unknown) => {
      await pool.end().catch(() => undefined);
      throw err;
    });
    client.release();
    return new PostgresConnection(pool);
  }

  all(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    return query(this.pool, sql, params).then((r) => r.rows);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return query(this.pool, sql, params).then((r) => r.rowCount ?? 0);
  }

  async transaction<T>(fn: (tx: SqlExec) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: SqlExec = {
      all: (sql, params = []) => query(client, sql, params).then((r) => r.rows),
      run: (sql, params = []) => query(client, sql, params).then((r) => r.rowCount ?? 0),
    };
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      throw err;
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

function query(
  on: Pool | PoolClient,
  sql: string,
  params: readonly SqlValue[],
): Promise<{ rows: Row[]; rowCount: number | null }> {
  return on.query<Row>(numberedParams(sql), [...params]);
}
