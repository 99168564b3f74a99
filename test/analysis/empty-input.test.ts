/**
 * Bad input, part 1: no events at all, a window the evidence does not reach, one source only,
 * one event only. The analysis must complete and say what it could not find.
 */
import { describe, expect, it } from 'vitest';
import {
  Evidence,
  HOUR,
  MINUTE,
  SECOND,
  analyze,
  at,
  momentOf,
  momentsOf,
  ref,
  story,
} from './synthetic.js';

const t0 = at('2026-07-01T08:00:00Z');

describe('no events at all', () => {
  const analysis = analyze([]);

  it('completes with an empty analysis', () => {
    expect(analysis.window).toBeNull();
    expect(analysis).toMatchObject({
      sources: [],
      moments: [],
      suspects: [],
      signals: [],
      impact: null,
      traffic: [],
      hourly: [],
      top: [],
      templates: { topErrors: [], new: [] },
      slowQueries: [],
      gaps: [],
      series: [],
    });
  });

  it('marks every MTTx stage unknown, with the reason', () => {
    for (const p of Object.values(analysis.mttx.points)) {
      expect(p.ts).toBeNull();
      expect(p.how.length).toBeGreaterThan(10);
      expect(p.evidence).toEqual([]);
    }
    expect(analysis.mttx.timeToDetect).toBeNull();
    expect(analysis.mttx.timeToResolve).toBeNull();
  });
});

describe('a window with no events', () => {
  const ev = new Evidence(51);
  ev.traffic(t0, t0 + 10 * MINUTE, 5, (_ts, rng) => ({
    status: rng.next() < 0.1 ? 500 : 200,
    latencyMs: rng.logNormal(30, 0.3),
  }));
  ev.app(t0 + MINUTE, 'error', 'request failed', { error: 'boom' });
  const events = ev.build();
  const window = { from: t0 + 2 * HOUR, to: t0 + 3 * HOUR };
  const analysis = analyze(events, { window });

  it('reports a no-events-in-window gap for every source, and no moments', () => {
    expect(analysis.gaps.filter((g) => g.kind === 'no-events-in-window')).toEqual([
      expect.objectContaining({ source: 'nginx' }),
      expect.objectContaining({ source: 'app' }),
    ]);
    expect(analysis.moments).toEqual([]);
    expect(analysis.impact).toBeNull();
    expect(analysis.sources.every((s) => s.inWindow === 0 && s.first === null)).toBe(true);
  });

  it('never reports an inverted window or period', () => {
    const w = analysis.window;
    if (w) expect(w.from).toBeLessThanOrEqual(w.to);
    for (const t of analysis.traffic) expect(t.incident.from).toBeLessThanOrEqual(t.incident.to);
  });

  it('still reports the gap for the one source the window misses', () => {
    const other = new Evidence(52);
    other.traffic(t0, t0 + 3 * HOUR, 1, () => ({ status: 200, latencyMs: 20 }));
    other.app(t0 + MINUTE, 'info', 'server listening', { pid: 1 });
    const a = analyze(other.build(), { window });
    expect(a.gaps.filter((g) => g.kind === 'no-events-in-window').map((g) => g.source)).toEqual([
      'app',
    ]);
    expect(a.window).toMatchObject({ from: window.from });
  });
});

describe('one source only', () => {
  const ev = new Evidence(53);
  const requests = ev.traffic(t0, t0 + 30 * MINUTE, 20, (ts, rng) => ({
    status: ts >= t0 + 15 * MINUTE && ts < t0 + 20 * MINUTE && rng.next() < 0.25 ? 500 : 200,
    latencyMs: rng.logNormal(30, 0.3),
  }));
  const analysis = analyze(ev.build());
  const first5xx = requests.find((e) => e.attrs.status === 500)!;
  const last5xx = requests.findLast((e) => e.attrs.status === 500)!;

  it('finds onset, peak and recovery from that source alone', () => {
    const onset = momentOf(analysis, 'onset');
    expect(onset, story(analysis)).toMatchObject({ ts: first5xx.ts, source: 'nginx' });
    expect(onset!.evidence).toEqual([ref(first5xx)]);
    const recovery = momentOf(analysis, 'recovery');
    expect(recovery!.ts).toBeGreaterThan(last5xx.ts);
    expect(recovery!.ts).toBeLessThanOrEqual(last5xx.ts + 2 * analysis.window!.bucketMs);
    expect(analysis.impact).toMatchObject({ source: 'nginx', affectedSources: ['nginx'] });
    expect(analysis.impact!.failedRequests).toBe(
      requests.filter((e) => e.attrs.status === 500).length,
    );
  });

  it('has no suspects, no mitigation, and says why detection is unknown', () => {
    expect(analysis.suspects).toEqual([]);
    expect(momentsOf(analysis, 'mitigation')).toEqual([]);
    expect(analysis.mttx.points.detected.ts).toBeNull();
    expect(analysis.mttx.points.mitigated.ts).toBeNull();
    expect(analysis.mttx.points.resolved.how).toBe('recovery');
  });
});

describe('one event only', () => {
  it('completes with a one-millisecond window and no change points', () => {
    const ev = new Evidence(54);
    const e = ev.access(t0 + 5 * SECOND, { status: 503, latencyMs: 12 });
    const a = analyze(ev.build());
    expect(a.window).toMatchObject({ from: e.ts, to: e.ts + 1 });
    expect(a.signals).toEqual([]);
    expect(momentsOf(a, 'onset')).toEqual([]);
    expect(momentsOf(a, 'first_error').map((m) => m.evidence)).toEqual([[ref(e)]]);
  });
});
