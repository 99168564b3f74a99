import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';
import { AUTO_POINTS, chooseStep, MAX_POINTS_PER_REQUEST, splitRange } from './step.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('chooseStep', () => {
  it('picks the finest readable step that keeps a window under a few thousand points', () => {
    expect(chooseStep(30 * MIN)).toBe(1000);
    expect(chooseStep(2 * HOUR)).toBe(5000);
    expect(chooseStep(6 * HOUR)).toBe(15_000);
    expect(chooseStep(24 * HOUR)).toBe(60_000);
    expect(chooseStep(30 * 24 * HOUR)).toBe(30 * MIN);
    expect(chooseStep(400 * 24 * HOUR)).toBe(6 * HOUR);
    expect(chooseStep(20 * 365 * 24 * HOUR) % (24 * HOUR)).toBe(0);
  });

  it('never exceeds the points it aims at', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 * 365 * 24 * HOUR }), (span) => {
        expect(span / chooseStep(span)).toBeLessThanOrEqual(AUTO_POINTS);
      }),
    );
  });
});

describe('splitRange', () => {
  it('aligns to the step, keeps since and drops until', () => {
    expect(splitRange(10_000, 20_000, 5000)).toEqual([{ start: 10_000, end: 15_000 }]);
    expect(splitRange(10_001, 20_001, 5000)).toEqual([{ start: 15_000, end: 20_000 }]);
    expect(splitRange(10_001, 14_999, 5000)).toEqual([]);
  });

  it('covers every multiple of the step in [since, until) once, each request under the limit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2e12 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.constantFrom(1000, 5000, 15_000),
        fc.integer({ min: 2, max: 50 }),
        (since, points, step, per) => {
          const until = since + points * 997;
          const slices = splitRange(since, until, step, per);
          const times: number[] = [];
          for (const s of slices) {
            expect((s.end - s.start) / step + 1).toBeLessThanOrEqual(per);
            for (let t = s.start; t <= s.end; t += step) times.push(t);
          }
          const expected: number[] = [];
          for (let t = Math.ceil(since / step) * step; t < until; t += step) expected.push(t);
          expect(times).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('splits a day at 1 s into requests Prometheus accepts', () => {
    const slices = splitRange(0, 24 * HOUR, 1000);
    expect(slices).toHaveLength(Math.ceil(86_400 / MAX_POINTS_PER_REQUEST));
    for (const s of slices) expect((s.end - s.start) / 1000).toBeLessThanOrEqual(11_000);
  });
});

describe('durations', () => {
  it('reads what Prometheus accepts and refuses the rest', () => {
    expect(parseDuration('15s')).toBe(15_000);
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1h')).toBe(HOUR);
    expect(parseDuration(30)).toBe(30_000);
    expect(parseDuration('2.5')).toBe(2500);
    for (const bad of ['', '0s', 's', '1x', '30s1m', '-5s', '5 minutes']) {
      expect(parseDuration(bad)).toBeUndefined();
    }
    expect(parseDuration(0)).toBeUndefined();
  });

  it('prints the shortest spelling, which reads back the same', () => {
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(1500)).toBe('1s500ms');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e10 }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      }),
    );
  });
});
