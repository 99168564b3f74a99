/**
 * A throwaway PostgreSQL cluster for the shared-store tests: Debian's server binaries, a data dir
 * under a temp dir, a loopback port, trust auth for one user; stopped (immediate) and removed at
 * the end. In CI the binaries must be there (.ci installs `postgresql`), so a missing server fails
 * rather than skips.
 */
import { execFile } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  mkdirSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = '/usr/lib/postgresql';
const USER = 'aftermath';

/** The newest installed server's bin folder, e.g. /usr/lib/postgresql/15/bin. */
export function postgresBin(): string | undefined {
  if (!existsSync(ROOT)) return undefined;
  const versions = readdirSync(ROOT)
    .filter(
      (v) =>
        existsSync(join(ROOT, v, 'bin', 'initdb')) && existsSync(join(ROOT, v, 'bin', 'pg_ctl')),
    )
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(ROOT, versions[0], 'bin');
}

/** Whether the PostgreSQL tests can run here; says why not once per suite. */
export function havePostgres(suite: string): boolean {
  if (postgresBin()) return true;
  const why = `no PostgreSQL server binaries under ${ROOT}/*/bin (apt-get install postgresql)`;
  if (process.env.CI) throw new Error(why);
  console.warn(`${suite} skipped: ${why}`);
  return false;
}

export interface PostgresCluster {
  port: number;
  /** A connection URL for a database (`postgres` by default). */
  url(database?: string): string;
  /** Creates an empty database and resolves to its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

/** initdb refuses to run as root: as root, the server runs as `nobody`, which owns the temp dir. */
function asServerUser(bin: string, args: string[]): [string, string[]] {
  return userInfo().uid === 0 ? ['runuser', ['-u', 'nobody', '--', bin, ...args]] : [bin, args];
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBin();
  if (!bin)
    throw new Error(
      `no PostgreSQL server binaries under ${ROOT}/*/bin (apt-get install postgresql)`,
    );
  const dir = mkdtempSync(join(tmpdir(), 'aftermath-pg-'));
  const data = join(dir, 'data');
  const socket = join(dir, 'socket');
  mkdirSync(socket);
  if (userInfo().uid === 0) for (const p of [dir, socket]) chownSync(p, 65534, 65534);
  const exec = async (tool: string, args: string[]): Promise<void> => {
    const [cmd, argv] = asServerUser(join(bin, tool), args);
    await run(cmd, argv, { timeout: 120_000 });
  };
  const port = await freePort();
  try {
    await exec('initdb', [
      '-D',
      data,
      '-U',
      USER,
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
      '--locale=C',
    ]);
    // -w waits until the server accepts connections.
    await exec('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${port} -k ${socket} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`,
      'start',
    ]);
  } catch (err) {
    const log = existsSync(join(dir, 'server.log'))
      ? readFileSync(join(dir, 'server.log'), 'utf8').slice(-2000)
      : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start a PostgreSQL cluster: ${(err as Error).message}\n${log}`, {
      cause: err,
    });
  }
  const url = (database = 'postgres'): string => `postgres://${USER}@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase(name) {
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      try {
        await exec('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
