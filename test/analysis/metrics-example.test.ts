/**
 * The example incident's Prometheus answers (examples/pool-exhaustion/prometheus, three of them
 * listed in its aftermath.yaml) in the analysis: the series in the JSON, the pool saturating on
 * the bad release's instance, and nothing the logs established moved.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeIncident } from '../../src/pipeline/analyze-incident.js';
import { analysisToJson } from '../../src/render/analysis-json.js';
import { renderAnalysis } from '../../src/render/analysis-text.js';
import type { IncidentAnalysis } from '../../src/pipeline/analyze-incident.js';

const example = join(import.meta.dirname, '../../examples/pool-exhaustion');
const at = (iso: string): number => Date.parse(iso);

describe('metric series of the example incident', () => {
  let result: IncidentAnalysis;
  let json: Record<string, unknown>;
  beforeAll(async () => {
    result = await analyzeIncident([example]);
    json = JSON.parse(JSON.stringify(analysisToJson(result.analysis))) as Record<string, unknown>;
  }, 60_000);

  it('has the three queries in the JSON, as summaries with capped points', () => {
    const metrics = json.metrics as {
      query: string;
      source: string;
      labels: Record<string, string>;
      samples: number;
      points: { t: number[]; v: (number | null)[] };
    }[];
    expect([...new Set(metrics.map((m) => m.query))].sort()).toEqual([
      'alerts',
      'db_pool_connections',
      'error_rate',
    ]);
    // Six pool series (two instances × idle, total, waiting), four ALERTS (two alerts × two states).
    expect(metrics.filter((m) => m.query === 'db_pool_connections')).toHaveLength(6);
    expect(metrics.filter((m) => m.query === 'alerts')).toHaveLength(4);
    for (const m of metrics) {
      expect(m.points.t).toHaveLength(m.samples);
      expect(m.points.v).toHaveLength(m.samples);
    }
    expect(result.diagnostics.filter((d) => d.ruleId.startsWith('metrics/'))).toEqual([]);
  });

  it('finds the pool of the bad release saturating, soon after the deploy', () => {
    const pool = result.analysis.moments.find(
      (m) => m.kind === 'metric_change' && m.data?.change === 'saturated',
    );
    expect(pool?.data?.series).toBe('db_pool_connections{instance="127.0.0.1:3002",state="total"}');
    // The new release (deployed 19:40:37.142) listens on :3002; its pool fills within 15 s.
    expect(pool!.ts).toBeGreaterThanOrEqual(at('2026-11-22T19:40:37.142Z'));
    expect(pool!.ts).toBeLessThanOrEqual(at('2026-11-22T19:40:52Z'));
    expect(pool!.evidence[0]!.file).toMatch(/prometheus\/db_pool_connections\.json$/);
    // Errors appearing in the rate of 5xx is a moment too.
    const errors = result.analysis.moments.find(
      (m) => m.kind === 'metric_change' && m.data?.query === 'error_rate',
    );
    expect(errors?.data?.change).toBe('appeared');
    expect(renderAnalysis(result.analysis, 't')).toMatch(/\nMetrics\n[\s\S]*db_pool_connections/);
  });

  it('keeps what the logs established and adds no duplicate alerts', () => {
    const a = result.analysis;
    const one = (kind: string): number | undefined => a.moments.find((m) => m.kind === kind)?.ts;
    expect(one('onset')).toBe(at('2026-11-22T19:40:37Z'));
    expect(a.moments.find((m) => m.kind === 'first_error' && m.source === 'nginx')?.ts).toBe(
      at('2026-11-22T19:40:42Z'),
    );
    expect(one('mitigation')).toBe(at('2026-11-22T19:43:12.674Z'));
    expect(one('recovery')).toBe(at('2026-11-22T19:43:20Z'));
    // Alertmanager reported both alerts: the ALERTS series adds none of its own.
    const alerts = a.moments.filter((m) => m.kind.startsWith('alert_'));
    expect(alerts.map((m) => m.source)).toEqual(Array(alerts.length).fill('alertmanager'));
    expect(alerts).toHaveLength(4);
  });

  it('dates the impact from metrics alone when no log is given', async () => {
    const files = ['error_ratio.json', 'latency_p95.json'].map((f) =>
      join(example, 'prometheus', f),
    );
    const { analysis } = await analyzeIncident(files);
    const onset = analysis.moments.find((m) => m.kind === 'onset')!;
    // The p95 over a 1-minute rate moves with the first slow requests, after the deploy.
    expect(onset.data).toMatchObject({ signal: 'metric', series: 'latency_p95' });
    expect(onset.ts).toBeGreaterThanOrEqual(at('2026-11-22T19:40:37.142Z'));
    expect(onset.ts).toBeLessThan(at('2026-11-22T19:41:00Z'));
    expect(analysis.impact?.start).toBe(onset.ts);
    const recovery = analysis.moments.find((m) => m.kind === 'recovery')!;
    expect(recovery.ts).toBeGreaterThan(at('2026-11-22T19:43:13.772Z'));
  }, 60_000);

  it('takes alerts from the ALERTS series when Alertmanager is not in the evidence', async () => {
    const { analysis } = await analyzeIncident([example], {
      sources: ['nginx', 'app', 'prometheus-*'],
    });
    const alerts = analysis.moments.filter((m) => m.kind === 'alert_firing');
    expect(alerts.map((m) => [m.data?.alertname, new Date(m.ts).toISOString()])).toEqual([
      ['ShopApiHighErrorRatio', '2026-11-22T19:41:26.000Z'],
      ['ShopApiHighLatencyP95', '2026-11-22T19:42:01.000Z'],
    ]);
    expect(alerts[0]!.data?.from).toBe('prometheus ALERTS series');
    expect(analysis.mttx.points.detected.ts).toBe(at('2026-11-22T19:41:26Z'));
  }, 60_000);
});
