/**
 * The speed and memory benchmark: aftermath's timeline against lnav (the peer) and `wc -l` (the
 * floor), on the same generated files in the same run, reported as medians and ratios because the
 * machines are shared and noisy.
 *
 *   npm run bench [-- --size 1GB --runs 3 --only timeline,lnav,wc --timeout 600]
 */
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureMixed } from './generate.js';
import { parseSize } from './generator/size.js';
import { describeMachine } from './runner/machine.js';
import { haveGnuTime, measure, type Sample } from './runner/measure.js';
import {
  goalsOf,
  ratiosOf,
  summarize,
  toMarkdown,
  type Input,
  type Report,
  type Result,
} from './runner/report.js';
import {
  makeSubjects,
  SUBJECT_IDS,
  type Check,
  type Subject,
  type SubjectId,
} from './runner/subjects.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/**
 * Copies the built CLI (bin/, dist/, package.json) to bench/out/snapshot/ and runs that copy, so a
 * rebuild by someone else in the same working tree cannot change the code between runs. Node
 * still resolves dependencies from the repository's node_modules above it.
 */
async function snapshotCli(): Promise<{ root: string; builtAt: string } | undefined> {
  const main = join(ROOT, 'dist', 'cli', 'main.js');
  if (!existsSync(main)) return undefined;
  const root = join(ROOT, 'bench', 'out', 'snapshot');
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  await cp(join(ROOT, 'dist'), join(root, 'dist'), { recursive: true });
  await cp(join(ROOT, 'bin'), join(root, 'bin'), { recursive: true });
  await copyFile(join(ROOT, 'package.json'), join(root, 'package.json'));
  return { root, builtAt: (await stat(main)).mtime.toISOString().replace(/\.\d+Z$/, 'Z') };
}

function parseOnly(text: string | undefined): SubjectId[] {
  if (text === undefined) return [...SUBJECT_IDS];
  const ids = text
    .split(/[,|]/)
    .flatMap((s) => (s.trim() === 'aftermath' ? ['timeline', 'count'] : [s.trim()]));
  for (const id of ids) {
    if (!(SUBJECT_IDS as readonly string[]).includes(id)) {
      throw new Error(
        `--only: expected some of ${SUBJECT_IDS.join(', ')} (or aftermath), received "${id}"`,
      );
    }
  }
  return ids as SubjectId[];
}

function describeFailure(s: Sample, timeoutS: number): string | undefined {
  if (s.timedOut) return `timed out after ${timeoutS} s (killed)`;
  if (s.exitCode === 0) return undefined;
  const why = s.signal === null ? `exit ${s.exitCode}` : `signal ${s.signal}`;
  return `${why}${s.stderrTail ? `: ${s.stderrTail.split('\n').pop()}` : ''}`;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: 'string', default: '1GB' },
      seed: { type: 'string', default: '1' },
      files: { type: 'string', default: '4' },
      runs: { type: 'string', default: '3' },
      only: { type: 'string' },
      timeout: { type: 'string', default: '600' },
    },
  });
  const sizeBytes = parseSize(values.size);
  const seed = Number(values.seed);
  const runs = Number(values.runs);
  const timeoutS = Number(values.timeout);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs: expected a positive integer, received "${values.runs}"`);
  if (!(timeoutS > 0))
    throw new Error(`--timeout: expected seconds > 0, received "${values.timeout}"`);
  const only = parseOnly(values.only);
  if (!haveGnuTime())
    console.error(
      'GNU time is missing (apt-get install time): peak RSS is polled from /proc instead.',
    );

  const { dir, manifest } = await ensureMixed(ROOT, sizeBytes, seed, Number(values.files));
  const files = manifest.files.map((f) => join(dir, f.path));
  const input: Input = {
    dir: relative(ROOT, dir),
    seed,
    generator: manifest.generator,
    totalBytes: manifest.totalBytes,
    lines: manifest.totalLines,
    entries: manifest.files.reduce((n, f) => n + f.lines - f.continuations, 0),
    files: manifest.files.map(({ path, bytes, lines }) => ({ path, bytes, lines })),
  };
  const machine = describeMachine();
  const snapshot = only.some((id) => id === 'timeline' || id === 'count')
    ? await snapshotCli()
    : undefined;
  const all = makeSubjects(ROOT, snapshot?.root ?? ROOT, {
    lines: input.lines,
    entries: input.entries,
  });
  const subjects = all.filter((s) => only.includes(s.id));
  const scratch = await mkdtemp(join(tmpdir(), 'aftermath-bench-'));
  const samples = new Map<SubjectId, Sample[]>(subjects.map((s) => [s.id, []]));
  const checks = new Map<SubjectId, Check>();

  const runOnce = async (subject: Subject, label: string): Promise<Sample> => {
    const runDir = await mkdtemp(join(scratch, `${subject.id}-`));
    const inv = await subject.invocation(files, runDir);
    const stdoutPath = inv.keepStdout ? join(runDir, 'stdout.txt') : '/dev/null';
    process.stderr.write(`${label} ${subject.label} … `);
    const sample = await measure({
      ...inv,
      cwd: ROOT,
      stdoutPath,
      scratch: runDir,
      timeoutMs: timeoutS * 1000,
    });
    const rss =
      sample.maxRssKb === undefined ? '' : `, ${Math.round((sample.maxRssKb * 1024) / 1e6)} MB`;
    process.stderr.write(
      `${sample.seconds.toFixed(2)} s${rss}${describeFailure(sample, timeoutS) ? ' (failed)' : ''}\n`,
    );
    if (inv.keepStdout && subject.check && sample.exitCode === 0) {
      checks.set(subject.id, subject.check(await readFile(stdoutPath, 'utf8')));
    }
    await rm(runDir, { recursive: true, force: true });
    return sample;
  };

  try {
    const runnable = subjects.filter((s) => s.unavailable === undefined);
    for (const s of subjects)
      if (s.unavailable !== undefined) console.error(`skipping ${s.label}: ${s.unavailable}`);
    // Untimed warm-up read, so every command finds the input in the page cache, not just the later ones.
    await runOnce(
      all.find((s) => s.id === 'wc')!,
      'warm-up',
    );
    // Interleaved rounds: a noisy minute slows one run of every command rather than all runs of one.
    for (let round = 1; round <= runs; round++) {
      for (const s of runnable) samples.get(s.id)!.push(await runOnce(s, `run ${round}/${runs}`));
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
    if (snapshot) await rm(snapshot.root, { recursive: true, force: true });
  }

  const results: Result[] = subjects.map((s) => {
    const list = samples.get(s.id)!;
    const check = checks.get(s.id);
    return summarize(
      {
        id: s.id,
        label: s.label,
        display: s.display,
        ...(s.unavailable === undefined ? {} : { unavailable: s.unavailable }),
        samples: list,
        failures: list.flatMap((x, i) => {
          const why = describeFailure(x, timeoutS);
          return why === undefined ? [] : [`run ${i + 1}: ${why}`];
        }),
        ...(check === undefined ? {} : { check }),
      },
      input,
    );
  });
  const ratios = ratiosOf(results);
  const report: Report = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command: ['npm run bench --', ...argv].join(' ').replace(/ --$/, ''),
    runs,
    input,
    machine,
    ...(snapshot ? { builtAt: snapshot.builtAt } : {}),
    results,
    ratios,
    goals: goalsOf(results, ratios),
  };
  const markdown = toMarkdown(report);
  const outDir = join(ROOT, 'bench', 'out');
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'latest.md'), markdown);
  await writeFile(join(outDir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(markdown);
  console.error(`written: bench/out/latest.md, bench/out/latest.json`);
  return results.some((r) => r.failures.length > 0) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
