import { describe, expect, it } from 'vitest';
import { nearestConsistent, sortedBounds, violationsAt } from './skew-interval.js';

const bounds = (pairs: [number, number][]) =>
  sortedBounds(
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1]),
  );

describe('nearestConsistent', () => {
  it('keeps the target when every interval allows it', () => {
    const b = bounds([
      [-1, 1],
      [-0.5, 3],
      [0, 0],
    ]);
    expect(nearestConsistent(b, 0, 0)).toEqual({ offset: 0, violations: 0, range: [0, 0] });
  });

  it('moves to the nearest edge of the common region', () => {
    const b = bounds([
      [1, 3],
      [2, 4],
      [1.5, 5],
    ]);
    expect(nearestConsistent(b, 0, 0)).toEqual({ offset: 2, violations: 0, range: [2, 3] });
    expect(nearestConsistent(b, 10, 0).offset).toBe(3);
  });

  it('spends the tolerance on outliers', () => {
    const b = bounds([
      [-3, -2],
      [-4, -2.5],
      [50, 60],
    ]);
    expect(nearestConsistent(b, 0, 0).violations).toBe(1);
    expect(nearestConsistent(b, 0, 1)).toMatchObject({ offset: -2.5, violations: 1 });
  });

  it('falls back to the most consistent offset when none is consistent enough', () => {
    const b = bounds([
      [1, 2],
      [3, 4],
      [3.5, 4.5],
    ]);
    expect(nearestConsistent(b, 0, 0)).toEqual({ offset: 3.5, violations: 1 });
  });

  it('treats an open upper bound as no bound', () => {
    const b = bounds([
      [1, Infinity],
      [2, Infinity],
    ]);
    expect(violationsAt(b, 0)).toBe(2);
    expect(nearestConsistent(b, 0, 0).offset).toBe(2);
  });
});
