/** `aftermath sources`: one row per source: format, lines, time range, zone, problems. */
import { Command } from 'commander';
import type { SourceSummary } from '../../ingest/source.js';
import { renderSources, sourceLabels } from '../../render/sources.js';
import { Output, printDiagnostics } from '../io.js';
import { evidenceOptions, parseEvidenceFlags, type EvidenceFlags } from '../options.js';
import { allDiagnostics, readableExitCode, streamRows } from './timeline.js';

interface Flags extends EvidenceFlags {
  json?: boolean;
  verbose?: boolean;
}

const iso = (ms: number): string | null => (Number.isNaN(ms) ? null : new Date(ms).toISOString());

/** A summary as JSON: times as ISO strings (null when unknown), diagnostics without their causes. */
export function summaryToJson(s: SourceSummary): Record<string, unknown> {
  return {
    ...s,
    firstTs: iso(s.firstTs),
    lastTs: iso(s.lastTs),
    minTs: iso(s.minTs),
    maxTs: iso(s.maxTs),
    diagnostics: s.diagnostics.map(({ cause: _cause, ...d }) => d),
  };
}

export async function runSources(
  paths: string[],
  flags: Flags,
  out = new Output(),
): Promise<number> {
  const parsed = parseEvidenceFlags(flags);
  const result = await streamRows(
    paths,
    parsed,
    { format: 'count', sourceWidth: 0, colour: false },
    out,
  );
  if (flags.json) {
    await out.write(
      JSON.stringify(
        {
          sources: result.sources.map(summaryToJson),
          diagnostics: result.diagnostics.map(({ cause: _c, ...d }) => d),
        },
        null,
        2,
      ),
    );
  } else {
    await out.write(renderSources(result.sources));
    const labels = sourceLabels(result.sources);
    const notes = result.sources
      .map((s, i) => (s.skipped ? '' : `  ${labels[i]}: ${s.zoneReason}`))
      .filter((line) => line !== '');
    if (notes.length > 0) await out.write('\nZones:\n' + notes.join('\n') + '\n');
    printDiagnostics(allDiagnostics(result), flags.verbose);
  }
  return readableExitCode(result.sources);
}

export function sourcesCommand(): Command {
  const cmd = new Command('sources')
    .summary('list the sources found: format, lines, time range, zone, problems')
    .description(
      'Reads every source like `timeline` does and prints one row per file: the format detected (and how ' +
        'sure), lines read and parsed, first and last timestamp in UTC, the zone assumed for zone-less ' +
        'timestamps and why, entries out of order, and warnings.',
    )
    .argument('<paths...>', 'log files, folders, git repositories, a case folder, or - for stdin');
  for (const o of evidenceOptions()) cmd.addOption(o);
  cmd
    .option('--json', 'print the summaries as JSON')
    .option('-v, --verbose', 'also print informational notes')
    .addHelpText(
      'after',
      `
Examples:
  $ aftermath sources examples/pool-exhaustion
  $ aftermath sources /var/log/nginx --json | jq '.sources[] | {source, format, lines}'
`,
    )
    .action(async (paths: string[], flags: Flags) => {
      process.exitCode = await runSources(paths, flags);
    });
  return cmd;
}
