/**
 * Shapes of impact the example does not have: a drop in traffic, a short blip before the real
 * outage, and sporadic errors at low traffic that are no incident at all.
 */
import { describe, expect, it } from 'vitest';
import { Evidence, MINUTE, Rng, analyze, at, momentOf, story } from './synthetic.js';

const t0 = at('2026-08-01T10:00:00Z');

describe('traffic that stops reaching the edge', () => {
  const ev = new Evidence(5);
  ev.traffic(t0, t0 + 60 * MINUTE, 40, (_ts, rng) => ({
    status: 200,
    latencyMs: rng.logNormal(30, 0.3),
  }));
  // 85 % of requests lost for 5 minutes (an upstream LB dropping them): no errors, just silence.
  const lose = new Rng(6);
  const dropFrom = t0 + 35 * MINUTE;
  const dropTo = t0 + 40 * MINUTE;
  const events = ev
    .build()
    .filter((e) => !(e.ts >= dropFrom && e.ts < dropTo && lose.next() < 0.85));
  const analysis = analyze(events);

  it('finds onset and recovery on the traffic_drop signal', () => {
    const onset = momentOf(analysis, 'onset');
    expect(onset, story(analysis)).toMatchObject({
      ts: dropFrom,
      data: { signal: 'traffic_drop' },
    });
    expect(momentOf(analysis, 'recovery')).toMatchObject({ ts: dropTo });
    expect(momentOf(analysis, 'first_error')).toBeUndefined();
  });

  it('states the baseline request rate as a positive number', () => {
    const onset = momentOf(analysis, 'onset')!;
    const peak = momentOf(analysis, 'peak')!;
    expect(Number(onset.data?.baseline)).toBeGreaterThan(0);
    expect(Number(peak.data?.baseline)).toBeGreaterThan(0);
    expect(onset.title).not.toMatch(/-\d/);
  });
});

describe('a blip before the real outage', () => {
  const ev = new Evidence(8);
  const requests = ev.traffic(t0, t0 + 60 * MINUTE, 40, (ts, rng) => {
    const m = (ts - t0) / MINUTE;
    // 10 % 5xx for one minute at 10:25, then 30 % for ten minutes at 10:40.
    const p = m >= 25 && m < 26 ? 0.1 : m >= 40 && m < 50 ? 0.3 : 0;
    return { status: rng.next() < p ? 500 : 200, latencyMs: rng.logNormal(30, 0.3) };
  });
  const analysis = analyze(ev.build());
  const failed = requests.filter((e) => e.attrs.status === 500);
  const outageFailed = failed.filter((e) => e.ts >= t0 + 40 * MINUTE).length;

  it('starts the incident at the outage and keeps the blip as a warning sign', () => {
    const outageFirst = failed.find((e) => e.ts >= t0 + 40 * MINUTE)!;
    expect(momentOf(analysis, 'onset')?.ts, story(analysis)).toBe(outageFirst.ts);
    const blip = analysis.moments.find((m) => m.kind === 'warning_sign');
    expect(blip?.ts).toBe(failed[0]!.ts);
  });

  it('peaks, recovers and counts impact in the outage, not in the blip', () => {
    const peak = momentOf(analysis, 'peak')!;
    expect(peak.ts).toBeGreaterThanOrEqual(t0 + 40 * MINUTE);
    expect(momentOf(analysis, 'recovery')!.ts).toBeGreaterThanOrEqual(t0 + 50 * MINUTE);
    expect(analysis.impact!.failedRequests).toBeGreaterThanOrEqual(outageFailed);
  });
});

describe('sporadic errors at low traffic', () => {
  // One request every 2 s and a steady 1 % of 5xx for an hour: nothing changes, no incident.
  const ev = new Evidence(7);
  ev.traffic(t0, t0 + 60 * MINUTE, 0.5, (_ts, rng) => ({
    status: rng.next() < 0.01 ? 500 : 200,
    latencyMs: rng.logNormal(30, 0.3),
  }));
  const analysis = analyze(ev.build());

  it('still names the first error', () => {
    expect(momentOf(analysis, 'first_error')).toBeDefined();
  });

  it('finds no onset in a steady background error rate', () => {
    expect(momentOf(analysis, 'onset'), story(analysis)).toBeUndefined();
    expect(analysis.impact).toBeNull();
  });
});
