/**
 * Bad input, part 3: ties in timestamps. nginx writes whole seconds, so dozens of requests share
 * one; sources may log the same millisecond. Findings must point at the first event in timeline
 * order among equals, and the result must not depend on anything but that order.
 */
import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../../src/core/event.js';
import {
  Evidence,
  MINUTE,
  SECOND,
  analyze,
  at,
  momentOf,
  momentsOf,
  ref,
  story,
} from './synthetic.js';

const t0 = at('2026-07-03T08:00:00Z');
const errorsFrom = t0 + 10 * MINUTE;

/** 40 requests in every whole second, as nginx's `$time_local` writes them. */
function build(seed: number) {
  const ev = new Evidence(seed);
  const requests: LogEvent[] = [];
  for (let s = t0; s < t0 + 20 * MINUTE; s += SECOND)
    for (let i = 0; i < 40; i++) {
      const failing = s >= errorsFrom && s < errorsFrom + 5 * MINUTE && ev.rng.next() < 0.3;
      requests.push(
        ev.access(s, { status: failing ? 503 : 200, latencyMs: ev.rng.logNormal(30, 0.3) }),
      );
    }
  // The app logs its first error in the very millisecond of the first 5xx's second.
  const appError = ev.app(errorsFrom, 'error', 'request failed', { error: 'pool timeout' });
  return { ev, events: ev.build(), requests, appError };
}

describe('ties in timestamps', () => {
  const { events, requests, appError } = build(71);
  const analysis = analyze(events);
  const firstFailing = requests.find((e) => e.attrs.status === 503)!;

  it('points first_error and onset at the first 5xx in line order among equal times', () => {
    // The first 503 is not the first line of its second: the ties are real.
    const sameSecond = requests.filter((e) => e.ts === firstFailing.ts);
    expect(sameSecond.indexOf(firstFailing)).toBeGreaterThan(0);
    const first = momentsOf(analysis, 'first_error').find((m) => m.source === 'nginx');
    expect(first?.evidence).toEqual([ref(firstFailing)]);
    const onset = momentOf(analysis, 'onset');
    expect(onset, story(analysis)).toBeDefined();
    expect(onset!.ts).toBe(errorsFrom);
    expect([ref(firstFailing), ref(appError)]).toContainEqual(onset!.evidence[0]);
  });

  it('keeps both sources’ first errors at the same instant, in a stable order', () => {
    const firsts = momentsOf(analysis, 'first_error');
    expect(firsts.map((m) => m.ts)).toEqual([errorsFrom, errorsFrom]);
    expect(new Set(firsts.map((m) => m.source))).toEqual(new Set(['nginx', 'app']));
    const again = analyze(events);
    expect(again.moments).toEqual(analysis.moments);
  });

  it('counts every tied request', () => {
    expect(analysis.sources.find((s) => s.source === 'nginx')?.requests).toBe(requests.length);
    expect(analysis.impact?.failedRequests).toBe(
      requests.filter((e) => e.attrs.status === 503).length,
    );
  });

  it('completes when every event has the same timestamp', () => {
    const ev = new Evidence(72);
    for (let i = 0; i < 500; i++)
      ev.access(t0, { status: i % 10 === 0 ? 500 : 200, latencyMs: 10 + (i % 13) });
    const a = analyze(ev.build());
    expect(a.window).toMatchObject({ from: t0, to: t0 + 1 });
    expect(a.series[0]?.points).toHaveLength(1);
    expect(a.moments.map((m) => m.kind)).toEqual(['first_error']);
    expect(a.moments[0]!.evidence).toEqual([{ file: 'nginx/access.log', line: 1 }]);
  });
});
