/** Bucket sizes: each divides the next, so a series can be coarsened by merging whole buckets. */

const S = 1000;
export const BUCKET_SIZES: readonly number[] = [
  S,
  2 * S,
  10 * S,
  30 * S,
  60 * S,
  5 * 60 * S,
  15 * 60 * S,
  30 * 60 * S,
  3600 * S,
  2 * 3600 * S,
  6 * 3600 * S,
  12 * 3600 * S,
  24 * 3600 * S,
];

/** The smallest size of the chain that covers `spanMs` in at most `maxBuckets` buckets. */
export function bucketFor(spanMs: number, maxBuckets: number): number {
  for (const size of BUCKET_SIZES) if (spanMs / size <= maxBuckets) return size;
  return BUCKET_SIZES[BUCKET_SIZES.length - 1]!;
}

/** The next size of the chain that is a multiple of `size` and at least `min`. */
export function coarserThan(size: number, min: number): number {
  for (const s of BUCKET_SIZES) if (s >= min && s % size === 0) return s;
  return BUCKET_SIZES[BUCKET_SIZES.length - 1]!;
}

/** `1s`, `10s`, `5m`, `1h`, `1d`. */
export function formatBucket(ms: number): string {
  if (ms % (24 * 3600 * S) === 0) return `${ms / (24 * 3600 * S)}d`;
  if (ms % (3600 * S) === 0) return `${ms / (3600 * S)}h`;
  if (ms % (60 * S) === 0) return `${ms / (60 * S)}m`;
  return `${ms / S}s`;
}

/** Parses `30s`, `1m`, `5min`, `1h`, `1d` into ms; undefined when it is not one. */
export function parseBucket(text: string): number | undefined {
  const m = /^(\d+)\s*(s|sec|m|min|h|d)$/i.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  const per = unit.startsWith('s')
    ? S
    : unit.startsWith('m')
      ? 60 * S
      : unit === 'h'
        ? 3600 * S
        : 86400 * S;
  return n > 0 ? n * per : undefined;
}
