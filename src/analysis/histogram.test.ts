import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './histogram.js';

describe('LatencyHistogram', () => {
  it('reports quantiles within 2% of the exact ones', () => {
    const h = new LatencyHistogram();
    const values: number[] = [];
    for (let i = 1; i <= 1000; i++) {
      const v = (i * 7.3) % 997;
      values.push(v);
      h.add(v);
    }
    values.sort((a, b) => a - b);
    for (const q of [0.5, 0.95, 0.99]) {
      const exact = values[Math.ceil(q * values.length) - 1]!;
      expect(Math.abs(h.quantile(q)! - exact) / exact).toBeLessThan(0.021);
    }
  });

  it('merges and ignores what is not a duration', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    a.add(10);
    b.add(1000);
    b.add(Number.NaN);
    b.add(-1);
    a.merge(b);
    expect(a.count).toBe(2);
    expect(a.quantile(1)).toBe(1000);
    expect(new LatencyHistogram().quantile(0.5)).toBeUndefined();
  });
});
