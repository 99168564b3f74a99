/**
 * Deterministic generator of incident-shaped mixed evidence for benchmarks: nginx access log,
 * pino JSON app log(s), PostgreSQL stderr log and syslog, of any total size.
 *
 *   tsx bench/generate.ts --size 1GB --out bench/data/mixed [--seed 1] [--files 4]
 *
 * One seeded PRNG drives one simulation in time order, so the same seed and size give the same
 * bytes, every file's timestamps increase, and nginx and the API log share request ids. Output
 * is streamed in 1 MiB chunks with backpressure: memory does not grow with the size.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { AppLogs } from './generator/app.js';
import { Clock } from './generator/clock.js';
import { accessLine } from './generator/nginx.js';
import { intensity, makePlan, type Plan } from './generator/plan.js';
import { PostgresLog } from './generator/postgres.js';
import { Prng } from './generator/prng.js';
import { nextRequest } from './generator/requests.js';
import { LineSink } from './generator/sink.js';
import { formatBytes, parseSize, sizeLabel } from './generator/size.js';
import { Syslog } from './generator/syslog.js';
import { BAD_VERSION, GOOD_VERSION } from './generator/vocab.js';

/** Bump when the output for a given seed and size changes, so cached data is regenerated. */
export const GENERATOR_VERSION = 1;

/** Share of the total each kind of file gets: roughly a web shop's evidence. */
export const SHARES = { nginx: 0.45, app: 0.35, postgres: 0.12, syslog: 0.08 } as const;

export type FileKind = keyof typeof SHARES;

export interface GenerateOptions {
  /** Total size to write; the last simulated request may overshoot it by a few hundred bytes. */
  sizeBytes: number;
  outDir: string;
  seed?: number;
  /** 4 = one file per kind; more split the API log across that many extra API hosts. */
  files?: number;
  /** Called now and then with the bytes written so far. */
  onProgress?: (bytes: number) => void;
}

export interface GeneratedFile {
  kind: FileKind;
  /** Relative to the output directory. */
  path: string;
  bytes: number;
  lines: number;
  /** Tab-indented continuation lines (PostgreSQL statements), which viewers fold into entries. */
  continuations: number;
}

export interface Manifest {
  generator: number;
  seed: number;
  sizeBytes: number;
  totalBytes: number;
  totalLines: number;
  /** Simulated time covered, ISO-8601 UTC. */
  from: string;
  to: string;
  incident: { deploy: string; oom: string; rollback: string };
  files: GeneratedFile[];
}

/** Written last: its presence means the set is complete. */
export const MANIFEST = 'manifest.json';

const iso = (ms: number): string => new Date(Math.floor(ms)).toISOString();

/**
 * Writes the evidence set into `outDir` and returns its manifest (also saved as `manifest.json`).
 *
 * @example
 *   const m = await generateMixed({ sizeBytes: 10 * 2 ** 20, seed: 1, outDir: tmp });
 *   m.files.map((f) => join(tmp, f.path)); // nginx/access.log, app/app.log, …
 */
export async function generateMixed(options: GenerateOptions): Promise<Manifest> {
  const { sizeBytes, outDir, seed = 1, files = 4, onProgress } = options;
  if (!Number.isInteger(files) || files < 4)
    throw new Error(`files: expected an integer ≥ 4, received ${files}`);
  for (const dir of ['nginx', 'app', 'postgres', 'syslog'])
    await mkdir(join(outDir, dir), { recursive: true });
  const appPaths =
    files === 4
      ? ['app/app.log']
      : Array.from({ length: files - 3 }, (_, i) => `app/api-${i + 1}.log`);
  const paths: [FileKind, string][] = [
    ['nginx', 'nginx/access.log'],
    ...appPaths.map((p): [FileKind, string] => ['app', p]),
    ['postgres', 'postgres/postgresql.log'],
    ['syslog', 'syslog/syslog'],
  ];
  const sinks = paths.map(([, p]) => new LineSink(join(outDir, p)));
  const nginx = sinks[0]!;
  const appSinks = sinks.slice(1, 1 + appPaths.length);
  const pgSink = sinks[sinks.length - 2]!;
  const sysSink = sinks[sinks.length - 1]!;

  const plan = makePlan(sizeBytes);
  const rng = new Prng(seed);
  const clock = new Clock();
  const app = new AppLogs(appSinks, clock, rng, GOOD_VERSION);
  const pg = new PostgresLog(pgSink, clock, rng);
  const sys = new Syslog(sysSink, clock, rng, plan.start - 3 * 86_400_000 - 4_321_987);

  // Bytes caused by the incident, left out of the share feedback below so that routine lines
  // keep their normal rate through it instead of pausing to make up for the burst.
  let appExtra = 0;
  let pgExtra = 0;
  let sysExtra = 0;
  const appBytes = (): number => appSinks.reduce((n, s) => n + s.bytes, 0);
  const pgBytes = (): number => pgSink.bytes;
  const sysBytes = (): number => sysSink.bytes;
  const extra = (bytes: () => number, write: () => void): number => {
    const before = bytes();
    write();
    return bytes() - before;
  };

  let stage = 0;
  let nextCheckpoint = plan.start + 150_000;
  let nextCron = plan.start + 300_000;
  let total = 0;
  let nextReport = 0;
  while (total < sizeBytes) {
    // Time advances with the bytes written, so the span is exact and timestamps never go back.
    const now = plan.start + plan.span * (total / sizeBytes);
    clock.set(now);
    stage = scheduled(stage, now, plan);
    if (now >= nextCheckpoint) {
      pg.checkpoint();
      nextCheckpoint += 300_000;
    }
    if (now >= nextCron) {
      sys.cron();
      nextCron += 600_000;
    }

    const level = intensity(plan, now);
    const r = nextRequest(rng, level);
    nginx.line(accessLine(clock, rng, r));
    if (r.status >= 500) appExtra += extra(appBytes, () => app.request(r));
    else app.request(r);
    if (r.outcome === 'pool-exhausted') pgExtra += extra(pgBytes, () => pg.refused(r.fatal));
    else if (r.outcome === 'statement-timeout')
      pgExtra += extra(pgBytes, () => pg.statementTimeout(now));
    else if (r.outcome === 'slow')
      pgExtra += extra(pgBytes, () => pg.slowOrderQuery(now, r.rtMs - 1 - rng.float() * 20));

    // Routine lines keep each file at its share of the total.
    const unit = nginx.bytes / SHARES.nginx;
    while (appBytes() - appExtra < unit * SHARES.app) app.chatter(level);
    while (pgBytes() - pgExtra < unit * SHARES.postgres) pg.routine(now);
    while (sysBytes() - sysExtra < unit * SHARES.syslog) sys.routine(now);

    total = 0;
    for (const s of sinks) {
      if (s.full) await s.flush();
      total += s.bytes;
    }
    if (onProgress && total >= nextReport) {
      onProgress(total);
      nextReport += sizeBytes / 20;
    }
  }

  /** One-off incident events, in order; returns the next stage. */
  function scheduled(at: number, now: number, p: Plan): number {
    if (at === 0 && now >= p.deploy) {
      const oldPort = app.first.port;
      app.deploy(BAD_VERSION);
      sysExtra += extra(sysBytes, () => sys.deploy(app.first.port, oldPort));
      return 1;
    }
    if (at === 1 && now >= p.oom) {
      sysExtra += extra(sysBytes, () => sys.oomKill(now, app.first.pid, app.first.port));
      app.restartFirst();
      return 2;
    }
    if (at === 2 && now >= p.rollback) {
      const oldPort = app.first.port;
      app.deploy(GOOD_VERSION);
      sysExtra += extra(sysBytes, () => sys.deploy(app.first.port, oldPort));
      return 3;
    }
    return at;
  }

  await Promise.all(sinks.map((s) => s.close()));
  const manifest: Manifest = {
    generator: GENERATOR_VERSION,
    seed,
    sizeBytes,
    totalBytes: total,
    totalLines: sinks.reduce((n, s) => n + s.lines, 0),
    from: iso(plan.start),
    to: iso(clock.now),
    incident: { deploy: iso(plan.deploy), oom: iso(plan.oom), rollback: iso(plan.rollback) },
    files: paths.map(([kind, path], i) => ({
      kind,
      path,
      bytes: sinks[i]!.bytes,
      lines: sinks[i]!.lines,
      continuations: sinks[i]!.continuations,
    })),
  };
  await writeFile(join(outDir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** The conventional cache directory for a size and seed (bench/data/ is git-ignored). */
export function defaultOutDir(sizeBytes: number, seed: number, files: number): string {
  const suffix = files === 4 ? '' : `-f${files}`;
  return join('bench', 'data', `mixed-${sizeLabel(sizeBytes)}-seed${seed}${suffix}`);
}

/**
 * The set for this size, seed and file count under `root`: reused when its manifest says this
 * generator made it for them, else generated (once; bench/data/ is git-ignored).
 */
export async function ensureMixed(
  root: string,
  sizeBytes: number,
  seed: number,
  files = 4,
): Promise<{ dir: string; manifest: Manifest }> {
  const dir = join(root, defaultOutDir(sizeBytes, seed, files));
  try {
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Manifest;
    if (
      manifest.generator === GENERATOR_VERSION &&
      manifest.sizeBytes === sizeBytes &&
      manifest.seed === seed
    )
      return { dir, manifest };
  } catch {
    // No complete set yet.
  }
  console.error(`generating ${relative(root, dir)} (once; bench/data/ is git-ignored)…`);
  await rm(dir, { recursive: true, force: true });
  return { dir, manifest: await generateMixed({ sizeBytes, seed, files, outDir: dir }) };
}

async function cli(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: 'string', default: '1GB' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      files: { type: 'string', default: '4' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const sizeBytes = parseSize(values.size);
  const seed = Number(values.seed);
  const files = Number(values.files);
  if (!Number.isInteger(seed) || seed < 0)
    throw new Error(`--seed: expected a non-negative integer, received "${values.seed}"`);
  const outDir = resolve(values.out ?? defaultOutDir(sizeBytes, seed, files));
  const started = process.hrtime.bigint();
  const manifest = await generateMixed({
    sizeBytes,
    seed,
    files,
    outDir,
    // A progress line only where it can be redrawn in place.
    ...(values.quiet || !process.stderr.isTTY
      ? {}
      : {
          onProgress: (b: number) =>
            process.stderr.write(`\r${formatBytes(b)} of ${formatBytes(sizeBytes)}`),
        }),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!values.quiet && process.stderr.isTTY) process.stderr.write('\n');
  const shown = relative(process.cwd(), outDir) || '.';
  console.log(
    `${shown}: ${formatBytes(manifest.totalBytes)}, ${manifest.totalLines} lines, ${manifest.from} .. ${manifest.to} in ${seconds.toFixed(1)} s`,
  );
  for (const f of manifest.files) {
    const share = ((f.bytes / manifest.totalBytes) * 100).toFixed(1);
    console.log(
      `  ${f.path.padEnd(26)} ${formatBytes(f.bytes).padStart(10)} ${String(f.lines).padStart(10)} lines  ${share}%`,
    );
  }
  return 0;
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href
) {
  cli(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(`generate: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 2;
    },
  );
}
