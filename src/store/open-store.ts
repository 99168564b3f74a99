/** Which archive to open: `--db` (a path or a postgres:// URL), else AFTERMATH_DB, else the per-user SQLite file. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Store } from './store.js';

const POSTGRES = /^postgres(?:ql)?:\/\//i;

/** `$XDG_DATA_HOME/aftermath/archive.db`, or `~/.local/share/aftermath/archive.db`. */
export function defaultArchivePath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME?.trim() ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(base, 'aftermath', 'archive.db');
}

/** The database the options and environment name: a file path or a PostgreSQL URL. */
export function archiveLocation(
  db?: string,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): string {
  const named = db?.trim() || env.AFTERMATH_DB?.trim();
  if (!named) return defaultArchivePath(env);
  return POSTGRES.test(named) || named === ':memory:' ? named : resolve(cwd, named);
}

/**
 * Opens the archive, creating and migrating it as needed; pg is loaded only for a PostgreSQL URL.
 *
 * @example
 * const store = await openStore({ db: process.env.AFTERMATH_DB });
 * try { console.log(await store.list({ status: 'published' })); } finally { await store.close(); }
 */
export async function openStore(
  options: { db?: string; env?: NodeJS.ProcessEnv; cwd?: string; now?: () => number } = {},
): Promise<Store> {
  const where = archiveLocation(options.db, options.env, options.cwd);
  const extra = options.now ? { now: options.now } : {};
  if (POSTGRES.test(where)) {
    const { openPostgresStore } = await import('./postgres/postgres-store.js');
    return openPostgresStore(where, extra);
  }
  const { openSqliteStore } = await import('./sqlite/sqlite-store.js');
  return openSqliteStore(where, extra);
}
