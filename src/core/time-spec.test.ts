import { describe, expect, it } from 'vitest';
import { parseTimeSpec } from './time-spec.js';
import { resolveZone, UTC } from './zone.js';

const now = Date.parse('2026-11-22T19:45:30Z');
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('parseTimeSpec', () => {
  it('reads absolute times, with and without zones', () => {
    expect(iso(parseTimeSpec('2026-11-22T19:40:00Z', now, UTC))).toBe('2026-11-22T19:40:00.000Z');
    expect(iso(parseTimeSpec('2026-11-22 19:40', now, UTC))).toBe('2026-11-22T19:40:00.000Z');
    expect(iso(parseTimeSpec('2026-11-22 21:40:05', now, resolveZone('Europe/Helsinki')!))).toBe(
      '2026-11-22T19:40:05.000Z',
    );
    expect(iso(parseTimeSpec('2026-11-22T21:40:00+02:00', now, UTC))).toBe(
      '2026-11-22T19:40:00.000Z',
    );
    expect(iso(parseTimeSpec('2026-11-22', now, UTC))).toBe('2026-11-22T00:00:00.000Z');
    expect(iso(parseTimeSpec('@1795376451', now, UTC))).toBe('2026-11-22T19:40:51.000Z');
  });

  it('reads words and clock times relative to today in the zone', () => {
    expect(iso(parseTimeSpec('now', now, UTC))).toBe('2026-11-22T19:45:30.000Z');
    expect(iso(parseTimeSpec('today', now, UTC))).toBe('2026-11-22T00:00:00.000Z');
    expect(iso(parseTimeSpec('yesterday', now, UTC))).toBe('2026-11-21T00:00:00.000Z');
    expect(iso(parseTimeSpec('tomorrow', now, UTC))).toBe('2026-11-23T00:00:00.000Z');
    expect(iso(parseTimeSpec('19:40', now, UTC))).toBe('2026-11-22T19:40:00.000Z');
    // In Tokyo it is already the 23rd.
    expect(iso(parseTimeSpec('today', now, resolveZone('Asia/Tokyo')!))).toBe(
      '2026-11-22T15:00:00.000Z',
    );
  });

  it('reads relative offsets', () => {
    expect(iso(parseTimeSpec('-2h', now, UTC))).toBe('2026-11-22T17:45:30.000Z');
    expect(iso(parseTimeSpec('+15min', now, UTC))).toBe('2026-11-22T20:00:30.000Z');
    expect(iso(parseTimeSpec('1h 30min ago', now, UTC))).toBe('2026-11-22T18:15:30.000Z');
    expect(iso(parseTimeSpec('-1d', now, UTC))).toBe('2026-11-21T19:45:30.000Z');
  });

  it('rejects what it cannot read', () => {
    for (const bad of ['soon', '-2 fortnights', '2026-13-01', '', 'ago']) {
      expect(parseTimeSpec(bad, now, UTC), bad).toBeUndefined();
    }
  });
});
