/**
 * What the report reads: the documented analysis JSON (docs/analysis-schema.md), only the parts
 * it draws, plus the document and the lint findings. The JSON form, not the in-memory analysis,
 * so a report can be made from a saved `aftermath analyze --json` too.
 */

export interface Evidence {
  file: string;
  line: number;
}

export interface MomentJson {
  kind: string;
  ts: string | null;
  source: string;
  confidence?: number;
  title: string;
  evidence: Evidence[];
  data?: Record<string, unknown>;
}

export interface PointJson {
  t: string;
  events: number;
  errors: number;
  requests: number;
  serverErrors: number;
  errorRatio: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

export interface SeriesJson {
  source: string;
  bucketSeconds: number;
  hasRequests: boolean;
  points: PointJson[];
}

export interface PeriodJson {
  from: string | null;
  to: string | null;
  requests: number;
  events: number;
  perMinute: number;
  errorRatio: number | null;
}

export interface TrafficJson {
  source: string;
  baselineKind: string;
  incident: PeriodJson;
  baseline: PeriodJson | null;
  rateRatio: number | null;
}

export interface PatternJson {
  source: string;
  templateId: number;
  template: string;
  count: number;
  errors: number;
  firstSeen: string | null;
  lastSeen: string | null;
  evidence: Evidence[];
  /** Counts per step over the window, for a sparkline. */
  activity?: { from: string | null; stepSeconds: number; counts: number[] };
}

export interface MttxPointJson {
  ts: string | null;
  how: string;
  source?: string;
  evidence: Evidence[];
}

export const MTTX_KEYS = ['started', 'detected', 'acknowledged', 'mitigated', 'resolved'] as const;
export type MttxKey = (typeof MTTX_KEYS)[number];

export type MttxJson = Record<MttxKey, MttxPointJson> & {
  timeToDetectSeconds: number | null;
  timeToAcknowledgeSeconds: number | null;
  timeToMitigateSeconds: number | null;
  timeToResolveSeconds: number | null;
};

export interface ImpactJson {
  start: string | null;
  end: string | null;
  durationSeconds: number | null;
  source: string;
  requests: number;
  failedRequests: number;
  errorRatio: number | null;
  peakErrorRatio: number | null;
  affectedSources: string[];
}

export interface SourceJson {
  source: string;
  events: number;
  inWindow: number;
  errors: number;
  requests: number;
  first: string | null;
  last: string | null;
}

export interface GapJson {
  source: string;
  kind: string;
  message: string;
}

/** A metric series as the analysis JSON gives it: compact columns, capped for charts. */
export interface MetricJson {
  source: string;
  query: string;
  file: string;
  labels: Record<string, string>;
  unit: string;
  /** Epoch seconds and values (null: a gap). */
  points: { t: number[]; v: (number | null)[] };
}

export interface ReportAnalysis {
  schema: string;
  window: { from: string; to: string; bucketSeconds: number } | null;
  sources: SourceJson[];
  moments: MomentJson[];
  impact: ImpactJson | null;
  mttx: MttxJson;
  traffic: TrafficJson[];
  templates: { topErrors: PatternJson[]; new: PatternJson[] };
  gaps: GapJson[];
  series: SeriesJson[];
  /** Absent in analyses saved before metric series were read. */
  metrics?: MetricJson[];
}

/** A lint finding as the report lists it (the linter's findings have this shape and more). */
export interface ReportFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  url?: string;
}

/** The libraries the page runs, inlined: the CLI reads them from node_modules. */
export interface ReportAssets {
  uplotJs: string;
  uplotCss: string;
  /** Only when the document has diagrams to draw; without it they show as source. */
  mermaidJs?: string;
}

export interface ReportOptions {
  assets: ReportAssets;
  /** Redacts every string before it reaches the page; the default rules when absent, none when false. */
  redact?: ((text: string) => string) | false;
  /** Shown in the footer; fixed in tests for stable output. */
  generatedAt?: Date;
  /** Overrides the document's and the case's title. */
  title?: string;
}

export interface ReportInput {
  /** `analysisToJson(analysis)`, or a parsed `aftermath analyze --json`. */
  analysis: ReportAnalysis | Record<string, unknown>;
  document?: { markdown: string; title?: string };
  findings?: readonly ReportFinding[];
  options: ReportOptions;
}
