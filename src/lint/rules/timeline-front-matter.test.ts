import { describe, expect, it } from 'vitest';
import { ids, runRule } from '../testing.js';

const rule = 'timeline-front-matter';
const doc = (detected: string): string =>
  `---\ndetected: ${detected}\n---\n# X\n\n## Timeline\n\n| Time (UTC) | Event |\n| --- | --- |\n| 2026-03-04 14:06 | Alert fires |\n`;

describe(rule, () => {
  it('reports a front-matter time with no row near it', () => {
    const [f] = runRule(rule, doc('2026-03-04T15:30:00Z'));
    expect(f?.messageId).toBe('disagrees');
    expect(f?.data).toMatchObject({ field: 'detected' });
    expect(f?.place.line).toBe(2);
  });

  it('accepts a row within the tolerance', () => {
    expect(ids(rule, doc('2026-03-04T14:08:00Z'))).toEqual([]);
    expect(ids(rule, doc('2026-03-04T14:30:00Z'), { options: { toleranceMinutes: 30 } })).toEqual(
      [],
    );
  });
});
