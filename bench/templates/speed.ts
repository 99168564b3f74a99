/**
 * Template-mining speed: the nine Loghub 2k logs concatenated `copies` times (180,000 lines at
 * 10), mined by the built CLI (`templates FILE --json > /dev/null`, process start included) and by
 * Drain3 (logpai/Drain3, Python, with its examples/drain3.ini masking) on the same file, in the
 * same run, as medians of `runs` because the machines are shared.
 *
 * Drain3 is a peer, not a dependency: give its source folder in DRAIN3_DIR (or --drain3); it runs
 * under DRAIN3_PYTHON (default /usr/bin/python3, which needs python3-cachetools and
 * python3-jsonpickle). Without it the peer is skipped.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ROOT, type Dataset } from './datasets.js';

export interface SpeedOptions {
  datasets: Dataset[];
  runs: number;
  copies: number;
  drain3?: string;
}

interface Run {
  seconds: number;
  code: number | null;
  stderr: string;
}

/** Wall time of one process, its output thrown away. */
function timed(cmd: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const devNull = openSync('/dev/null', 'w');
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', devNull, 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      closeSync(devNull);
      resolve({ seconds: Number(process.hrtime.bigint() - start) / 1e9, code, stderr });
    });
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Writes the concatenation once. Linux comes first so the file is read as syslog, which is not
 * multi-line: every line of the other logs stays an event of its own (unparsed, message = line)
 * rather than a continuation of the line before.
 */
async function ensureInput(
  datasets: Dataset[],
  copies: number,
): Promise<{ file: string; lines: number }> {
  const order = [...datasets].sort(
    (a, b) => Number(b.system === 'Linux') - Number(a.system === 'Linux'),
  );
  const dir = join(ROOT, 'bench/data/templates');
  const file = join(dir, `loghub-2k-x${copies}-${order.map((d) => d.system).join('-')}.log`);
  const texts = await Promise.all(order.map((d) => readFile(d.log, 'utf8')));
  const one = texts.map((t) => (t.endsWith('\n') ? t : t + '\n')).join('');
  const lines = one.split('\n').length - 1;
  if (!existsSync(file)) {
    await mkdir(dir, { recursive: true });
    await writeFile(file, one.repeat(copies));
  }
  return { file, lines: lines * copies };
}

interface Subject {
  name: string;
  cmd: string;
  args: string[];
}

function drain3Subject(dir: string | undefined, file: string): Subject | string {
  if (!dir) return 'DRAIN3_DIR is not set: Drain3 skipped';
  const config = join(dir, 'examples/drain3.ini');
  if (!existsSync(join(dir, 'drain3/template_miner.py')) || !existsSync(config))
    return `no Drain3 source with examples/drain3.ini in ${dir}: Drain3 skipped`;
  const python = process.env.DRAIN3_PYTHON ?? '/usr/bin/python3';
  const probe = spawnSync(python, ['-c', 'import cachetools, jsonpickle'], { encoding: 'utf8' });
  if (probe.status !== 0)
    return `${python} cannot import cachetools and jsonpickle (apt-get install python3-cachetools python3-jsonpickle): Drain3 skipped`;
  const driver = join(ROOT, 'bench/templates/drain3-driver.py');
  return { name: 'Drain3 (Python)', cmd: python, args: [driver, dir, config, file] };
}

export async function runSpeed(o: SpeedOptions): Promise<void> {
  const cli = join(ROOT, 'bin/aftermath.js');
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) {
    console.log('dist/ is missing: run `npm run build` first (npm run bench:templates does).');
    process.exitCode = 2;
    return;
  }
  const { file, lines } = await ensureInput(o.datasets, o.copies);
  // The CLI must see one event per line, or the figures would not compare.
  const check = spawnSync(process.execPath, [cli, 'templates', file, '--json', '--top', '0'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const doc = JSON.parse(check.stdout) as { sources: { events: number; templateCount: number }[] };
  const events = doc.sources.reduce((n, s) => n + s.events, 0);
  const templates = doc.sources.reduce((n, s) => n + s.templateCount, 0);
  console.log(
    `Input: ${file}\n  ${lines} lines (${o.datasets.length} Loghub 2k logs × ${o.copies}); aftermath mined ${events} events into ${templates} templates.`,
  );
  if (events !== lines)
    console.log(`  warning: ${lines - events} lines were not events of their own`);

  const subjects: Subject[] = [
    {
      name: 'aftermath templates',
      cmd: process.execPath,
      args: [cli, 'templates', file, '--json'],
    },
    // The floor under it: the same reading and parsing (messages included), no mining.
    {
      name: 'floor: aftermath timeline --count --grep ^',
      cmd: process.execPath,
      args: [cli, 'timeline', file, '--count', '--grep', '^'],
    },
  ];
  const peer = drain3Subject(o.drain3, file);
  if (typeof peer === 'string') console.log(`  ${peer}`);
  else subjects.push(peer);

  console.log(
    `  ${o.runs} runs each, interleaved, on ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}\n`,
  );
  const times = subjects.map(() => [] as number[]);
  for (let r = 0; r < o.runs; r++) {
    for (const [i, s] of subjects.entries()) {
      const run = await timed(s.cmd, s.args);
      if (run.code !== 0) throw new Error(`${s.name} failed (${run.code}): ${run.stderr.trim()}`);
      times[i]!.push(run.seconds);
    }
  }
  const rows = subjects.map((s, i) => {
    const t = median(times[i]!);
    return { name: s.name, seconds: t, rate: lines / t, all: times[i]! };
  });
  console.log('| miner | median wall time | lines/s | runs (s) |');
  console.log('| --- | --- | --- | --- |');
  for (const r of rows)
    console.log(
      `| ${r.name} | ${r.seconds.toFixed(2)} s | ${Math.round(r.rate).toLocaleString('en-US')} | ${r.all.map((x) => x.toFixed(2)).join(', ')} |`,
    );
  const drain3 = rows.find((r) => r.name.startsWith('Drain3'));
  if (drain3)
    console.log(
      `\naftermath templates is ${(rows[0]!.rate / drain3.rate).toFixed(1)}× Drain3 (goal: 20×), ` +
        `process start and log parsing included; the floor alone is ${(rows[1]!.rate / drain3.rate).toFixed(1)}×.`,
    );
}
