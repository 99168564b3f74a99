/**
 * Onset, peak and recovery of impact from the series: a change point in error ratio, latency
 * (p95), error count or request rate, dated to the first bad event of the bucket where it began.
 */
import { formatBucket } from '../buckets.js';
import {
  upwardEpisodes,
  robustBaseline,
  type Baseline,
  type ChangePoint,
} from '../change-point.js';
import type { EvidenceRef } from '../evidence.js';
import type { SeriesPoint, SourceSeries } from '../series.js';
import type { Moment } from './moment.js';

export type SignalName = 'error_ratio' | 'latency_p95' | 'errors' | 'traffic_drop';

export interface SignalChange {
  source: string;
  signal: SignalName;
  baseline: Baseline;
  change: ChangePoint;
  /** Times of the episode, refined to events where the buckets allow. */
  startTs: number;
  peakTs: number;
  endTs?: number;
  peakValue: number;
  confidence: number;
  evidence: { start: EvidenceRef[]; peak: EvidenceRef[]; end: EvidenceRef[] };
  /** Smaller episodes of the same signal before this one (back at baseline in between). */
  blips?: SignalChange[];
}

interface Signal {
  name: SignalName;
  values: (number | null)[];
  minSigma: (base: number) => number;
  /** Spread at one point from its own sample size, when wider than the baseline's. */
  sigmaAt?: (i: number, base: Baseline) => number;
  h: number;
}

/** What share of the window forms the baseline when no separate baseline window is given. */
const LEADING_SHARE = 1 / 3;
const MIN_BASELINE_POINTS = 5;

/**
 * The signals of a source's points. Edge buckets are partial (the source began or ended inside
 * them), so they do not count as a traffic drop.
 */
function signalsOf(
  s: SourceSeries,
  pts: readonly SeriesPoint[],
  edges?: { first: number; last: number },
): Signal[] {
  const out: Signal[] = [];
  if (s.hasRequests) {
    out.push({
      name: 'error_ratio',
      values: pts.map((p) => (p.requests > 0 ? p.errorRatio : null)),
      minSigma: () => 0.01,
      // A ratio over few requests is noisy: one 5xx in 15 requests is 7% by chance alone.
      sigmaAt: (i, base) => {
        const n = pts[i]!.requests;
        const p = Math.max(base.mean, 1 / n);
        return Math.sqrt((p * (1 - p)) / n);
      },
      h: 4,
    });
    const first = edges ? Math.floor(edges.first / s.bucketMs) * s.bucketMs : -Infinity;
    const last = edges ? Math.floor(edges.last / s.bucketMs) * s.bucketMs : Infinity;
    out.push({
      name: 'traffic_drop',
      values: pts.map((p) => (p.t <= first || p.t >= last ? null : -p.requests)),
      minSigma: (m) => Math.max(Math.sqrt(Math.abs(m)), 0.25 * Math.abs(m)),
      h: 8,
    });
  } else {
    out.push({
      name: 'errors',
      values: pts.map((p) =>
        edges && (p.t < edges.first - s.bucketMs || p.t > edges.last) ? null : p.errors,
      ),
      minSigma: (m) => Math.max(Math.sqrt(m), 1),
      h: 5,
    });
  }
  if (s.hasLatency)
    out.push({
      name: 'latency_p95',
      values: pts.map((p) => p.p95),
      minSigma: (m) => Math.max(0.25 * m, 5),
      h: 4,
    });
  return out;
}

/**
 * Every signal of every source that left its baseline: its largest episode (by size), with the
 * smaller ones before it kept as blips. `baseline` gives points of a separate baseline window per
 * source (a week earlier, the window before); otherwise the leading third of the window serves.
 */
/** Finer points of a source over [from, to), where the evidence has them (for dating a change). */
export type FinePoints = (
  source: string,
  from: number,
  to: number,
) => { bucketMs: number; points: SeriesPoint[] } | undefined;

export function detectChanges(
  series: readonly SourceSeries[],
  baseline?: ReadonlyMap<string, readonly SeriesPoint[]>,
  fine?: FinePoints,
): SignalChange[] {
  const out: SignalChange[] = [];
  for (const s of series) {
    if (s.annotation || s.points.length < MIN_BASELINE_POINTS + 2) continue;
    const basePoints = baseline?.get(s.source);
    const baseSignals = basePoints ? signalsOf(s, basePoints) : undefined;
    for (const sig of signalsOf(s, s.points, s)) {
      const leading = Math.max(MIN_BASELINE_POINTS, Math.floor(sig.values.length * LEADING_SHARE));
      const baseValues =
        baseSignals?.find((b) => b.name === sig.name)?.values ?? sig.values.slice(0, leading);
      const rough = robustBaseline(baseValues, 0);
      if (!rough) continue;
      const base = robustBaseline(baseValues, sig.minSigma(rough.mean))!;
      const episodes = upwardEpisodes(sig.values, base, {
        h: sig.h,
        ...(sig.sigmaAt ? { sigmaAt: (i: number) => sig.sigmaAt!(i, base) } : {}),
      });
      if (episodes.length === 0) continue;
      const main = episodes.reduce((a, b) => (b.area > a.area ? b : a));
      const change = refine(s, sig, base, main, fine);
      change.blips = episodes
        .filter((e) => e.start < main.start)
        .map((e) => refine(s, sig, base, e, fine));
      out.push(change);
    }
  }
  return out.sort((a, b) => a.startTs - b.startTs);
}

function refine(
  s: SourceSeries,
  sig: Signal,
  base: Baseline,
  change: ChangePoint,
  fine?: FinePoints,
): SignalChange {
  const pts = s.points;
  const bad =
    finerStart(s, sig.name, base, change, fine) ??
    firstBad(sig.name, pts, change.start, change.alarm);
  const peakPoint = pts[change.peak]!;
  const raw = sig.values[change.peak] ?? 0;
  const result: SignalChange = {
    source: s.source,
    signal: sig.name,
    baseline: base,
    change,
    startTs: bad?.ts ?? pts[change.start]!.t,
    // A bucket starts before the change it holds when the change began inside it.
    peakTs: Math.max(peakPoint.t, bad?.ts ?? -Infinity),
    peakValue: sig.name === 'traffic_drop' ? -raw : raw,
    confidence: confidenceOf(change.maxZ, change.alarm - change.start + 1),
    evidence: {
      start: bad ? [ref(bad)] : [],
      peak: firstBad(sig.name, pts, change.peak, change.peak)
        ? [ref(firstBad(sig.name, pts, change.peak, change.peak)!)]
        : [],
      end: [],
    },
  };
  if (change.end !== undefined) {
    result.endTs = pts[change.end]!.t;
    const last = lastBad(sig.name, pts, change.start, change.end - 1);
    if (last) result.evidence.end = [ref(last)];
  }
  return result;
}

function ref(e: EvidenceRef): EvidenceRef {
  return { file: e.file, line: e.line };
}

/**
 * Dates a change found on coarse buckets from finer ones: the first fine bucket, from the start
 * bucket on, that is clearly above the baseline (three sigmas, a ratio's own sampling noise
 * included) and stays so in the next one. On a 15-minute bucket the first error of the bucket may
 * be background noise minutes before the change; this finds where the change itself began.
 */
function finerStart(
  s: SourceSeries,
  signal: SignalName,
  base: Baseline,
  change: ChangePoint,
  fine: FinePoints | undefined,
): (EvidenceRef & { ts: number }) | undefined {
  if (!fine || signal === 'traffic_drop') return undefined;
  const from = s.points[change.start]!.t;
  const to = s.points[change.alarm]!.t + s.bucketMs;
  const got = fine(s.source, from, to);
  if (!got || got.bucketMs >= s.bucketMs) return undefined;
  const scale = got.bucketMs / s.bucketMs;
  const above = (p: SeriesPoint): boolean => {
    if (signal === 'error_ratio') {
      if (p.requests === 0 || p.errorRatio === null) return false;
      const q = Math.max(base.mean, 1 / p.requests);
      const sigma = Math.max(base.sigma, Math.sqrt((q * (1 - q)) / p.requests));
      return p.errorRatio > base.mean + 3 * sigma;
    }
    if (signal === 'latency_p95') return p.p95 !== null && p.p95 > base.mean + 3 * base.sigma;
    const mean = base.mean * scale;
    return p.errors > mean + 3 * Math.max(Math.sqrt(mean), 1);
  };
  const pts = got.points;
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i]!;
    if (!above(p) || (i + 1 < pts.length && !above(pts[i + 1]!))) continue;
    const e = signal === 'latency_p95' ? p.slowest : p.firstError;
    if (e) return e;
  }
  return undefined;
}

/** Within buckets from..to, the first event that shows the change (an error, the slowest request). */
function firstBad(
  signal: SignalName,
  pts: readonly SeriesPoint[],
  from: number,
  to: number,
): (EvidenceRef & { ts: number }) | undefined {
  for (let i = from; i <= to; i++) {
    const p = pts[i]!;
    const e = signal === 'latency_p95' ? p.slowest : p.firstError;
    if (e) return e;
  }
  return undefined;
}

/** The last error (or slow request) before the signal was back: the end of the impact. */
function lastBad(
  signal: SignalName,
  pts: readonly SeriesPoint[],
  from: number,
  to: number,
): (EvidenceRef & { ts: number }) | undefined {
  for (let i = to; i >= from; i--) {
    const p = pts[i]!;
    const e = signal === 'latency_p95' ? p.slowest : p.lastError;
    if (e) return e;
  }
  return undefined;
}

function confidenceOf(maxZ: number, persistence: number): number {
  const strength = 1 - Math.exp(-Math.max(0, maxZ) / 8);
  const lasting = Math.min(1, persistence / 3);
  return round2(0.5 * strength + 0.3 * lasting + 0.2 * (maxZ > 10 ? 1 : 0));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

const SIGNAL_TEXT: Record<SignalName, string> = {
  error_ratio: '5xx ratio',
  latency_p95: 'p95 latency',
  errors: 'error count',
  traffic_drop: 'request rate (drop)',
};

function valueText(signal: SignalName, v: number): string {
  if (signal === 'error_ratio') return `${(v * 100).toFixed(1)}%`;
  if (signal === 'latency_p95')
    return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`;
  // A traffic drop is tracked negated (so that a drop is a rise); say it as a count.
  return `${Math.round(Math.abs(v))}`;
}

/** The onset, peak and recovery moments from the detected changes. */
export function impactMoments(
  changes: readonly SignalChange[],
  bucketMs: number,
  edgeSource?: string,
): Moment[] {
  if (changes.length === 0) return [];
  // The onset is the earliest change users felt (5xx ratio, latency, traffic of a source that
  // serves requests); error counts of other sources date it only when nothing user-facing moved.
  const felt = changes.filter((c) => c.signal !== 'errors');
  const first = (felt.length > 0 ? felt : changes)[0]!;
  // A 5xx ratio is what users felt: when one changed, its peak is the incident's peak.
  const ratios = changes.filter(
    (c) => c.signal === 'error_ratio' && (edgeSource === undefined || c.source === edgeSource),
  );
  const pool = ratios.length > 0 ? ratios : changes;
  const strongest = [...pool].sort(
    (a, b) => b.peakValue - a.peakValue || b.change.maxZ - a.change.maxZ,
  )[0]!;
  const per = `per ${formatBucket(bucketMs)}`;
  const out: Moment[] = [
    {
      kind: 'onset',
      ts: first.startTs,
      source: first.source,
      confidence: first.confidence,
      title: `${SIGNAL_TEXT[first.signal]} of ${first.source} left its baseline (${valueText(first.signal, first.baseline.mean)} ${per})`,
      evidence: evidenceAt(first, 'start'),
      data: { signal: first.signal, baseline: plain(first.signal, first.baseline.mean) },
    },
    {
      kind: 'peak',
      ts: strongest.peakTs,
      source: strongest.source,
      confidence: strongest.confidence,
      title: `${SIGNAL_TEXT[strongest.signal]} of ${strongest.source} ${strongest.signal === 'traffic_drop' ? 'fell to' : 'peaked at'} ${valueText(strongest.signal, strongest.peakValue)} ${per} (baseline ${valueText(strongest.signal, strongest.baseline.mean)})`,
      evidence: evidenceAt(strongest, 'peak'),
      data: {
        signal: strongest.signal,
        value: strongest.peakValue,
        baseline: plain(strongest.signal, strongest.baseline.mean),
      },
    },
  ];
  // Recovery: when every changed signal is back at baseline.
  const ends = changes.map((c) => c.endTs);
  if (ends.every((t) => t !== undefined)) {
    const last = changes.reduce((a, b) => ((a.endTs ?? 0) >= (b.endTs ?? 0) ? a : b));
    out.push({
      kind: 'recovery',
      ts: last.endTs!,
      source: last.source,
      confidence: round2(Math.min(...changes.map((c) => c.confidence))),
      title: `${SIGNAL_TEXT[last.signal]} of ${last.source} back at baseline`,
      evidence: evidenceAt(last, 'end'),
      data: { signal: last.signal },
    });
  }
  return out;
}

/** A baseline as the signal's own unit (a traffic drop is tracked negated). */
function plain(signal: SignalName, v: number): number {
  return signal === 'traffic_drop' ? Math.abs(v) : v;
}

/** Smaller episodes before a signal's main one: brief rises that came back, worth a look. */
export function blipMoments(changes: readonly SignalChange[], bucketMs: number): Moment[] {
  const per = `per ${formatBucket(bucketMs)}`;
  return changes.flatMap((c) =>
    (c.blips ?? []).map((b) => ({
      kind: 'warning_sign' as const,
      ts: b.startTs,
      source: b.source,
      confidence: round2(b.confidence * 0.8),
      title: `brief rise in ${SIGNAL_TEXT[b.signal]} of ${b.source} to ${valueText(b.signal, b.peakValue)} ${per}, back at baseline before the main episode`,
      evidence: b.evidence.start,
      data: { signal: b.signal, value: b.peakValue },
    })),
  );
}

function evidenceAt(c: SignalChange, where: 'start' | 'peak' | 'end'): EvidenceRef[] {
  return c.evidence[where];
}
