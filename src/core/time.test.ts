import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatUtc, scanAnyTimestamp, scanIso, scanShortYear, YearInference } from './time.js';
import { resolveZone, UTC } from './zone.js';

const iso = (t: { ms: number } | undefined) => (t === undefined ? undefined : formatUtc(t.ms));
const year = () => 2026;

describe('timestamp scanners', () => {
  it('read the common shapes, with and without zones', () => {
    const cases: [string, string][] = [
      ['2026-11-22T19:40:42.584Z', '2026-11-22T19:40:42.584Z'],
      ['2026-11-22 21:40:42,584 +0200', '2026-11-22T19:40:42.584Z'],
      ['2026-11-22 19:40:42.841 UTC', '2026-11-22T19:40:42.841Z'],
      ['2026/11/22 19:40:42', '2026-11-22T19:40:42.000Z'],
      ['22/Nov/2026:19:40:42 +0000', '2026-11-22T19:40:42.000Z'],
      ['Sun, 22 Nov 2026 19:40:42 +0000', '2026-11-22T19:40:42.000Z'],
      // Tomcat's catalina.out (java.util.logging's OneLineFormatter)
      ['22-Nov-2026 19:40:42.584 SEVERE [main]', '2026-11-22T19:40:42.584Z'],
      ['Sun Nov 22 19:40:42 2026 +0000', '2026-11-22T19:40:42.000Z'],
      ['Nov 22 19:40:42', '2026-11-22T19:40:42.000Z'],
      ['1795376442584 x', '2026-11-22T19:40:42.584Z'],
      ['1795376442.5 x', '2026-11-22T19:40:42.500Z'],
    ];
    for (const [text, want] of cases)
      expect(iso(scanAnyTimestamp(text, 0, UTC, year)), text).toBe(want);
  });

  it('reads zone-less times in the zone given, across a DST change', () => {
    const berlin = resolveZone('Europe/Berlin')!;
    expect(iso(scanAnyTimestamp('2026-07-01 12:00:00', 0, berlin, year))).toBe(
      '2026-07-01T10:00:00.000Z',
    );
    expect(iso(scanAnyTimestamp('2026-12-01 12:00:00', 0, berlin, year))).toBe(
      '2026-12-01T11:00:00.000Z',
    );
  });

  it('reads the two-digit-year layouts of Spark and HDFS', () => {
    expect(iso(scanShortYear('17/06/09 20:10:40 INFO x', 0, UTC))).toBe('2017-06-09T20:10:40.000Z');
    expect(iso(scanShortYear('081109 203615 148 INFO x', 0, UTC))).toBe('2008-11-09T20:36:15.000Z');
    expect(scanShortYear('081109 2036159 x', 0, UTC)).toBeUndefined();
    expect(scanShortYear('17/13/09 20:10:40', 0, UTC)).toBeUndefined();
    expect(scanShortYear('123456 abcdef', 0, UTC)).toBeUndefined();
  });

  it('gives every time of a minute the same answer as a fresh conversion (the minute is cached)', () => {
    const zones = [
      UTC,
      resolveZone('Europe/Berlin')!,
      resolveZone('America/St_Johns')!,
      resolveZone('+05:45')!,
    ];
    const two = (n: number) => String(n).padStart(2, '0');
    const stamp = fc.record({
      y: fc.integer({ min: 1970, max: 2100 }),
      mo: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 31 }),
      h: fc.integer({ min: 0, max: 23 }),
      mi: fc.integer({ min: 0, max: 59 }),
      sec: fc.integer({ min: 0, max: 60 }),
      ms: fc.integer({ min: 0, max: 999 }),
      offset: fc.constantFrom('', 'Z', '+02:00', '-0330'),
      zone: fc.integer({ min: 0, max: zones.length - 1 }),
    });
    fc.assert(
      fc.property(fc.array(stamp, { minLength: 1, maxLength: 8 }), fc.nat(), (stamps, seed) => {
        // Repeat minutes, as logs do: each stamp is read, then again with other seconds.
        for (const t of stamps) {
          for (const sec of [t.sec, (t.sec + seed) % 60]) {
            const text = `${t.y}-${two(t.mo)}-${two(t.d)}T${two(t.h)}:${two(t.mi)}:${two(sec)}.${String(t.ms).padStart(3, '0')}${t.offset}`;
            const zone = zones[t.zone]!;
            const got = scanIso(text, 0, zone)!;
            const wall = Date.UTC(t.y, t.mo - 1, t.d, t.h, t.mi, sec, t.ms);
            const want =
              t.offset === ''
                ? zone.toUtc(t.y, t.mo, t.d, t.h, t.mi, sec, t.ms)
                : t.offset === 'Z'
                  ? wall
                  : t.offset === '+02:00'
                    ? wall - 120 * 60_000
                    : wall + 210 * 60_000;
            expect(got.ms, text).toBe(want);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rejects numbers that are not times', () => {
    for (const text of [
      '42 requests',
      '1234567 bytes',
      '2026-13-40T99:00:00Z',
      '12:30 lunch',
      // separators must agree
      '22-Nov 2026 19:40:42',
      '22 Nov-2026 19:40:42',
    ]) {
      expect(scanAnyTimestamp(text, 0, UTC, year), text).toBeUndefined();
    }
  });
});

describe('YearInference', () => {
  it('puts a file that ends in January in the previous December first', () => {
    const y = new YearInference(new Date('2027-01-03T10:00:00Z'));
    expect(y.yearFor(12)).toBe(2026);
    expect(y.yearFor(12)).toBe(2026);
    expect(y.yearFor(1)).toBe(2027);
  });
});
