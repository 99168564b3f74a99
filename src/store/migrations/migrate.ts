/** Brings a database to the newest schema: each pending migration in its own transaction, recorded in schema_migrations. */
import { AftermathError } from '../../errors.js';
import type { SqlConnection } from '../sql.js';
import type { Migration } from './migration.js';

const TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_ms BIGINT NOT NULL
)`;

/** Applies the pending migrations; resolves to the versions applied. */
export async function migrate(
  db: SqlConnection,
  migrations: readonly Migration[],
  now = Date.now,
): Promise<number[]> {
  const applied: number[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      // Two processes opening a fresh archive at once: the second waits, then sees the work done.
      if (db.dialect === 'postgres') await tx.all('SELECT pg_advisory_xact_lock(727274)');
      await tx.run(TABLE);
      const rows = await tx.all('SELECT version FROM schema_migrations WHERE version = ?', [
        m.version,
      ]);
      if (rows.length > 0) return false;
      const dialect = db.dialect === 'sqlite' ? m.sqlite : m.postgres;
      for (const sql of [...m.shared, ...(dialect ?? [])]) await tx.run(sql);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_ms) VALUES (?, ?, ?)', [
        m.version,
        m.name,
        now(),
      ]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  const newest = await db.all('SELECT MAX(version) AS v FROM schema_migrations');
  const v = Number(newest[0]?.v ?? 0);
  const known = migrations.at(-1)?.version ?? 0;
  if (v > known)
    throw new AftermathError(
      'store-schema',
      `archive: the database is at schema version ${v}, newer than this aftermath knows (${known}); upgrade aftermath`,
    );
  return applied;
}
