/** `aftermath report`: the analysis, the postmortem and its findings as one self-contained HTML file. */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, relative, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { parseBucket } from '../../analysis/buckets.js';
import { resolveZone, UTC } from '../../core/zone.js';
import { draftPostmortem } from '../../document/draft/draft.js';
import { findingRows } from '../../lint/finding-rows.js';
import { AftermathError, UsageError } from '../../errors.js';
import { analyzeIncident } from '../../pipeline/analyze-incident.js';
import { analysisToJson } from '../../render/analysis-json.js';
import { withDiagrams } from '../../render/diagrams.js';
import { renderReport, type ReportAssets, type ReportFinding } from '../../render/html/index.js';
import { makeRedactor, redactRuleIds, type Redactor } from '../../render/redact.js';
import {
  evidenceOptions,
  incidentOptions,
  parseEvidenceFlags,
  type EvidenceFlags,
} from '../options.js';
import { parseBaseline } from './analyze.js';
import { finishIncident } from './timeline.js';

interface Flags extends EvidenceFlags {
  collect?: boolean;
  output: string;
  document?: string;
  title?: string;
  /** `false` with --no-redact; rule ids to add to the defaults with --redact. */
  redact?: boolean | string[];
  redactPattern?: string[];
  mermaid: 'auto' | 'source';
  diagrams?: boolean;
  baseline: string;
  bucket?: string;
  verbose?: boolean;
}

const require = createRequire(import.meta.url);

/**
 * The libraries the page inlines, read from node_modules: uPlot always, Mermaid (about 3.5 MB)
 * only when asked, because most reports have no diagram to draw.
 */
export async function loadReportAssets(options: { mermaid: boolean }): Promise<ReportAssets> {
  const read = (id: string): Promise<string> => readFile(require.resolve(id), 'utf8');
  const [uplotJs, uplotCss] = await Promise.all([
    read('uplot/dist/uPlot.iife.min.js'),
    read('uplot/dist/uPlot.min.css'),
  ]);
  if (!options.mermaid) return { uplotJs, uplotCss };
  try {
    return { uplotJs, uplotCss, mermaidJs: await read('mermaid/dist/mermaid.min.js') };
  } catch {
    // Without Mermaid the diagrams show as their source, and the page says so.
    return { uplotJs, uplotCss };
  }
}

function redactorOf(flags: Flags): Redactor | false {
  if (flags.redact === false) return false;
  // Rules named are added to the defaults: asking for e-mail addresses must not drop the keys.
  const named = Array.isArray(flags.redact)
    ? flags.redact
        .flatMap((r) => r.split(','))
        .map((r) => r.trim())
        .filter(Boolean)
    : [];
  for (const p of flags.redactPattern ?? [])
    try {
      new RegExp(p);
    } catch (err) {
      throw new UsageError(
        `--redact-pattern: cannot read ${JSON.stringify(p)}: ${(err as Error).message}`,
      );
    }
  try {
    return makeRedactor({ rules: ['default', ...named], extra: flags.redactPattern ?? [] });
  } catch (err) {
    throw new UsageError(`--redact: ${(err as Error).message}`);
  }
}

/** Written whole or not at all: a temp file beside the target, renamed over it. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.aftermath-tmp-${process.pid}`;
  try {
    await writeFile(tmp, text);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new AftermathError(
      'unwritable',
      `cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

/** The linter's findings on the postmortem, as the report lists them. */
export function lintFindings(markdown: string, source: string): ReportFinding[] {
  return findingRows(markdown, source);
}

export interface ReportHooks {
  /** Lints the postmortem for the report's findings list (src/lint by default). */
  lint?: (markdown: string, source: string) => ReportFinding[] | Promise<ReportFinding[]>;
}

export async function runReport(
  paths: string[],
  flags: Flags,
  hooks: ReportHooks = {},
): Promise<number> {
  const redact = redactorOf(flags);
  const parsed = parseEvidenceFlags(flags);
  if (flags.collect) {
    const { collectFirst } = await import('./collect.js');
    await collectFirst(paths, parsed.filter);
  }
  const incident = incidentOptions(parsed);
  let markdown: string | undefined;
  if (flags.document !== undefined) {
    try {
      markdown = await readFile(flags.document, 'utf8');
    } catch (err) {
      throw new AftermathError(
        'unreadable',
        `cannot read --document ${flags.document}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
  }
  const bucketMs = flags.bucket !== undefined ? parseBucket(flags.bucket) : undefined;
  if (flags.bucket !== undefined && bucketMs === undefined)
    throw new UsageError(`--bucket: cannot read "${flags.bucket}"; expected e.g. 10s, 1m, 5m, 1h`);
  const baseline = parseBaseline(flags.baseline, (flags.tz && resolveZone(flags.tz)) || UTC);
  const result = await analyzeIncident(paths, {
    ...incident,
    baseline,
    ...(bucketMs !== undefined ? { bucketMs } : {}),
  });
  const caseName = basename(resolve(result.caseDir ?? paths[0] ?? '.'));
  const title = flags.title ?? result.caseConfig?.title;
  if (markdown === undefined) {
    // Evidence links relative to the report, as `draft -o` makes them relative to the document.
    const base = dirname(resolve(flags.output));
    const link = (file: string): string => relative(base, resolve(file)).split('\\').join('/');
    markdown = draftPostmortem(result.analysis, { title: title ?? caseName, link });
  }
  if (flags.diagrams) markdown = withDiagrams(markdown);
  const findings = await (hooks.lint ?? lintFindings)(markdown, flags.document ?? '<draft>');
  const assets = await loadReportAssets({ mermaid: flags.mermaid === 'auto' });
  const page = renderReport({
    analysis: analysisToJson(result.analysis),
    document: { markdown },
    findings,
    options: {
      assets,
      redact,
      ...(title !== undefined ? { title } : {}),
    },
  });
  await writeAtomically(flags.output, page);
  process.stdout.write(`${flags.output}\n`);
  return finishIncident(result, flags.verbose);
}

export function reportCommand(): Command {
  const cmd = new Command('report')
    .summary('one self-contained HTML report: charts, timeline, errors, MTTx, the postmortem')
    .description(
      'Analyses the evidence like `analyze` and writes one HTML file that opens with no network: ' +
        'request rate against the baseline, error ratio, latency and event rates with markers for ' +
        'deploys, alerts, onset, mitigation, recovery and OOM kills; a swimlane of the key moments per ' +
        'source; the top error templates and new patterns; MTTx as a bar; and the postmortem (the ' +
        '--document given, else one drafted from the evidence). Secrets in log text (tokens, API keys, ' +
        'passwords in URLs, private keys, JWTs) are redacted first. See docs/report.md.',
    )
    .argument('<paths...>', 'a case folder (aftermath.yaml), log files, folders or repositories');
  for (const o of evidenceOptions()) cmd.addOption(o);
  cmd
    .option('-o, --output <file>', 'the HTML file to write', 'report.html')
    .option(
      '--collect',
      "first snapshot the case's live sources that are missing or stale (as `aftermath collect` does)",
    )
    .option('--document <file>', 'the postmortem (Markdown) to include instead of a fresh draft')
    .option('--title <title>', "the title (default: the document's, else the case's)")
    .option(
      '--redact [rules...]',
      `more redaction rules on top of the defaults (on without this flag), e.g. email; ${redactRuleIds().join(', ')}`,
    )
    .option('--no-redact', 'show log text unredacted (only for reports that stay private)')
    .option('--redact-pattern <regex...>', 'also redact whatever these regular expressions match')
    .addOption(
      new Option(
        '--mermaid <mode>',
        'auto: inline Mermaid (~3.5 MB) when the document has diagrams; source: show their source',
      )
        .choices(['auto', 'source'])
        .default('auto'),
    )
    .option(
      '--diagrams',
      'add the timeline, five-whys and factor diagrams first, as `aftermath render` does',
    )
    .addOption(
      new Option(
        '--baseline <which>',
        'what normal looks like: auto (a week earlier, else the period before), prev, week, or T1..T2',
      ).default('auto'),
    )
    .option(
      '--bucket <size>',
      'chart resolution, e.g. 10s, 1m (default: about 120 buckets over the window)',
    )
    .option('-v, --verbose', 'also print informational notes')
    .addHelpText(
      'after',
      `
Examples:
  $ aftermath report examples/pool-exhaustion                        # writes report.html
  $ aftermath report examples/pool-exhaustion -o incident.html --document postmortem.md
  $ aftermath report ./logs --since "2026-11-22 19:30" --until "2026-11-22 20:00" -o r.html
  $ aftermath report ./case --redact email --redact-pattern 'cust-[0-9]+'
  $ aftermath report ./case --diagrams                              # Mermaid diagrams drawn in the page`,
    )
    .action(async (paths: string[], flags: Flags) => {
      process.exitCode = await runReport(paths, flags);
    });
  return cmd;
}
