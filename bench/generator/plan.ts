/** The simulated time line: how long the evidence spans and when the incident happens in it. */

/** Simulated evidence per hour of wall time: sets the span from the size (~26 h for 1 GB). */
export const BYTES_PER_HOUR = 40 * 2 ** 20;

/** Fixed, so the same seed and size give the same bytes; early in a year so syslog stays in it. */
export const START_MS = Date.UTC(2026, 2, 2, 6, 0, 0);

export interface Plan {
  readonly start: number;
  readonly span: number;
  /** Bad deploy: the incident starts. */
  readonly deploy: number;
  /** The degraded window (pool exhaustion, slow queries, timeouts). */
  readonly degradedFrom: number;
  readonly degradedTo: number;
  /** The kernel OOM-kills the API process on api-1. */
  readonly oom: number;
  /** Rollback to the good release: recovery. */
  readonly rollback: number;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

export function makePlan(sizeBytes: number): Plan {
  const span = Math.max(60_000, (sizeBytes / BYTES_PER_HOUR) * 3_600_000);
  // An incident is minutes to an hour whatever the size; it sits in the middle of the span.
  const length = clamp(span * 0.06, 30_000, 45 * 60_000);
  const deploy = START_MS + span * 0.5;
  return {
    start: START_MS,
    span,
    deploy,
    degradedFrom: deploy + length * 0.05,
    degradedTo: deploy + length * 0.9,
    oom: deploy + length * 0.6,
    rollback: deploy + length * 0.9,
  };
}

/** 0 outside the incident, ramping to 1 and back: the share of requests that go wrong. */
export function intensity(plan: Plan, t: number): number {
  if (t < plan.degradedFrom || t >= plan.degradedTo) return 0;
  const x = (t - plan.degradedFrom) / (plan.degradedTo - plan.degradedFrom);
  return x < 0.2 ? x / 0.2 : x > 0.9 ? (1 - x) / 0.1 : 1;
}
