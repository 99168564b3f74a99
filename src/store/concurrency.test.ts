/**
 * Real processes against one archive (SQLite, and PostgreSQL when the server binaries are here):
 * concurrent imports and edits lose nothing, a stale write fails clearly, and a SIGKILL in the
 * middle of an import leaves the archive exactly as it was.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  havePostgres,
  startPostgresCluster,
  type PostgresCluster,
} from '../../test/support/postgres-cluster.js';
import { StoreConflictError } from './conflict.js';
import { sampleMarkdown } from './conformance-samples.js';
import { importFiles, markdownFiles } from './import.js';
import { openStore } from './open-store.js';
import type { ArchivedPostmortem, Store } from './store.js';

const WORKER = join(import.meta.dirname, 'concurrency.worker.ts');
// `--import tsx` resolves from the working directory.
const REPO = join(import.meta.dirname, '..', '..');
const root = mkdtempSync(join(tmpdir(), 'aftermath-concurrency-'));
let cluster: PostgresCluster | undefined;
const pg = havePostgres('PostgreSQL concurrency tests');

beforeAll(async () => {
  if (pg) cluster = await startPostgresCluster();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** A folder of sample postmortems numbered `from`…`to`. */
function folder(name: string, from: number, to: number, options: { title?: string } = {}): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (let n = from; n <= to; n++)
    writeFileSync(join(dir, `pm-${n}.md`), sampleMarkdown(n, { ...options, padding: 3 }));
  return dir;
}

interface Worker {
  child: ChildProcess;
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function worker(...args: string[]): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: REPO,
  });
  const lines: string[] = [];
  let err = '';
  child
    .stdout!.setEncoding('utf8')
    .on('data', (s: string) => lines.push(...s.split('\n').filter(Boolean)));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (err += s));
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
  }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr: err })));
  return { child, lines, exited };
}

async function snapshot(store: Store): Promise<ArchivedPostmortem[]> {
  const all: ArchivedPostmortem[] = [];
  for await (const pm of store.export()) all.push(pm);
  return all;
}

const targets: [string, () => Promise<string>][] = [
  ['sqlite', async () => join(mkdtempSync(join(root, 'db-')), 'archive.db')],
  ...(pg
    ? ([
        ['postgres', () => cluster!.createDatabase(`c${Math.random().toString(36).slice(2, 10)}`)],
      ] as [string, () => Promise<string>][])
    : []),
];

describe.each(targets)('concurrent processes on %s', (name, newDb) => {
  it('two processes importing and editing at once lose nothing', async () => {
    const db = await newDb();
    const store = await openStore({ db });
    const base = folder(`${name}-base`, 1, 40);
    await importFiles(store, markdownFiles([base]), { cwd: base });
    const a = worker('import', db, folder(`${name}-a`, 101, 220));
    const b = worker('status', db, 'worker-b', '40');
    const c = worker('import', db, folder(`${name}-c`, 301, 380));
    const results = await Promise.all([a.exited, b.exited, c.exited]);
    for (const r of results) expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(await store.list()).toHaveLength(40 + 120 + 80);
    const done = await store.actionItems({ status: 'done' });
    const a1 = done.filter((i) => i.key === 'A1');
    expect(a1).toHaveLength(40);
    for (const item of a1)
      expect(item.history.at(-1)).toMatchObject({ origin: 'tracker', note: 'worker-b' });
    expect((await store.get('PM-0001'))?.version).toBe(2);
    await store.close();
  }, 180_000);

  it('a write at a version another process has moved on from fails with a clear message', async () => {
    const db = await newDb();
    const store = await openStore({ db });
    const base = folder(`${name}-stale`, 1, 1);
    await importFiles(store, markdownFiles([base]), { cwd: base });
    const seen = (await store.get('PM-0001'))!.version;
    expect(await worker('status', db, 'other', '1').exited).toMatchObject({ code: 0 });
    const stale = store.setActionStatus('PM-0001', 'A2', 'open', { expectedVersion: seen });
    await expect(stale).rejects.toBeInstanceOf(StoreConflictError);
    await expect(stale).rejects.toThrow(
      'archive: postmortem "PM-0001" was changed by another writer (expected version 1, found 2); reload and try again',
    );
    await store.close();
  }, 120_000);

  it('a SIGKILL in the middle of an import leaves the archive exactly as before', async () => {
    const db = await newDb();
    const store = await openStore({ db });
    const base = folder(`${name}-kill-base`, 1, 30);
    await importFiles(store, markdownFiles([base]), { cwd: base });
    await store.setActionStatus('PM-0002', 'A1', 'in-progress');
    const before = await snapshot(store);
    // The import would change the 30 (new titles) and add 600.
    const big = folder(`${name}-kill-big`, 1, 630, { title: 'Rewritten title' });
    const w = worker('import', db, big);
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (w.lines.some((l) => Number(/^wrote (\d+)\//.exec(l)?.[1]) >= 200)) {
          clearInterval(timer);
          w.child.kill('SIGKILL');
          resolve();
        }
        if (w.lines.some((l) => l.startsWith('done')))
          reject(new Error('the import finished before the kill'));
      }, 5);
    });
    expect(await w.exited).toMatchObject({ signal: 'SIGKILL' });
    expect(w.lines.some((l) => l.startsWith('done'))).toBe(false);
    await store.close();
    const reopened = await openStore({ db });
    expect(await snapshot(reopened)).toEqual(before);
    expect(await reopened.search('Rewritten')).toEqual([]);
    // And the archive still takes writes: the same import now completes.
    const retry = await worker('import', db, big).exited;
    expect(retry).toMatchObject({ code: 0 });
    expect(await reopened.list()).toHaveLength(630);
    await reopened.close();
  }, 240_000);
});
