import { describe, expect, it } from 'vitest';
import { ids } from '../testing.js';

const rule = 'follow-up-review';
const fm = (fields: string): string => `---\nresolved: 2026-03-04T14:55:00Z\n${fields}---\n# X\n`;

describe(rule, () => {
  it('reports no review, or one outside the window', () => {
    expect(ids(rule, fm(''))).toEqual(['missing']);
    expect(ids(rule, fm('follow_up_review: 2026-03-06\n'))).toEqual(['outsideWindow']);
    expect(ids(rule, fm('follow_up_review: 2026-06-01\n'))).toEqual(['outsideWindow']);
  });

  it('accepts about four weeks on, and a window from options', () => {
    expect(ids(rule, fm('follow_up_review: 2026-04-01\n'))).toEqual([]);
    expect(
      ids(rule, fm('follow_up_review: 2026-03-11\n'), { options: { minDays: 7, maxDays: 14 } }),
    ).toEqual([]);
  });
});
