import { describe, expect, it } from 'vitest';
import { unitOf, type MetricSeries } from '../core/metric.js';
import { downsample } from './metric-points.js';
import { analyzeMetrics, metricImpactMoments } from './metrics.js';
import type { Moment } from './moments/moment.js';

const T0 = Date.UTC(2026, 10, 22, 19, 30);
const STEP = 5000;

/** A deterministic noise in [-1, 1): the same series on every run. */
function noise(i: number): number {
  const x = Math.sin(i * 12.9898) * 43758.5453;
  return 2 * (x - Math.floor(x)) - 1;
}

function series(
  name: string,
  v: number[],
  labels: Record<string, string> = {},
  start = T0,
): MetricSeries {
  return {
    source: 'prom',
    name,
    file: `prom/${name}.json`,
    labels,
    t: v.map((_, i) => start + i * STEP),
    v,
    unit: unitOf(name),
  };
}

const steps = (n: number, f: (i: number) => number): number[] =>
  Array.from({ length: n }, (_, i) => f(i));

describe('metric change points', () => {
  it('dates a rise of the error ratio within one sample, with the value before and after', () => {
    const s = series(
      'error_ratio',
      steps(120, (i) => (i < 70 ? 0.01 : 0.3) + 0.003 * noise(i)),
    );
    const { moments, changes } = analyzeMetrics([s]);
    expect(changes).toHaveLength(1);
    const m = moments[0]!;
    expect(m.kind).toBe('metric_change');
    expect(Math.abs(m.ts - (T0 + 70 * STEP))).toBeLessThanOrEqual(STEP);
    expect(m.data).toMatchObject({ change: 'rise', query: 'error_ratio', series: 'error_ratio' });
    expect(m.data!.before as number).toBeCloseTo(0.01, 2);
    expect(m.data!.after as number).toBeGreaterThan(0.29);
    expect(m.evidence).toEqual([{ file: 'prom/error_ratio.json', line: 1 }]);
    expect(changes[0]!.impact).toBe(true);
  });

  it('finds a drop in request rate and a latency jump, each with its end', () => {
    const rate = series(
      'request_rate',
      steps(120, (i) => (i >= 60 && i < 90 ? 8 : 40) + noise(i)),
    );
    const lat = series(
      'latency_p95',
      steps(120, (i) => (i >= 62 && i < 90 ? 2.5 : 0.005) + 0.0002 * noise(i)),
    );
    const { changes } = analyzeMetrics([rate, lat]);
    const drop = changes.find((c) => c.name === 'request_rate')!;
    expect(drop.kind).toBe('drop');
    expect(Math.abs(drop.ts - (T0 + 60 * STEP))).toBeLessThanOrEqual(STEP);
    expect(Math.abs(drop.endTs! - (T0 + 90 * STEP))).toBeLessThanOrEqual(2 * STEP);
    const jump = changes.find((c) => c.name === 'latency_p95')!;
    expect(jump.kind).toBe('rise');
    expect(Math.abs(jump.ts - (T0 + 62 * STEP))).toBeLessThanOrEqual(STEP);
    // With no log onset, these date the impact: the drop came first.
    const impact = metricImpactMoments(changes);
    expect(impact.map((m) => [m.kind, m.ts])).toEqual([
      ['onset', drop.ts],
      ['recovery', Math.max(drop.endTs!, jump.endTs!)],
    ]);
  });

  it('reports nothing on a flat noisy series', () => {
    const flat = [
      series(
        'request_rate',
        steps(200, (i) => 35 + 2 * noise(i)),
      ),
      series(
        'db_pool_connections',
        steps(200, (i) => 3 + Math.round(noise(i))),
      ),
      series(
        'latency_p95',
        steps(200, (i) => 0.005 + 0.0004 * noise(i)),
      ),
    ];
    const { moments, summaries } = analyzeMetrics(flat);
    expect(moments).toEqual([]);
    expect(summaries).toHaveLength(3);
  });

  it('skips NaN gaps: the change is still found, the gaps are counted', () => {
    const v = steps(120, (i) => (i < 70 ? 0.01 : 0.3) + 0.003 * noise(i));
    for (const i of [10, 11, 40, 69, 71, 100]) v[i] = NaN;
    const { changes, summaries } = analyzeMetrics([series('error_ratio', v)]);
    expect(changes.map((c) => c.kind)).toEqual(['rise']);
    expect(Math.abs(changes[0]!.ts - (T0 + 70 * STEP))).toBeLessThanOrEqual(STEP);
    expect(summaries[0]!.gaps).toBe(6);
    expect(summaries[0]!.points.v.filter((x) => x === null)).toHaveLength(6);
  });

  it('sees a pool that appears late and holds near its top as saturated', () => {
    const old = series(
      'db_pool_connections',
      steps(120, (i) => 3 + Math.round(noise(i))),
      {
        instance: 'a',
      },
    );
    const pool = series(
      'db_pool_connections',
      steps(40, (i) => (i === 0 ? 8 : 30 + Math.round(2 * noise(i)))),
      { instance: 'b' },
      T0 + 60 * STEP,
    );
    const { moments } = analyzeMetrics([old, pool]);
    expect(moments).toHaveLength(1);
    expect(moments[0]!.data).toMatchObject({
      change: 'saturated',
      series: 'db_pool_connections{instance="b"}',
    });
    expect(moments[0]!.ts).toBe(T0 + 61 * STEP);
    expect(moments[0]!.data!.after as number).toBeGreaterThanOrEqual(29);
  });
});

describe('ALERTS series', () => {
  const alerts = (name: string, state: string, from: number, n: number): MetricSeries =>
    series(
      'alerts',
      steps(n, () => 1),
      { __name__: 'ALERTS', alertname: name, alertstate: state, severity: 'page' },
      T0 + from * STEP,
    );
  const span = series(
    'up',
    steps(100, () => 1),
  );

  it('gives firing intervals as alert moments, saying where they came from', () => {
    const { moments } = analyzeMetrics([
      span,
      alerts('HighErrors', 'pending', 10, 4),
      alerts('HighErrors', 'firing', 14, 20),
    ]);
    expect(moments.map((m) => [m.kind, m.ts, m.data?.alertname, m.data?.from])).toEqual([
      ['alert_firing', T0 + 14 * STEP, 'HighErrors', 'prometheus ALERTS series'],
      ['alert_resolved', T0 + 33 * STEP, 'HighErrors', 'prometheus ALERTS series'],
    ]);
  });

  it('adds none for an alert Alertmanager already reported', () => {
    const fromAlertmanager: Moment = {
      kind: 'alert_firing',
      ts: T0 + 15 * STEP,
      source: 'alertmanager',
      confidence: 1,
      title: 'alert HighErrors firing',
      evidence: [{ file: 'alerts.jsonl', line: 1 }],
      data: { alertname: 'HighErrors' },
    };
    const { moments } = analyzeMetrics(
      [span, alerts('HighErrors', 'firing', 14, 20)],
      [fromAlertmanager],
    );
    expect(moments).toEqual([]);
  });
});

describe('downsample', () => {
  it('caps the points and keeps the extremes', () => {
    const t = steps(100_000, (i) => i * 1000);
    const v: (number | null)[] = steps(100_000, (i) => Math.sin(i / 500));
    v[12_345] = 50;
    const d = downsample(t, v, 2000);
    expect(d.t.length).toBeLessThanOrEqual(2000);
    expect(Math.max(...d.v.map((x) => x ?? -Infinity))).toBe(50);
    expect(d.t).toEqual([...d.t].sort((a, b) => a - b));
    expect(downsample([1, 2], [3, null])).toEqual({ t: [1, 2], v: [3, null] });
  });
});
