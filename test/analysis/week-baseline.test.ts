/**
 * A week-earlier baseline: the evidence also covers the same hours one week before the incident
 * window (sampled more lightly), so `baseline: 'week'` (the CLI's `--baseline week`) compares the
 * impact period with that period, and the hourly table has last week's counts.
 */
import { describe, expect, it } from 'vitest';
import type { AnalyzeOptions } from '../../src/analysis/analyze.js';
import { DAY, Evidence, HOUR, MINUTE, analyze, at, momentOf, story } from './synthetic.js';

const WEEK = 7 * DAY;
const from = at('2026-05-20T09:00:00Z');
const to = from + 3 * HOUR;
const errorsFrom = from + 90 * MINUTE;
const errorsTo = errorsFrom + 20 * MINUTE;
const RPS = 5;
const LAST_WEEK_RPS = 1;

function build(withLastWeek: boolean) {
  const ev = new Evidence(33);
  if (withLastWeek)
    ev.traffic(from - WEEK, to - WEEK, LAST_WEEK_RPS, (_ts, rng) => ({
      status: 200,
      latencyMs: rng.logNormal(30, 0.3),
    }));
  ev.traffic(from, to, RPS, (ts, rng) => ({
    status: ts >= errorsFrom && ts < errorsTo && rng.next() < 0.2 ? 502 : 200,
    latencyMs: rng.logNormal(30, 0.3),
  }));
  return ev.build();
}

const withWeek = build(true);
const run = (options: AnalyzeOptions, events = withWeek) =>
  analyze(events, { window: { from, to }, ...options });

describe('a week-earlier baseline', () => {
  const analysis = run({ baseline: 'week' });

  it('keeps the window and finds the incident inside it', () => {
    // The window ends where the evidence does, at most `to`.
    expect(analysis.window!.from).toBe(from);
    expect(analysis.window!.to).toBeLessThanOrEqual(to);
    expect(analysis.window!.to).toBeGreaterThan(to - MINUTE);
    const onset = momentOf(analysis, 'onset');
    expect(onset, story(analysis)).toBeDefined();
    expect(Math.abs(onset!.ts - errorsFrom)).toBeLessThanOrEqual(analysis.window!.bucketMs);
    // Nothing of last week is a moment of this incident.
    expect(analysis.moments.every((m) => m.ts >= from && m.ts < to)).toBe(true);
  });

  it('compares the impact period with the same period a week earlier', () => {
    const t = analysis.traffic.find((x) => x.source === 'nginx');
    expect(t?.baselineKind).toBe('week');
    expect(t!.baseline!.from).toBe(t!.incident.from - WEEK);
    expect(t!.baseline!.to).toBe(t!.incident.to - WEEK);
    expect(t!.baseline!.serverErrors).toBe(0);
    expect(t!.incident.serverErrors).toBeGreaterThan(0);
    // 5 rps now against 1 rps sampled last week; whole buckets only, hence the tolerance.
    expect(t!.rateRatio).toBeGreaterThan(4);
    expect(t!.rateRatio).toBeLessThan(6);
  });

  it("lists each hour of the window beside last week's", () => {
    const hourly = analysis.hourly.find((h) => h.source === 'nginx');
    expect(hourly?.hours.map((h) => h.hour)).toEqual([from, from + HOUR, from + 2 * HOUR]);
    for (const h of hourly!.hours) {
      expect(h.requests).toBeGreaterThan(0.95 * RPS * 3600);
      expect(h.lastWeek).not.toBeNull();
      expect(h.lastWeek!).toBeGreaterThan(0.95 * LAST_WEEK_RPS * 3600);
      expect(h.lastWeek!).toBeLessThan(1.05 * LAST_WEEK_RPS * 3600);
    }
  });

  it("reports last week's events as outside the window, not as a gap", () => {
    const s = analysis.sources.find((x) => x.source === 'nginx')!;
    expect(s.events - s.inWindow).toBeGreaterThan(0.95 * LAST_WEEK_RPS * 3 * 3600);
    expect(s.first).toBeGreaterThanOrEqual(from);
    expect(analysis.gaps.filter((g) => g.kind === 'no-events-in-window')).toEqual([]);
  });

  it("prefers last week under 'auto' too, and the period before under 'prev'", () => {
    expect(run({}).traffic.find((x) => x.source === 'nginx')?.baselineKind).toBe('week');
    const prev = run({ baseline: 'prev' }).traffic.find((x) => x.source === 'nginx');
    expect(prev?.baselineKind).toBe('prev');
    expect(prev!.baseline!.to).toBe(prev!.incident.from);
  });

  it('has no week baseline when the evidence does not reach back a week', () => {
    const events = build(false);
    const week = run({ baseline: 'week' }, events);
    expect(week.traffic.find((x) => x.source === 'nginx')?.baselineKind).toBe('none');
    expect(week.hourly.find((h) => h.source === 'nginx')?.hours.map((h) => h.lastWeek)).toEqual([
      null,
      null,
      null,
    ]);
    expect(run({}, events).traffic.find((x) => x.source === 'nginx')?.baselineKind).toBe('prev');
  });

  it('finds an incident that starts in the leading third of the window against last week', () => {
    const early = from + 20 * MINUTE;
    const ev = new Evidence(34);
    ev.traffic(from - WEEK, to - WEEK, LAST_WEEK_RPS, (_ts, rng) => ({
      status: 200,
      latencyMs: rng.logNormal(30, 0.3),
    }));
    const requests = ev.traffic(from, to, RPS, (ts, rng) => ({
      status: ts >= early && ts < early + HOUR && rng.next() < 0.2 ? 502 : 200,
      latencyMs: rng.logNormal(30, 0.3),
    }));
    const a = run({ baseline: 'week' }, ev.build());
    const first5xx = requests.find((e) => e.attrs.status === 502)!;
    const onset = momentOf(a, 'onset');
    expect(onset, story(a)).toBeDefined();
    expect(Math.abs(onset!.ts - first5xx.ts)).toBeLessThanOrEqual(a.window!.bucketMs);
  });
});
