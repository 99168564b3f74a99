/** `aftermath analyze`: what changed and when — key moments, impact, MTTx, patterns, baselines, skew. */
import { stat } from 'node:fs/promises';
import { Command, Option } from 'commander';
import pc from 'picocolors';
import { parseBucket } from '../../analysis/buckets.js';
import type { BaselineChoice } from '../../analysis/baseline.js';
import { parseTimeSpec } from '../../core/time-spec.js';
import { resolveZone, UTC, type Zone } from '../../core/zone.js';
import { UsageError } from '../../errors.js';
import { resolveTimelineSources } from '../../ingest/timeline.js';
import { analyzeIncident } from '../../pipeline/analyze-incident.js';
import { analysisToJson } from '../../render/analysis-json.js';
import { renderAnalysis } from '../../render/analysis-text.js';
import { Output, progressBar, useColour } from '../io.js';
import {
  evidenceOptions,
  incidentOptions,
  parseEvidenceFlags,
  type EvidenceFlags,
} from '../options.js';
import { finishIncident } from './timeline.js';

interface Flags extends EvidenceFlags {
  collect?: boolean;
  baseline: string;
  bucket?: string;
  json?: boolean;
  md?: boolean;
  correctSkew?: boolean;
  slowQueryMs: string;
  top: string;
  verbose?: boolean;
}

/** `auto`, `prev`, `week`, or `T1..T2` in any form --since takes. */
export function parseBaseline(text: string, zone: Zone = UTC, now = Date.now()): BaselineChoice {
  const lower = text.toLowerCase();
  if (lower === 'auto' || lower === 'prev' || lower === 'week') return lower;
  const dots = text.indexOf('..');
  if (dots > 0) {
    const from = parseTimeSpec(text.slice(0, dots), now, zone);
    const to = parseTimeSpec(text.slice(dots + 2), now, zone);
    if (from !== undefined && to !== undefined && from < to) return { from, to };
  }
  throw new UsageError(
    `--baseline: cannot read "${text}"; expected auto, prev, week or T1..T2 (e.g. "2026-11-15 19:30..2026-11-15 19:50")`,
  );
}

export async function runAnalyze(
  paths: string[],
  flags: Flags,
  out = new Output(),
): Promise<number> {
  const parsed = parseEvidenceFlags(flags);
  if (flags.collect) {
    const { collectFirst } = await import('./collect.js');
    await collectFirst(paths, parsed.filter);
  }
  const bucketMs = flags.bucket !== undefined ? parseBucket(flags.bucket) : undefined;
  if (flags.bucket !== undefined && bucketMs === undefined)
    throw new UsageError(`--bucket: cannot read "${flags.bucket}"; expected e.g. 10s, 1m, 5m, 1h`);
  const slowQueryMs = Number(flags.slowQueryMs);
  const top = Number(flags.top);
  if (!(slowQueryMs > 0))
    throw new UsageError(`--slow-query-ms: expected a positive number, got "${flags.slowQueryMs}"`);
  if (!(Number.isInteger(top) && top > 0))
    throw new UsageError(`--top: expected a positive whole number, got "${flags.top}"`);
  const incident = incidentOptions(parsed);

  const resolved = await resolveTimelineSources(paths, parsed);
  const sizes = await Promise.all(
    resolved.specs.map((s) =>
      s.kind === 'git' || s.path === '-'
        ? 0
        : stat(s.path).then(
            (x) => x.size,
            () => 0,
          ),
    ),
  );
  const progress = progressBar(sizes.reduce((a, b) => a + b, 0) * (flags.correctSkew ? 2 : 1));
  let base = 0;
  let last = 0;
  const result = await analyzeIncident(paths, {
    ...incident,
    baseline: parseBaseline(flags.baseline, (flags.tz && resolveZone(flags.tz)) || UTC),
    ...(bucketMs !== undefined ? { bucketMs } : {}),
    slowQueryMs,
    top,
    ...(flags.correctSkew ? { correctSkew: true } : {}),
    onProgress: (bytes) => {
      if (bytes < last) base += last;
      last = bytes;
      progress.update(base + bytes);
    },
  });
  progress.stop();
  const { analysis } = result;
  if (flags.json) {
    const json = analysisToJson(analysis);
    if (result.corrections) json.corrections = result.corrections;
    await out.write(JSON.stringify(json, null, 2));
  } else {
    const title = result.caseConfig?.title ?? paths.join(' ');
    const colour = useColour();
    await out.write(
      renderAnalysis(analysis, title, {
        markdown: flags.md === true,
        bold: colour && !flags.md ? pc.bold : (s) => s,
        dim: colour && !flags.md ? pc.dim : (s) => s,
      }),
    );
    if (result.corrections && Object.keys(result.corrections).length > 0)
      await out.write(
        `\nClock corrections applied: ${Object.entries(result.corrections)
          .map(([s, ms]) => `${s} ${ms > 0 ? '+' : ''}${ms / 1000} s`)
          .join(', ')}\n`,
      );
  }
  return finishIncident(result, flags.verbose);
}

export function analyzeCommand(): Command {
  const cmd = new Command('analyze')
    .summary(
      'what changed and when: key moments, impact, MTTx, new patterns, baselines, clock skew',
    )
    .description(
      'Reads the evidence like `timeline` and analyses it in one pass: the onset of impact (a change ' +
        'point in 5xx ratio, latency, errors or traffic), the peak and the recovery; the first error of ' +
        'each source; deploys, commits and reloads before the onset; alerts; the mitigation; slow queries; ' +
        'OOM kills and restarts; new log templates and warning signs; the impact period against a ' +
        'baseline; clock skew between sources; and time to detect, acknowledge, mitigate and resolve. ' +
        'Every finding names the file and line that support it.',
    )
    .argument(
      '<paths...>',
      'log files, folders, git repositories, or a case folder (aftermath.yaml)',
    );
  for (const o of evidenceOptions()) cmd.addOption(o);
  cmd
    .addOption(
      new Option(
        '--baseline <which>',
        'what normal looks like: auto (a week earlier, else the period before), prev, week, or T1..T2',
      ).default('auto'),
    )
    .option(
      '--bucket <size>',
      'series bucket, e.g. 10s, 1m, 5m (default: about 120 buckets over the window)',
    )
    .option('--correct-skew', 'read the evidence again with the clock offsets found applied')
    .option('--slow-query-ms <ms>', 'queries at least this slow are reported', '1000')
    .option('--top <n>', 'entries in the top lists', '10')
    .option('--json', 'print the analysis as JSON (schema: docs/analysis-schema.md)')
    .option(
      '--collect',
      "first snapshot the case's live sources that are missing or stale (as `aftermath collect` does)",
    )
    .option('--md', 'print the summary as Markdown')
    .option('-v, --verbose', 'also print informational notes')
    .addHelpText(
      'after',
      `
--since/--until set the incident window; evidence outside it still serves as the baseline.

Examples:
  $ aftermath analyze examples/pool-exhaustion
  $ aftermath analyze ./logs --since "2026-11-22 19:30" --until "2026-11-22 20:00" --baseline week
  $ aftermath analyze examples/pool-exhaustion --json | jq '.moments[] | select(.kind == "onset")'
  $ aftermath analyze ./logs --md > analysis.md
  $ aftermath analyze nginx/access.log app.log --correct-skew`,
    )
    .action(async (paths: string[], flags: Flags) => {
      process.exitCode = await runAnalyze(paths, flags);
    });
  return cmd;
}
