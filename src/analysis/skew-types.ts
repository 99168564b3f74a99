/** Types shared by the clock-skew and time-zone estimators. */

export type SkewMethod = 'request-id' | 'causality' | 'local-time';

export interface SkewEvidence {
  file: string;
  line: number;
}

/**
 * A source whose timestamps are off against another one.
 *
 * Sign: `offsetSeconds > 0` means `source` writes times later than `reference` for the same
 * instant (its clock is ahead); correct it by adding `-offsetSeconds` to its timestamps.
 */
export interface SkewFinding {
  source: string;
  reference: string;
  offsetSeconds: number;
  /** 0..1. */
  confidence: number;
  method: SkewMethod;
  /** A few example lines, both sides of each example pair. */
  evidence: SkewEvidence[];
  /** Matched pairs used (request-id, causality, and local-time when found through ids). */
  pairs?: number;
  detail: string;
}

/** Every comparison made, including those consistent with no offset, for the report. */
export interface SkewEstimate extends SkewFinding {
  /** Whether this estimate is one of `findings()`. */
  reported: boolean;
  /** request-id: the offsets (s) that (almost) all pairs are consistent with, when any are. */
  range?: [number, number];
  /** request-id: share of pairs consistent with no offset at all. */
  consistentAtZero?: number;
}

export interface SkewOptions {
  /** Ids remembered per source while waiting for their partner (oldest evicted). Default 50,000. */
  maxPending?: number;
  /** Pairs needed for a request-id estimate; fewer give a low-confidence causality finding. Default 20. */
  minPairs?: number;
  /** Pairs kept per source pair for the estimate (a uniform sample of all). Default 10,000. */
  maxSamples?: number;
  /** Offsets smaller than this are noise, never reported. Default 100 ms. */
  minOffsetMs?: number;
  /** Minutes of activity kept per source for the local-time check. Default 7 days. */
  maxMinutes?: number;
}

export interface SkewStats {
  /** Ids waiting for a partner, all sources. */
  pending: number;
  /** Ids dropped from the pending maps to keep memory bounded. */
  evicted: number;
  /** Of those, ids never matched in another source. */
  evictedUnmatched: number;
  /** Cross-source pairs matched by id. */
  pairs: number;
}

export interface ResolvedSkewOptions {
  maxPending: number;
  minPairs: number;
  maxSamples: number;
  minOffsetMs: number;
  maxMinutes: number;
}

export function resolveSkewOptions(options: SkewOptions = {}): ResolvedSkewOptions {
  return {
    maxPending: options.maxPending ?? 50_000,
    minPairs: options.minPairs ?? 20,
    maxSamples: options.maxSamples ?? 10_000,
    minOffsetMs: options.minOffsetMs ?? 100,
    maxMinutes: options.maxMinutes ?? 7 * 24 * 60,
  };
}
