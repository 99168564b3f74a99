/** The shared archive on PostgreSQL: same schema and behaviour as SQLite, full text by tsvector. */
import { AftermathError } from '../../errors.js';
import { SqlStore } from '../sql-store.js';
import type { Store } from '../store.js';
import { PostgresConnection } from './postgres-connection.js';
import { postgresFullText } from './postgres-full-text.js';

/** The URL with its password hidden, for messages and `Store.location`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export async function openPostgresStore(
  url: string,
  options: { now?: () => number } = {},
): Promise<Store> {
  let conn: PostgresConnection;
  try {
    conn = await PostgresConnection.connect(url);
  } catch (err) {
    throw new AftermathError(
      'store-open',
      `archive: could not connect to PostgreSQL at ${redactUrl(url)} (${(err as Error).message})`,
      { cause: err },
    );
  }
  return SqlStore.open(conn, postgresFullText, {
    location: redactUrl(url),
    ...(options.now ? { now: options.now } : {}),
  });
}
