/** `aftermath timeline`: the merged UTC timeline of every source. */
import { Command, Option } from 'commander';
import type { LogEvent } from '../../core/event.js';
import { openTimeline, type Timeline } from '../../ingest/timeline.js';
import {
  eventToCsv,
  eventToJsonl,
  eventToMarkdown,
  headerFor,
  tableRenderer,
  TIMELINE_FORMATS,
  type TimelineFormat,
} from '../../render/timeline.js';
import { ClosedPipe, Output, painter, printDiagnostics, progressFor, useColour } from '../io.js';
import { evidenceOptions, filterOptions, parseEvidenceFlags, type EvidenceFlags } from '../options.js';

interface Flags extends EvidenceFlags {
  format: TimelineFormat;
  limit?: string;
  count?: boolean;
  json?: boolean;
  verbose?: boolean;
}

export interface TimelineRun {
  timeline: Timeline;
  emitted: number;
}

/** Exit code from what was read: 1 when no source could be read at all. */
export function readableExitCode(timeline: Timeline): number {
  return timeline.sources.some((s) => !s.skipped && s.entries + s.unparsed > 0) ? 0 : 1;
}

function rendererFor(format: TimelineFormat, timeline: Timeline): (e: LogEvent) => string {
  switch (format) {
    case 'jsonl':
      return eventToJsonl;
    case 'csv':
      return eventToCsv;
    case 'md':
      return eventToMarkdown;
    default: {
      const width = Math.min(24, Math.max(6, ...timeline.specs.map((s) => s.name.length)));
      const cols = process.stdout.isTTY ? process.stdout.columns : undefined;
      return tableRenderer(width, cols, painter(useColour()));
    }
  }
}

export async function runTimeline(paths: string[], flags: Flags, out = new Output()): Promise<number> {
  const parsed = parseEvidenceFlags(flags);
  const limit = flags.limit === undefined ? Infinity : Number(flags.limit);
  if (!(limit >= 0)) throw new Error(`--limit: expected a number, got "${flags.limit}"`);
  const progress = await progressFor(paths);
  const timeline = await openTimeline(paths, {
    filter: parsed.filter,
    ...(parsed.tz !== undefined ? { tz: parsed.tz } : {}),
    ...(parsed.logFormat !== undefined ? { format: parsed.logFormat } : {}),
    ...(parsed.sources !== undefined ? { sources: parsed.sources } : {}),
    onProgress: progress.update,
  });
  let emitted = 0;
  let stopped = false;
  try {
    if (flags.count) {
      for await (const batch of timeline.events) emitted += batch.length;
    } else {
      const render = rendererFor(flags.format, timeline);
      const header = headerFor(flags.format);
      if (header) await out.write(header);
      outer: for await (const batch of timeline.events) {
        for (const e of batch) {
          if (emitted >= limit) {
            stopped = true;
            break outer;
          }
          await out.line(render(e));
          emitted++;
        }
      }
      await out.flush();
    }
  } catch (err) {
    if (!(err instanceof ClosedPipe)) throw err;
    stopped = true;
  } finally {
    progress.stop();
  }
  if (flags.count) {
    const lines = timeline.sources.reduce((n, s) => n + s.lines, 0);
    const bytes = timeline.sources.reduce((n, s) => n + s.bytes, 0);
    const counts = { events: emitted, sources: timeline.sources.filter((s) => !s.skipped).length, lines, bytes };
    await out.write(flags.json ? JSON.stringify(counts) : `${counts.events} events from ${counts.sources} sources (${lines} lines, ${bytes} bytes)`);
  }
  printDiagnostics([...timeline.diagnostics, ...timeline.sources.flatMap((s) => s.diagnostics)], flags.verbose);
  if (stopped) return 0;
  return readableExitCode(timeline);
}

export function timelineCommand(): Command {
  const cmd = new Command('timeline')
    .summary('print the merged UTC timeline of logs in any format')
    .description(
      'Reads every file (any supported format, .gz too), folder (recursively), git repository or case folder\n' +
        '(aftermath.yaml) given, and prints one timeline in UTC, merged by time. Each source keeps its own\n' +
        'order; times written without a zone are read in --tz (default UTC).',
    )
    .argument('<paths...>', 'log files, folders, git repositories, a case folder, or - for stdin');
  for (const o of [...evidenceOptions(), ...filterOptions()]) cmd.addOption(o);
  cmd
    .addOption(new Option('-f, --format <format>', 'output format').choices(TIMELINE_FORMATS).default('table'))
    .option('-n, --limit <n>', 'stop after this many events')
    .option('--count', 'print only how many events there are (still reads, parses and merges everything)')
    .option('--json', 'with --count: print the counts as JSON')
    .option('-v, --verbose', 'also print informational notes (unparsed lines, out-of-order entries)')
    .addHelpText(
      'after',
      `
Examples:
  $ aftermath timeline examples/pool-exhaustion                 # a case folder with aftermath.yaml
  $ aftermath timeline nginx/ app.log.gz --since "2026-11-22 19:38" --until +10min
  $ aftermath timeline /var/log/syslog --tz Europe/Berlin --level warn
  $ aftermath timeline . --grep 'too many clients' --format md > timeline.md
  $ kubectl logs deploy/api --timestamps | aftermath timeline - --format jsonl | jq .message
`,
    )
    .action(async (paths: string[], flags: Flags) => {
      process.exitCode = await runTimeline(paths, flags);
    });
  return cmd;
}
