/** The analysis of an incident's evidence from paths: read, merge, analyse; optionally twice, to correct skew. */
import type { Diagnostic } from '../core/diagnostic.js';
import { parseTimeSpec } from '../core/time-spec.js';
import { resolveZone, UTC } from '../core/zone.js';
import { ConfigError } from '../errors.js';
import { Analyzer, type Analysis, type AnalyzeOptions } from '../analysis/analyze.js';
import type { MinerLike } from '../analysis/moments/patterns.js';
import { SkewEstimator } from '../analysis/skew.js';
import type { SkewFinding } from '../analysis/skew-types.js';
import { skewCorrections } from '../analysis/skew-corrections.js';
import { TemplateMiner } from '../analysis/templates/index.js';
import type { CaseConfig } from '../ingest/case-config.js';
import { readMetricFiles } from '../ingest/metrics.js';
import type { SourceSummary } from '../ingest/source.js';
import { openTimeline, type TimelineOptions } from '../ingest/timeline.js';

export interface IncidentAnalysisOptions
  extends Omit<AnalyzeOptions, 'newMiner' | 'skew'>, TimelineOptions {
  /** Read the evidence again with the clock offsets found applied. */
  correctSkew?: boolean;
}

export interface IncidentAnalysis {
  analysis: Analysis;
  sources: SourceSummary[];
  diagnostics: Diagnostic[];
  caseConfig?: CaseConfig;
  caseDir?: string;
  /** Milliseconds added per source when skew was corrected. */
  corrections?: Record<string, number>;
}

/**
 * The incident window: what the options say, else the case file's `window` (read in the zone of
 * --tz, else the case file's, else UTC).
 */
function caseWindow(
  options: IncidentAnalysisOptions,
  config: CaseConfig | undefined,
): { from?: number; to?: number } | undefined {
  const window = { ...options.window };
  const zone =
    (options.tz !== undefined ? resolveZone(options.tz) : undefined) ??
    (config?.tz !== undefined ? resolveZone(config.tz) : undefined) ??
    UTC;
  for (const [key, text] of [
    ['from', config?.window?.since],
    ['to', config?.window?.until],
  ] as const) {
    if (text === undefined || window[key] !== undefined) continue;
    const ms = parseTimeSpec(text, Date.now(), zone);
    if (ms === undefined)
      throw new ConfigError(`aftermath.yaml: window: cannot read "${text}" as a time`);
    window[key] = ms;
  }
  return window.from !== undefined || window.to !== undefined ? window : undefined;
}

/** A template miner as the analysis wants it. */
export function newMiner(): MinerLike {
  const miner = new TemplateMiner();
  return {
    add: (message, ts, where) => miner.add(message, ts, where),
    templateOf: (id) => miner.cluster(id)?.template ?? '(other templates, over the cluster limit)',
    overflowCount: () => miner.overflow.count,
  };
}

/** Reads the evidence once for its clock skew: the findings and what to add to each source. */
export async function estimateSkew(
  paths: readonly string[],
  options: TimelineOptions = {},
): Promise<{ findings: SkewFinding[]; corrections: Map<string, number> }> {
  const timeline = await openTimeline(paths, options);
  const skew = new SkewEstimator();
  for await (const batch of timeline.events) for (const e of batch) skew.add(e);
  const findings = skew.findings();
  return { findings, corrections: skewCorrections(findings) };
}

/**
 * @example
 * const { analysis } = await analyzeIncident(['examples/pool-exhaustion']);
 * console.log(analysis.moments.find((m) => m.kind === 'onset'));
 */
export async function analyzeIncident(
  paths: readonly string[],
  options: IncidentAnalysisOptions = {},
): Promise<IncidentAnalysis> {
  const once = async (clockOffsets?: Map<string, number>): Promise<IncidentAnalysis> => {
    const timeline = await openTimeline(paths, {
      ...options,
      ...(clockOffsets ? { clockOffsets } : {}),
    });
    const window = caseWindow(options, timeline.caseConfig);
    const metrics = await readMetricFiles(timeline.metrics);
    const analyzer = new Analyzer({
      ...options,
      ...(window ? { window } : {}),
      newMiner,
      skew: new SkewEstimator(),
      ...(metrics.series.length > 0 ? { metrics: metrics.series } : {}),
    });
    for await (const batch of timeline.events) for (const e of batch) analyzer.add(e);
    const analysis = analyzer.finish();
    for (const s of timeline.sources)
      if (s.skipped || s.entries === 0)
        analysis.gaps.push({
          source: s.source,
          kind: 'unreadable',
          message: `${s.source} gave no events${s.skipped ? ` (${s.skipped})` : ''}`,
        });
    // Live sources that were never collected or whose collect failed: the analysis names them.
    for (const d of timeline.diagnostics)
      if (d.ruleId === 'collect/gap' || d.ruleId === 'collect/not-collected')
        analysis.gaps.push({ source: d.source, kind: 'not-collected', message: d.message });
    const result: IncidentAnalysis = {
      analysis,
      sources: timeline.sources,
      diagnostics: [...timeline.diagnostics, ...metrics.diagnostics],
    };
    if (timeline.caseConfig) result.caseConfig = timeline.caseConfig;
    if (timeline.caseDir) result.caseDir = timeline.caseDir;
    return result;
  };
  const first = await once();
  if (!options.correctSkew) return first;
  const corrections = skewCorrections(first.analysis.skew);
  if (corrections.size === 0) return { ...first, corrections: {} };
  const second = await once(corrections);
  return { ...second, corrections: Object.fromEntries(corrections) };
}
