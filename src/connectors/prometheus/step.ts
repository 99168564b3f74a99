/**
 * The resolution of a range query: a readable step chosen for the window, and the window split
 * into requests that each stay under Prometheus's limit of 11,000 points per series.
 */

/** Readable steps, finest first; the first that keeps the window under AUTO_POINTS wins. */
const LADDER_MS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21_600, 43_200, 86_400,
].map((s) => s * 1000);

/** At most this many points per series for a chosen step: fine enough to date an onset. */
export const AUTO_POINTS = 2000;

/** Prometheus refuses (end - start) / step > 11,000; stay well below in each request. */
export const MAX_POINTS_PER_REQUEST = 10_000;

/** The step for a window of `spanMs` when the user gave none. */
export function chooseStep(spanMs: number): number {
  for (const step of LADDER_MS) if (spanMs / step <= AUTO_POINTS) return step;
  return Math.ceil(spanMs / AUTO_POINTS / 86_400_000) * 86_400_000;
}

/** One query_range request: evaluation times `start, start + step, …` up to and including `end` (ms). */
export interface RangeRequest {
  start: number;
  end: number;
}

/**
 * The evaluation times of `[since, until)` at `step`, aligned to multiples of the step (so a
 * collect repeated later, or a query split in two, lands on the same timestamps), as requests of
 * at most `perRequest` points. Empty when no multiple of the step falls in the window.
 */
export function splitRange(
  since: number,
  until: number,
  step: number,
  perRequest = MAX_POINTS_PER_REQUEST,
): RangeRequest[] {
  const first = Math.ceil(since / step) * step;
  // `until` is exclusive: the last evaluation is the last multiple of the step before it.
  const last = Math.ceil(until / step) * step - step;
  const out: RangeRequest[] = [];
  for (let start = first; start <= last; start += perRequest * step) {
    out.push({ start, end: Math.min(last, start + (perRequest - 1) * step) });
  }
  return out;
}
