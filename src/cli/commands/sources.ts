/** `aftermath sources`: one row per source: format, lines, time range, zone, problems. */
import { Command } from 'commander';
import { openTimeline, type Timeline } from '../../ingest/timeline.js';
import { renderSources } from '../../render/sources.js';
import { Output, printDiagnostics, progressFor } from '../io.js';
import { evidenceOptions, parseEvidenceFlags, type EvidenceFlags } from '../options.js';
import { readableExitCode } from './timeline.js';

interface Flags extends EvidenceFlags {
  json?: boolean;
  verbose?: boolean;
}

/** Reads every source to the end so that the summaries are complete. */
export async function readAll(timeline: Timeline): Promise<void> {
  for await (const _ of timeline.events) {
    /* the summaries fill in as events are read */
  }
}

export async function runSources(paths: string[], flags: Flags, out = new Output()): Promise<number> {
  const parsed = parseEvidenceFlags(flags);
  const progress = await progressFor(paths);
  const timeline = await openTimeline(paths, {
    filter: parsed.filter,
    ...(parsed.tz !== undefined ? { tz: parsed.tz } : {}),
    ...(parsed.logFormat !== undefined ? { format: parsed.logFormat } : {}),
    ...(parsed.sources !== undefined ? { sources: parsed.sources } : {}),
    onProgress: progress.update,
  });
  try {
    await readAll(timeline);
  } finally {
    progress.stop();
  }
  if (flags.json) {
    const rows = timeline.sources.map((s) => ({
      ...s,
      firstTs: Number.isNaN(s.firstTs) ? null : new Date(s.firstTs).toISOString(),
      lastTs: Number.isNaN(s.lastTs) ? null : new Date(s.lastTs).toISOString(),
      minTs: Number.isNaN(s.minTs) ? null : new Date(s.minTs).toISOString(),
      maxTs: Number.isNaN(s.maxTs) ? null : new Date(s.maxTs).toISOString(),
      diagnostics: s.diagnostics.map(({ cause: _cause, ...d }) => d),
    }));
    await out.write(JSON.stringify({ sources: rows, diagnostics: timeline.diagnostics.map(({ cause: _c, ...d }) => d) }, null, 2));
  } else {
    await out.write(renderSources(timeline.sources));
    const notes = [...new Set(timeline.sources.filter((s) => !s.skipped).map((s) => `  ${s.source}: ${s.zoneReason}`))];
    if (notes.length > 0) await out.write('\nZones:\n' + notes.join('\n') + '\n');
    printDiagnostics([...timeline.diagnostics, ...timeline.sources.flatMap((s) => s.diagnostics)], flags.verbose);
  }
  return readableExitCode(timeline);
}

export function sourcesCommand(): Command {
  const cmd = new Command('sources')
    .summary('list the sources found: format, lines, time range, zone, problems')
    .description('Reads every source like `timeline` does and prints one row per file: the format detected (and how\nsure), lines read and parsed, first and last timestamp in UTC, the zone assumed for zone-less\ntimestamps and why, entries out of order, and warnings.')
    .argument('<paths...>', 'log files, folders, git repositories, a case folder, or - for stdin');
  for (const o of evidenceOptions()) cmd.addOption(o);
  cmd
    .option('--json', 'print the summaries as JSON')
    .option('-v, --verbose', 'also print informational notes')
    .addHelpText('after', `
Examples:
  $ aftermath sources examples/pool-exhaustion
  $ aftermath sources /var/log/nginx --json | jq '.sources[] | {source, format, lines}'
`)
    .action(async (paths: string[], flags: Flags) => {
      process.exitCode = await runSources(paths, flags);
    });
  return cmd;
}
