/**
 * A latency creep without errors: 40 rps steady for 30 min, then p95 rising ~5 %/min for 20 min,
 * no 5xx. The onset must come from latency_p95 near where the creep began, and no error is made up.
 */
import { describe, expect, it } from 'vitest';
import { Evidence, MINUTE, analyze, at, momentOf, momentsOf, story } from './synthetic.js';

const start = at('2026-03-02T10:00:00Z');
const creepStart = start + 30 * MINUTE;
const end = creepStart + 20 * MINUTE;

function build() {
  const ev = new Evidence(11);
  const events = ev.traffic(start, end, 40, (ts, rng) => {
    const minutes = Math.max(0, (ts - creepStart) / MINUTE);
    // Every request slows by the same factor: the whole distribution, p95 included, creeps.
    return {
      status: rng.next() < 0.02 ? 404 : 200,
      latencyMs: rng.logNormal(40, 0.3) * 1.05 ** minutes,
    };
  });
  return { ev, events, analysis: analyze(ev.build()) };
}

describe('latency creep with no errors', () => {
  const { ev, events, analysis } = build();

  it('finds an onset of signal latency_p95 within 5 minutes after the creep began', () => {
    const onset = momentOf(analysis, 'onset');
    expect(onset, story(analysis)).toBeDefined();
    expect(onset!.data?.signal).toBe('latency_p95');
    expect(onset!.source).toBe('nginx');
    // Tolerance: a 5 %/min creep leaves the detector's noise floor (σ ≥ 25 % of the baseline p95,
    // slack k = 0.5σ) only once 1.05^t > 1.125, i.e. after ~2.4 min, and CUSUM dates the change
    // from where its sum last left zero; one bucket (30 s here) of rounding either side.
    const bucketMs = analysis.window!.bucketMs;
    expect(onset!.ts).toBeGreaterThanOrEqual(creepStart - bucketMs);
    expect(onset!.ts).toBeLessThanOrEqual(creepStart + 5 * MINUTE);
  });

  it('points the onset at the slowest request of the bucket where it began', () => {
    const onset = momentOf(analysis, 'onset')!;
    expect(onset.evidence).toHaveLength(1);
    const e = ev.at(onset.evidence[0]);
    expect(e?.format).toBe('access');
    expect(e!.ts).toBe(onset.ts);
    const bucketMs = analysis.window!.bucketMs;
    const bucket = Math.floor(e!.ts / bucketMs) * bucketMs;
    const inBucket = events.filter((x) => x.ts >= bucket && x.ts < bucket + bucketMs);
    const slowest = Math.max(...inBucket.map((x) => x.attrs.latencyMs as number));
    expect(e!.attrs.latencyMs).toBe(slowest);
  });

  it('reports no first_error and no error-ratio change', () => {
    expect(momentsOf(analysis, 'first_error')).toEqual([]);
    expect(analysis.signals.map((s) => s.signal)).not.toContain('error_ratio');
    expect(analysis.impact?.failedRequests).toBe(0);
  });

  it('leaves the incident open: the creep never ends in the evidence', () => {
    expect(momentOf(analysis, 'recovery'), story(analysis)).toBeUndefined();
  });

  it('puts the peak in the last minutes, where the creep is at its worst', () => {
    const peak = momentOf(analysis, 'peak');
    expect(peak?.data?.signal).toBe('latency_p95');
    // ×1.05^20 ≈ 2.65 by the end of the evidence.
    expect(peak!.ts).toBeGreaterThanOrEqual(end - 3 * MINUTE);
    expect(Number(peak!.data?.value)).toBeGreaterThan(2 * Number(peak!.data?.baseline));
  });
});
