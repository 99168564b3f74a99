import { describe, expect, it } from 'vitest';
import { UTC } from '../../core/zone.js';
import { UsageError } from '../../errors.js';
import { parseBaseline } from './analyze.js';

describe('--baseline', () => {
  it('takes auto, prev and week', () => {
    expect(parseBaseline('auto')).toBe('auto');
    expect(parseBaseline('WEEK')).toBe('week');
    expect(parseBaseline('prev')).toBe('prev');
  });

  it('takes a range in the forms --since takes', () => {
    expect(parseBaseline('2026-11-15 19:30..2026-11-15T19:50:00Z', UTC)).toEqual({
      from: Date.parse('2026-11-15T19:30:00Z'),
      to: Date.parse('2026-11-15T19:50:00Z'),
    });
  });

  it('refuses what it cannot read, and ranges that end before they start', () => {
    expect(() => parseBaseline('yesterday-ish')).toThrow(UsageError);
    expect(() => parseBaseline('2026-11-15 19:50..2026-11-15 19:30')).toThrow(UsageError);
  });
});
