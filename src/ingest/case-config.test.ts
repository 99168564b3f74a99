import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { parseCaseConfig, parseClockOffset } from './case-config.js';

describe('the case file', () => {
  it('reads sources with zones, boot times and clock offsets', () => {
    const c = parseCaseConfig(
      [
        'title: t',
        'window: { since: "2026-11-22 19:35", until: "2026-11-22 19:50" }',
        'sources:',
        '  - { name: nginx, path: nginx/access.log, tz: Europe/Berlin }',
        '  - { name: worker, path: w.log, clock_offset: -2s }',
        '  - { name: db, path: db.log, clock_offset: 1.5 }',
      ].join('\n'),
      'aftermath.yaml',
    );
    expect(c.window?.since).toBe('2026-11-22 19:35');
    expect(c.sources.map((s) => s.clock_offset)).toEqual([undefined, '-2s', 1.5]);
  });

  it('names the file and the field of a mistake', () => {
    expect(() => parseCaseConfig('sources:\n  - { name: x }\n', 'case/aftermath.yaml')).toThrow(
      ConfigError,
    );
    expect(() => parseCaseConfig('sources:\n  - { name: x }\n', 'case/aftermath.yaml')).toThrow(
      /case\/aftermath\.yaml: sources\.0\.path/,
    );
  });
});

describe('clock_offset', () => {
  it('takes seconds, minutes, hours and milliseconds, signed', () => {
    expect(parseClockOffset('-2s')).toBe(-2000);
    expect(parseClockOffset('+1h')).toBe(3_600_000);
    expect(parseClockOffset('350ms')).toBe(350);
    expect(parseClockOffset('1.5 min')).toBe(90_000);
    expect(parseClockOffset(2.5)).toBe(2500);
    expect(parseClockOffset('soon')).toBeUndefined();
  });
});
