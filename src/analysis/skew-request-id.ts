/**
 * Skew from request ids: a proxied request's app-side line must fall inside the proxy's request
 * window. Each pair allows a range of offsets; the estimate is the smallest shift that (almost)
 * all pairs allow. Few pairs give a lower bound only, reported as a causality finding.
 */
import {
  nearestConsistent,
  sortedBounds,
  violationsAt,
  type Bounds,
  type IntervalFit,
} from './skew-interval.js';
import type { PairSample, Sighting, SourcePair } from './skew-pairs.js';
import type { SourceStats } from './skew-sources.js';
import type { ResolvedSkewOptions, SkewEstimate, SkewEvidence } from './skew-types.js';
import { aheadOrBehind, count, duration, percent } from './skew-format.js';

// Pairs allowed to disagree with the estimate: ids reused, a late retry, a log written late.
const TOLERATED_SHARE = 0.02;
// nginx $request_time has ms resolution.
const LATENCY_STEP_MS = 1;
// When neither side logs a duration, the two lines of one request are assumed this close.
const NO_DURATION_WINDOW_MS = 60_000;
const QUARTER_HOUR_MS = 900_000;
// A zone offset plus a clock that is a little off still reads as a zone offset.
const ZONE_SLACK_MS = 120_000;

interface Oriented {
  outer: string;
  inner: string;
  lo: number[];
  hi: number[];
  /** Outer sighting, inner sighting. */
  sides: [Sighting, Sighting][];
  /** Whether the outer side logs durations; if not, pairs only bound the offset loosely. */
  timed: boolean;
}

/**
 * The outer side is the one whose request takes longer (the proxy wraps the app); with no pair
 * timed on both sides, the side that logs durations at all.
 */
function outerIsX(samples: readonly PairSample[]): boolean {
  let x = 0;
  let y = 0;
  let timedX = 0;
  let timedY = 0;
  for (const s of samples) {
    const lx = s.x.latencyMs;
    const ly = s.y.latencyMs;
    if (!Number.isNaN(lx)) timedX++;
    if (!Number.isNaN(ly)) timedY++;
    if (lx > ly) x++;
    else if (ly > lx) y++;
  }
  return x !== y ? x > y : timedX >= timedY;
}

/**
 * Offsets δ (inner ahead of outer, ms) each pair allows. The outer logs at the end of the
 * request: its true end is in [o, o + rO) and the request spans [end − L, end]; the inner line
 * at true time t is written as a = t + δ, truncated to rI. So δ ∈ [a − o − rO, a − o + L + rI].
 */
function orient(pair: SourcePair, sources: SourceStats): Oriented {
  const xOuter = outerIsX(pair.samples);
  const outer = xOuter ? pair.x : pair.y;
  const inner = xOuter ? pair.y : pair.x;
  const rO = sources.resolutionMs(outer);
  const rI = sources.resolutionMs(inner);
  const timed = pair.samples.some((s) => !Number.isNaN((xOuter ? s.x : s.y).latencyMs));
  const o: Oriented = { outer, inner, lo: [], hi: [], sides: [], timed };
  for (const s of pair.samples) {
    const so = xOuter ? s.x : s.y;
    const si = xOuter ? s.y : s.x;
    const d = si.ts - so.ts;
    if (!timed) {
      o.lo.push(d - rO - NO_DURATION_WINDOW_MS);
      o.hi.push(d + rI + NO_DURATION_WINDOW_MS);
    } else {
      o.lo.push(d - rO);
      // An untimed request may have started any time before.
      o.hi.push(Number.isNaN(so.latencyMs) ? Infinity : d + so.latencyMs + rI + LATENCY_STEP_MS);
    }
    o.sides.push([so, si]);
  }
  return o;
}

/** Grows with the pairs that contradict the target: 0.95 at minPairs of them. */
function strength(contradicting: number, minPairs: number): number {
  return 1 - Math.exp(-contradicting / Math.max(1, minPairs / 3));
}

/** The pairs that most need the shift: both lines of each, outer first. */
function evidence(o: Oriented, offset: number, target: number): SkewEvidence[] {
  const idx = o.lo.map((_, i) => i);
  const need = (i: number) => (offset > target ? o.lo[i]! - target : target - o.hi[i]!);
  idx.sort((a, b) => need(b) - need(a));
  const out: SkewEvidence[] = [];
  for (const i of idx.slice(0, 3)) {
    for (const s of o.sides[i]!) out.push({ file: s.file, line: s.line });
  }
  return out;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const seconds = (ms: number) => round3(ms / 1000);

interface Context {
  pair: SourcePair;
  o: Oriented;
  b: Bounds;
  n: number;
  tolerated: number;
  opts: ResolvedSkewOptions;
  /** Blame the outer side (it is the zone-less one): its offset is minus the inner's. */
  flip: boolean;
}

/** Share of pairs consistent with the fit; at its edge the tolerance is spent, so look inside. */
function shareConsistent(c: Context, fit: IntervalFit): number {
  const mid = fit.range ? violationsAt(c.b, (fit.range[0] + fit.range[1]) / 2) : c.n;
  return 1 - Math.min(fit.violations, mid) / c.n;
}

function sides(c: Context): { src: string; ref: string; sign: number } {
  return c.flip
    ? { src: c.o.outer, ref: c.o.inner, sign: -1 }
    : { src: c.o.inner, ref: c.o.outer, sign: 1 };
}

function zoneEstimate(c: Context, zone: number): SkewEstimate {
  const { src, ref, sign } = sides(c);
  const off = sign * zone;
  const fit = nearestConsistent(c.b, zone, c.tolerated);
  const confidence = shareConsistent(c, fit) * strength(violationsAt(c.b, 0), c.opts.minPairs);
  const unit = zone % 3_600_000 === 0 ? 'hours' : 'quarter hours';
  return {
    source: src,
    reference: ref,
    offsetSeconds: seconds(off),
    confidence: round3(Math.min(c.n < c.opts.minPairs ? 0.5 : 1, confidence)),
    method: 'local-time',
    evidence: evidence(c.o, zone, 0),
    pairs: c.pair.count,
    detail:
      `${src}'s zone-less times look like local time read in the wrong zone, ` +
      `${duration(off)} ${aheadOrBehind(off)} ${ref}: ${count(c.pair.count)} requests matched ` +
      `by request id are ${duration(zone)} apart, a whole number of ${unit}`,
    reported: true,
  };
}

/** The clock offset left once `target` (0, or a zone offset) is taken out; none if it is noise. */
function clockEstimate(c: Context, target: number): SkewEstimate | undefined {
  const { o, n, pair } = c;
  const fit = nearestConsistent(c.b, target, c.tolerated);
  const residual = fit.offset - target;
  const real = Math.abs(residual) >= c.opts.minOffsetMs;
  if (target !== 0 && !real) return undefined;
  const { src, ref, sign } = sides(c);
  const off = sign * residual;
  const consistency = shareConsistent(c, fit);
  const contradicting = violationsAt(c.b, target);
  const zeroOk = 1 - violationsAt(c.b, 0) / n;
  const few = pair.count < c.opts.minPairs;
  const matched = `${count(pair.count)} requests matched by request id`;
  const afterZone = target === 0 ? '' : ` once the ${duration(target)} zone offset is removed`;
  const range = fit.range?.map((x) => (sign * (x - target)) / 1000).sort((p, q) => p - q) as
    [number, number] | undefined;
  let detail: string;
  if (!real) {
    detail = `${o.inner} agrees with ${o.outer}: ${matched}, ${percent(zeroOk)} inside ${o.outer}'s request windows unshifted`;
  } else if (few) {
    detail =
      `${src}'s clock is at least ${duration(off)} ${aheadOrBehind(off)} ${ref}${afterZone}: ` +
      `${count(contradicting)} of ${matched} were logged by ${o.inner} outside ` +
      `${o.outer}'s request window; too few pairs for an estimate`;
  } else {
    const within = range
      ? ` (consistent from ${range[0].toFixed(2)} to ${range[1].toFixed(2)} s)`
      : '';
    detail =
      `${src} is ${o.timed ? '' : 'at least '}${duration(off)} ${aheadOrBehind(off)} ` +
      `${ref}${afterZone}: ${matched}, ${percent(consistency)} fit ${o.outer}'s request ` +
      `windows once shifted${within}, ${percent(1 - contradicting / n)} unshifted`;
  }
  const estimate: SkewEstimate = {
    source: src,
    reference: ref,
    offsetSeconds: seconds(off),
    confidence: real
      ? round3(Math.min(few ? 0.5 : 1, consistency * strength(contradicting, c.opts.minPairs)))
      : round3(zeroOk * strength(n, c.opts.minPairs)),
    method: few ? 'causality' : 'request-id',
    evidence: real ? evidence(o, fit.offset, target) : evidence(o, 0, 0).slice(0, 2),
    pairs: pair.count,
    detail,
    reported: real,
    consistentAtZero: round3(zeroOk),
  };
  if (range) estimate.range = [round3(range[0]), round3(range[1])];
  return estimate;
}

/** Estimates for one source pair: a clock offset, or a zone offset and what is left of it. */
export function requestIdEstimates(
  pair: SourcePair,
  sources: SourceStats,
  opts: ResolvedSkewOptions,
): SkewEstimate[] {
  const o = orient(pair, sources);
  const n = o.lo.length;
  const c: Context = {
    pair,
    o,
    b: sortedBounds(o.lo, o.hi),
    n,
    tolerated: Math.floor(TOLERATED_SHARE * n),
    opts,
    flip: false,
  };
  const fit = nearestConsistent(c.b, 0, c.tolerated);
  const zone = Math.round(fit.offset / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const innerZoneless = sources.zoneless(o.inner);
  const zoned = !innerZoneless && !sources.zoneless(o.outer);
  if (zone === 0 || Math.abs(fit.offset - zone) > ZONE_SLACK_MS || zoned) {
    const clock = clockEstimate(c, 0);
    return clock ? [clock] : [];
  }
  // Blame the zone-less side: only its times went through a configured zone.
  c.flip = !innerZoneless;
  const clock = clockEstimate(c, zone);
  return clock ? [zoneEstimate(c, zone), clock] : [zoneEstimate(c, zone)];
}
