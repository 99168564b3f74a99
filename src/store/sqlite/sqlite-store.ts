/** The embedded archive: one SQLite file (better-sqlite3, WAL, FTS5), created and migrated on open. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AftermathError } from '../../errors.js';
import { SqlStore } from '../sql-store.js';
import type { Store } from '../store.js';
import { SqliteConnection, type SqliteOptions } from './sqlite-connection.js';
import { sqliteFullText } from './sqlite-full-text.js';

export interface OpenSqliteOptions extends SqliteOptions {
  now?: () => number;
}

/** Opens (creating if needed) the archive at `path`; `:memory:` for a throwaway one. */
export async function openSqliteStore(
  path: string,
  options: OpenSqliteOptions = {},
): Promise<Store> {
  let conn: SqliteConnection;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    conn = new SqliteConnection(path, options);
  } catch (err) {
    throw new AftermathError(
      'store-open',
      `archive: could not open the SQLite database ${path} (${(err as Error).message})`,
      { cause: err },
    );
  }
  return SqlStore.open(conn, sqliteFullText, {
    location: path,
    ...(options.now ? { now: options.now } : {}),
  });
}
