import { describe, expect, it } from 'vitest';
import { metricChartsOf } from './metric-charts.js';
import type { ReportAnalysis } from './types.js';

function analysis(metrics: ReportAnalysis['metrics']): ReportAnalysis {
  return {
    schema: 'aftermath/analysis@1',
    window: null,
    sources: [],
    moments: [],
    impact: null,
    mttx: {} as ReportAnalysis['mttx'],
    traffic: [],
    templates: { topErrors: [], new: [] },
    gaps: [],
    series: [],
    ...(metrics ? { metrics } : {}),
  };
}

describe('metric charts', () => {
  it('draws one chart per query, a line per label set, values aligned on one time axis', () => {
    const charts = metricChartsOf(
      analysis([
        {
          source: 'prom',
          query: 'db_pool',
          file: 'p/db_pool.json',
          labels: { instance: 'a', job: 'api' },
          unit: 'count',
          points: { t: [10, 15, 20], v: [1, null, 3] },
        },
        {
          source: 'prom',
          query: 'db_pool',
          file: 'p/db_pool.json',
          labels: { instance: 'b', job: 'api' },
          unit: 'count',
          points: { t: [15, 20, 25], v: [7, 8, 9] },
        },
        {
          source: 'prom',
          query: 'error_ratio',
          file: 'p/error_ratio.json',
          labels: {},
          unit: 'ratio',
          points: { t: [10], v: [0.25] },
        },
      ]),
    );
    expect(charts.map((c) => [c.id, c.title, c.unit])).toEqual([
      ['metric-0', 'Metric: db_pool (prom)', 'count'],
      ['metric-1', 'Metric: error_ratio (prom)', '%'],
    ]);
    expect(charts[0]!.x).toEqual([10, 15, 20, 25]);
    // Only the label that differs names a line.
    expect(charts[0]!.series.map((s) => [s.label, s.values])).toEqual([
      ['instance=a', [1, null, 3, null]],
      ['instance=b', [null, 7, 8, 9]],
    ]);
    expect(charts[1]!.series[0]!.values).toEqual([25]);
    expect(charts[1]!.caption).toContain('from error_ratio.json,');
  });

  it('spans the analysis window, so its markers line up with the log charts', () => {
    const a = analysis([
      {
        source: 'prom',
        query: 'q',
        file: 'q.json',
        labels: {},
        unit: 'count',
        points: { t: [15], v: [2] },
      },
    ]);
    a.window = {
      from: new Date(10_000).toISOString(),
      to: new Date(30_000).toISOString(),
      bucketSeconds: 10,
    };
    const [chart] = metricChartsOf(a);
    expect(chart!.x).toEqual([10, 15, 30]);
    expect(chart!.series[0]!.values).toEqual([null, 2, null]);
  });

  it('draws none for an analysis saved before metrics were read', () => {
    expect(metricChartsOf(analysis(undefined))).toEqual([]);
  });
});
