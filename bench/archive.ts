/**
 * The archive benchmark: import N generated postmortems (500 by default) into a fresh archive and
 * again unchanged, on SQLite and (when Debian's server binaries are here) on a throwaway
 * PostgreSQL; wall time and peak RSS of each import, each store measured in its own process.
 *
 *   npx tsx bench/archive.ts [--count 500]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sampleMarkdown } from '../src/store/conformance-samples.js';
import { importFiles, markdownFiles } from '../src/store/import.js';
import { openStore } from '../src/store/open-store.js';
import { postgresBin, startPostgresCluster } from '../test/support/postgres-cluster.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '500' },
    run: { type: 'string' },
    db: { type: 'string' },
    dir: { type: 'string' },
  },
});

/** In the child: one store, first import then the unchanged re-import; prints one JSON line. */
async function measureOne(db: string, dir: string): Promise<void> {
  const files = markdownFiles([dir]);
  const store = await openStore({ db });
  let t = performance.now();
  const first = await importFiles(store, files, { cwd: dir });
  const importMs = performance.now() - t;
  t = performance.now();
  const again = await importFiles(store, files, { cwd: dir });
  const reimportMs = performance.now() - t;
  t = performance.now();
  const hits = await store.search('failover drill');
  const searchMs = performance.now() - t;
  await store.close();
  if (first.failed || first.added !== files.length || again.unchanged !== files.length)
    throw new Error(
      `unexpected import result: ${JSON.stringify({ ...first, files: undefined, diagnostics: undefined })}`,
    );
  process.stdout.write(
    JSON.stringify({
      files: files.length,
      importMs,
      reimportMs,
      searchMs,
      hits: hits.length,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
    }) + '\n',
  );
}

function runChild(kind: string, db: string, dir: string): Record<string, number> {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', import.meta.filename, '--run', kind, '--db', db, '--dir', dir],
    { encoding: 'utf8', cwd: join(import.meta.dirname, '..') },
  );
  if (r.status !== 0) throw new Error(`${kind} run failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
}

async function main(): Promise<void> {
  if (values.run) return measureOne(values.db!, values.dir!);
  const count = Number(values.count);
  const root = mkdtempSync(join(tmpdir(), 'aftermath-bench-archive-'));
  try {
    const dir = join(root, 'postmortems');
    mkdirSync(dir);
    for (let n = 1; n <= count; n++)
      writeFileSync(
        join(dir, `pm-${n}.md`),
        sampleMarkdown(n, {
          padding: 12,
          ...(n % 10 === 0 ? { keyword: 'during a failover drill' } : {}),
        }),
      );
    const rows: [string, Record<string, number>][] = [
      ['sqlite', runChild('sqlite', join(root, 'archive.db'), dir)],
    ];
    if (postgresBin()) {
      const cluster = await startPostgresCluster();
      try {
        rows.push(['postgres', runChild('postgres', await cluster.createDatabase('bench'), dir)]);
      } finally {
        await cluster.stop();
      }
    } else console.warn('postgres skipped: no server binaries (apt-get install postgresql)');
    console.log(
      `archive import of ${count} generated postmortems (${process.version}, ${process.platform})`,
    );
    console.log('| store | first import | per file | unchanged re-import | search | peak RSS |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const [kind, m] of rows)
      console.log(
        `| ${kind} | ${(m.importMs! / 1000).toFixed(2)} s | ${(m.importMs! / count).toFixed(1)} ms | ${(m.reimportMs! / 1000).toFixed(2)} s | ${m.searchMs!.toFixed(1)} ms | ${m.peakRssMB!.toFixed(0)} MB |`,
      );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
