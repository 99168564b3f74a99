import { describe, expect, it } from 'vitest';
import { readIsoTime, resolveParts, timeParts } from './time-text.js';

describe('timeParts', () => {
  it.each([
    ['2024-03-13 10:01', { date: { y: 2024, mo: 3, d: 13 }, time: { h: 10, mi: 1 } }],
    ['16:58 UTC', { time: { h: 16, mi: 58 }, zone: { name: 'UTC' } }],
    ['Jan 14, 5:33 PM', { date: { y: 0, mo: 1, d: 14 }, time: { h: 17, mi: 33 } }],
    ['22:30 UTC (Oct 29)', { date: { y: 0, mo: 10, d: 29 }, zone: { name: 'UTC' } }],
    ['3 November 2026 09:15 +01:00', { date: { y: 2026, mo: 11, d: 3 }, zone: { name: '+01:00' } }],
    ['2026-11-22T19:40:42.5Z', { time: { h: 19, mi: 40, s: 42, ms: 500 }, zone: { name: 'Z' } }],
    ['12:00 AM CEST', { time: { h: 0 }, zone: { name: 'CEST' } }],
  ])('%s', (text, expected) => {
    expect(timeParts(text)).toMatchObject(expected);
  });

  it('flags placeholders', () => {
    for (const t of ['HH:mm', '2024-03-13 HH:mm', '14:??', '--:--', 'TBD', '20xx-MM-DD'])
      expect(timeParts(t).placeholder, t).toBe(true);
    expect(timeParts('10:00').placeholder).toBe(false);
  });

  it('resolves against a context date and zone', () => {
    const p = timeParts('10:00');
    expect(resolveParts(p, { y: 2026, mo: 1, d: 2 }, undefined)).toBe(Date.UTC(2026, 0, 2, 10));
    expect(resolveParts(p, undefined, undefined)).toBeUndefined();
    expect(resolveParts(timeParts('2026-01-02 10:00 CET'), undefined, undefined)).toBe(
      Date.UTC(2026, 0, 2, 9),
    );
  });
});

describe('readIsoTime', () => {
  it('reads ISO 8601 with and without a zone, and dates', () => {
    expect(readIsoTime('2026-11-22T19:40:42+02:00')).toMatchObject({
      zoned: true,
      ms: Date.UTC(2026, 10, 22, 17, 40, 42),
    });
    expect(readIsoTime('2026-11-22 19:40')).toMatchObject({ zoned: false });
    expect(readIsoTime('2026-11-22')).toMatchObject({ dateOnly: true });
    expect(readIsoTime('2026-13-40')).toBeUndefined();
    expect(readIsoTime('yesterday')).toBeUndefined();
    expect(readIsoTime('2026-11-22T19:40:42Z trailing')).toBeUndefined();
  });
});
