/** `aftermath timeline`: the merged UTC timeline of every source. */
import { stat } from 'node:fs/promises';
import { Command, Option } from 'commander';
import type { Diagnostic } from '../../core/diagnostic.js';
import { UsageError } from '../../errors.js';
import type { EventFilter } from '../../ingest/filter.js';
import { mergeRuns, type BatchShape } from '../../ingest/merge.js';
import type { SourceSpec, SourceSummary } from '../../ingest/source.js';
import { resolveTimelineSources, type TimelineOptions } from '../../ingest/timeline.js';
import { headerFor, TIMELINE_FORMATS, type TimelineFormat } from '../../render/timeline.js';
import { ClosedPipe, Output, printDiagnostics, progressBar, useColour } from '../io.js';
import {
  evidenceOptions,
  filterOptions,
  parseEvidenceFlags,
  type EvidenceFlags,
} from '../options.js';
import { openRowSources, type RowSource } from '../row-sources.js';
import type { RenderSpec, RowBatch } from '../rows.js';

interface Flags extends EvidenceFlags {
  format: TimelineFormat;
  limit?: string;
  count?: boolean;
  json?: boolean;
  verbose?: boolean;
  correctSkew?: boolean;
}

/**
 * The end of a command that read an incident: every source's diagnostics on stderr, then the exit
 * code from what was read.
 */
export function finishIncident(
  result: { diagnostics: readonly Diagnostic[]; sources: readonly SourceSummary[] },
  verbose?: boolean,
): number {
  printDiagnostics(
    [...result.diagnostics, ...result.sources.flatMap((s) => s.diagnostics)],
    verbose,
  );
  return readableExitCode(result.sources);
}

/** Exit code from what was read: 1 when no source could be read at all. */
export function readableExitCode(sources: readonly SourceSummary[]): number {
  return sources.some((s) => !s.skipped && s.entries + s.unparsed > 0) ? 0 : 1;
}

const OUT_BYTES = 1 << 20;

const ROWS: BatchShape<RowBatch> = { length: (b) => b.ts.length, ts: (b, i) => b.ts[i]! };

// Worker threads pay off once there is real work to share: several sources and enough bytes.
const PARALLEL_BYTES = 32 * 1024 * 1024;

async function sizesOf(specs: readonly SourceSpec[]): Promise<number[]> {
  return Promise.all(
    specs.map(async (s) => {
      if (s.kind === 'git' || s.path === '-') return 0;
      try {
        return (await stat(s.path)).size;
      } catch {
        return 0; // reported by the reader
      }
    }),
  );
}

function useWorkers(specs: readonly SourceSpec[], bytes: number): boolean {
  // Standard input belongs to this thread: a worker cannot read it.
  if (specs.some((s) => s.path === '-')) return false;
  const env = process.env.AFTERMATH_THREADS;
  if (env !== undefined) return env !== '0' && env !== '1' && specs.length > 1;
  return specs.length > 1 && bytes >= PARALLEL_BYTES;
}

export interface RowsResult {
  rows: number;
  sources: SourceSummary[];
  diagnostics: Diagnostic[];
  /** Stopped early by --limit or a closed pipe. */
  stopped: boolean;
}

class LimitReached extends Error {}

/** What went wrong across the run: resolving paths, then each source. */
export function allDiagnostics(result: RowsResult): Diagnostic[] {
  return [...result.diagnostics, ...result.sources.flatMap((s) => s.diagnostics)];
}

/**
 * Reads, filters, renders and merges every source, writing rows to `out` (nothing in count mode).
 * Shared by `timeline` and `sources`.
 */
export async function streamRows(
  paths: readonly string[],
  options: TimelineOptions & { filter: EventFilter },
  render: RenderSpec,
  out: Output,
  limit = Infinity,
): Promise<RowsResult> {
  const resolved = await resolveTimelineSources(paths, options);
  const { specs } = resolved;
  const sizes = await sizesOf(specs);
  const bytes = sizes.reduce((a, b) => a + b, 0);
  const progress = progressBar(bytes);
  const read = specs.map(() => 0);
  const onProgress = (i: number, b: number): void => {
    read[i] = b;
    progress.update(read.reduce((a, c) => a + c, 0));
  };
  const renderSpec = {
    ...render,
    sourceWidth: Math.min(24, Math.max(6, ...specs.map((s) => s.name.length))),
  };
  // Counting needs times and levels only, unless --grep looks at the text.
  const lazy = render.format === 'count' && options.filter.grep === undefined;
  const sources: RowSource[] = openRowSources(
    specs,
    sizes,
    { filter: options.filter, lazy },
    renderSpec,
    onProgress,
    useWorkers(specs, bytes),
  );
  let rows = 0;
  let stopped = false;
  // Runs of rows are copied into one output buffer (no object per run: sources interleave row by
  // row) and written out whenever the merge pauses or the buffer fills.
  // Buffers come back to a pool once written, so steady output allocates nothing.
  const pool: Buffer[] = [];
  const fresh = (): Buffer => pool.pop() ?? Buffer.allocUnsafeSlow(OUT_BYTES);
  let buf = fresh();
  let used = 0;
  // Filled buffers waiting to be written, whole (with their used length) so they return to the pool.
  const full: { whole: Buffer; length: number }[] = [];
  const write = async (whole: Buffer, length: number): Promise<void> => {
    await out.bytes(whole.subarray(0, length), () => {
      if (pool.length < 4) pool.push(whole);
    });
  };
  const flush = async (): Promise<void> => {
    for (const f of full.splice(0)) await write(f.whole, f.length);
    if (used === 0) return;
    const whole = buf;
    const length = used;
    buf = fresh();
    used = 0;
    await write(whole, length);
  };
  try {
    await mergeRuns(
      sources.map((s) => s.batches),
      ROWS,
      (b, from, to) => {
        if (rows + (to - from) > limit) to = from + (limit - rows);
        rows += to - from;
        if (b.ends.length > 0 && to > from) {
          // The output is a byte stream: a run may be split across buffers anywhere.
          let start = from === 0 ? 0 : b.ends[from - 1]!;
          const end = b.ends[to - 1]!;
          for (;;) {
            const piece = Math.min(end - start, OUT_BYTES - used);
            used += b.data.copy(buf, used, start, start + piece);
            start += piece;
            if (start === end) break;
            full.push({ whole: buf, length: used });
            buf = fresh();
            used = 0;
          }
        }
        if (rows >= limit) throw new LimitReached();
      },
      flush,
    );
    await flush();
  } catch (err) {
    if (err instanceof LimitReached) {
      await flush().catch(() => undefined);
      stopped = true;
    } else if (err instanceof ClosedPipe) stopped = true;
    else throw err;
  } finally {
    progress.stop();
  }
  const summaries = await Promise.all(sources.map((s) => s.summary));
  return { rows, sources: summaries, diagnostics: resolved.diagnostics, stopped };
}

/** A first pass that measures clock skew; says on stderr what it will correct. */
async function skewOffsets(
  paths: readonly string[],
  options: TimelineOptions,
): Promise<Map<string, number>> {
  // The analysis modules load only when asked for.
  const { estimateSkew } = await import('../../pipeline/analyze-incident.js');
  const { findings, corrections } = await estimateSkew(paths, options);
  for (const f of findings)
    process.stderr.write(`aftermath: clock skew: ${f.detail} (confidence ${f.confidence})\n`);
  const applied = [...corrections].map(([s, ms]) => `${s} ${ms > 0 ? '+' : ''}${ms / 1000} s`);
  process.stderr.write(
    `aftermath: --correct-skew: ${applied.length > 0 ? `added ${applied.join(', ')}` : 'no correction needed'}\n`,
  );
  return corrections;
}

export async function runTimeline(
  paths: string[],
  flags: Flags,
  out = new Output(),
): Promise<number> {
  const parsed = parseEvidenceFlags(flags);
  const limit = flags.limit === undefined ? Infinity : Number(flags.limit);
  if (!(limit >= 0))
    throw new UsageError(`--limit: expected a number of events, got "${flags.limit}"`);
  const format: TimelineFormat | 'count' = flags.count ? 'count' : flags.format;
  const render: RenderSpec = {
    format,
    sourceWidth: 0,
    colour: format === 'table' && useColour(),
    ...(format === 'table' && process.stdout.isTTY ? { width: process.stdout.columns } : {}),
  };
  if (flags.correctSkew) parsed.clockOffsets = await skewOffsets(paths, parsed);
  const header = format === 'count' ? '' : headerFor(format);
  if (header) await out.write(header);
  const result = await streamRows(paths, parsed, render, out, limit);
  if (flags.count) {
    const read = result.sources.filter((s) => !s.skipped);
    const counts = {
      events: result.rows,
      sources: read.length,
      lines: read.reduce((n, s) => n + s.lines, 0),
      bytes: read.reduce((n, s) => n + s.bytes, 0),
    };
    await out.write(
      flags.json
        ? JSON.stringify(counts)
        : `${counts.events} events from ${counts.sources} sources (${counts.lines} lines, ${counts.bytes} bytes)`,
    );
  }
  printDiagnostics(allDiagnostics(result), flags.verbose);
  if (result.stopped) return 0;
  return readableExitCode(result.sources);
}

export function timelineCommand(): Command {
  const cmd = new Command('timeline')
    .summary('print the merged UTC timeline of logs in any format')
    .description(
      'Reads every file (any supported format, .gz too), folder (recursively), git repository or case folder ' +
        '(aftermath.yaml) given, and prints one timeline in UTC, merged by time. Each source keeps its own ' +
        'order; times written without a zone are read in --tz (default UTC).',
    )
    .argument('<paths...>', 'log files, folders, git repositories, a case folder, or - for stdin');
  for (const o of [...evidenceOptions(), ...filterOptions()]) cmd.addOption(o);
  cmd
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(TIMELINE_FORMATS)
        .default('table'),
    )
    .option('-n, --limit <n>', 'stop after this many events')
    .option(
      '--count',
      'print only how many events there are (still reads, parses and merges everything)',
    )
    .option('--json', 'with --count: print the counts as JSON')
    .option(
      '--correct-skew',
      'measure clock skew between sources first (shared request ids, local-time zones) and correct it',
    )
    .option(
      '-v, --verbose',
      'also print informational notes (unparsed lines, out-of-order entries)',
    )
    .addHelpText(
      'after',
      `
Output formats:
  table   time, source, level, message (default)
  jsonl   one JSON object per event: ts (ISO 8601 UTC, ms), source, file, line, level, message, attrs
  csv     ts,source,file,line,level,message
  md      a Markdown table with the evidence (file:line) of each row

Examples:
  $ aftermath timeline examples/pool-exhaustion                 # a case folder with aftermath.yaml
  $ aftermath timeline nginx/ app.log.gz --since "2026-11-22 19:38" --until +10min
  $ aftermath timeline /var/log/syslog --tz Europe/Berlin --level warn
  $ aftermath timeline . --grep 'too many clients' --format md > timeline.md
  $ aftermath timeline nginx/access.log app.log --correct-skew   # app clock 2 s ahead: fixed
  $ kubectl logs deploy/api --timestamps | aftermath timeline - --format jsonl | jq .message
`,
    )
    .action(async (paths: string[], flags: Flags) => {
      process.exitCode = await runTimeline(paths, flags);
    });
  return cmd;
}
