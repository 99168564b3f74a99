import { describe, expect, it } from 'vitest';
import { smallAnalysis } from '../../../test/fixtures/report/small-analysis.js';
import { chartsOf } from './chart-data.js';

describe('chartsOf', () => {
  const charts = chartsOf(smallAnalysis());
  const byId = Object.fromEntries(charts.map((c) => [c.id, c]));

  it('draws request rate, error ratio, latency and event rates', () => {
    expect(charts.map((c) => c.id)).toEqual(['requests', 'errors', 'latency', 'events']);
    for (const c of charts) for (const s of c.series) expect(s.values).toHaveLength(c.x.length);
    expect(byId.requests?.x[1]).toBe(Date.parse('2026-03-02T10:00:10Z') / 1000);
  });

  it('gives rates per second and the baseline as a dashed line over its period', () => {
    const r = byId.requests!;
    expect(r.series[0]?.values[0]).toBe(10);
    expect(r.series[1]).toMatchObject({
      dash: [6, 4],
      label: 'edge baseline (the period just before)',
    });
    expect(r.series[1]?.values[0]).toBe(10);
    expect(r.bands.map((b) => b.label)).toEqual(['impact', 'baseline']);
    expect(r.caption).toContain("edge's baseline, 10 requests per second");
  });

  it('gives the error ratio in percent and latency only where positive (log scale)', () => {
    expect(Math.max(...(byId.errors!.series[0]!.values as number[]))).toBe(30);
    expect(byId.latency!.log).toBe(true);
    expect(byId.latency!.series[2]!.values[0]).toBeNull();
  });

  it('counts errors per source when no source logs requests', () => {
    const a = smallAnalysis();
    for (const s of a.series) s.hasRequests = false;
    expect(chartsOf(a).map((c) => [c.id, c.unit])).toEqual([
      ['errors', 'errors/s'],
      ['events', 'events/s'],
    ]);
  });

  it('draws nothing without series', () => {
    expect(chartsOf({ ...smallAnalysis(), series: [] })).toEqual([]);
  });
});
