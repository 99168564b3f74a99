/** aftermath's library surface: everything the CLI does is available from here. */
export type { LogEvent, Attrs } from './core/event.js';
export { LEVELS, parseLevel, levelRank, type Level } from './core/level.js';
export {
  diagnostic,
  formatDiagnostic,
  type Diagnostic,
  type Severity,
  type Place,
} from './core/diagnostic.js';
export { resolveZone, UTC, type Zone } from './core/zone.js';
export { formatUtc, parseTimestampText } from './core/time.js';
export { parseTimeSpec } from './core/time-spec.js';
export { AftermathError, UsageError, ConfigError } from './errors.js';

export type { LogFormat, ParsedEntry, ParseContext } from './ingest/format.js';
export { detectByParse } from './ingest/format.js';
export { FORMATS, formatById } from './ingest/formats/index.js';
export { detectFormat, type Detection } from './ingest/detect.js';
export { createParseContext } from './ingest/parse-context.js';
export { Assembler, assembleText, type AssembleStats } from './ingest/assemble.js';
export { readSource, type ReadOptions, type OpenedSource } from './ingest/read-source.js';
export { resolveInputs, type ResolvedInputs, type ResolveOptions } from './ingest/read-paths.js';
export { parseCaseConfig, type CaseConfig } from './ingest/case-config.js';
export { CASE_FILE } from './ingest/read-paths.js';
export { mergeSources, mergeRuns } from './ingest/merge.js';
export { compileFilter, type EventFilter } from './ingest/filter.js';
export { openTimeline, type Timeline, type TimelineOptions } from './ingest/timeline.js';
export type { SourceSpec, SourceSummary } from './ingest/source.js';
export { eventToJsonl, eventToCsv, eventToMarkdown } from './render/timeline.js';

export {
  Analyzer,
  analyzeEvents,
  type Analysis,
  type AnalyzeOptions,
  type Impact,
  type Gap,
} from './analysis/analyze.js';
export { MOMENT_KINDS, type Moment, type MomentKind } from './analysis/moments/moment.js';
export { computeMttx, type Mttx } from './analysis/mttx.js';
export { SkewEstimator, skewCorrections } from './analysis/skew.js';
export type { SkewFinding, SkewEstimate } from './analysis/skew-types.js';
export { TemplateMiner, type Cluster, type MinerOptions } from './analysis/templates/index.js';
export {
  analyzeIncident,
  estimateSkew,
  type IncidentAnalysis,
  type IncidentAnalysisOptions,
} from './pipeline/analyze-incident.js';
export { analysisToJson, ANALYSIS_SCHEMA } from './render/analysis-json.js';
export { renderAnalysis } from './render/analysis-text.js';
export { parseDocument, newDocument, applyEdits } from './document/index.js';
export type { PostmortemDocument, Section, SectionKind } from './document/index.js';
export { draftPostmortem, type DraftOptions } from './document/draft/draft.js';
export {
  lintText,
  lintDocument,
  type LintFinding,
  type LintOptions,
  type LintResult,
} from './lint/linter.js';
export { fixText } from './lint/fix.js';
export { parseConfig, type LintConfig } from './lint/config.js';
export { RULES, RULE_IDS } from './lint/rules/index.js';
export { REPORTERS } from './lint/reporters/index.js';
export { renderReport } from './render/html/index.js';
export { makeRedactor, REDACT_RULES, type RedactOptions, type Redactor } from './render/redact.js';
