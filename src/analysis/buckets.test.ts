import { describe, expect, it } from 'vitest';
import { BUCKET_SIZES, bucketFor, coarserThan, formatBucket, parseBucket } from './buckets.js';

describe('bucket sizes', () => {
  it('each size divides the next, so coarsening merges whole buckets', () => {
    for (let i = 1; i < BUCKET_SIZES.length; i++)
      expect(BUCKET_SIZES[i]! % BUCKET_SIZES[i - 1]!).toBe(0);
  });

  it('picks the smallest size that fits the span in the bucket budget', () => {
    expect(bucketFor(8 * 60_000, 120)).toBe(10_000);
    expect(bucketFor(3 * 3600_000, 120)).toBe(300_000);
    expect(bucketFor(365 * 86400_000, 120)).toBe(86400_000);
    expect(coarserThan(10_000, 45_000)).toBe(60_000);
  });

  it('reads and writes the forms --bucket takes', () => {
    expect(parseBucket('30s')).toBe(30_000);
    expect(parseBucket('5min')).toBe(300_000);
    expect(parseBucket('1h')).toBe(3600_000);
    expect(parseBucket('0s')).toBeUndefined();
    expect(parseBucket('soon')).toBeUndefined();
    expect(formatBucket(300_000)).toBe('5m');
    expect(formatBucket(86400_000)).toBe('1d');
  });
});
