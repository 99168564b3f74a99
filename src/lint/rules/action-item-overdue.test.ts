import { describe, expect, it } from 'vitest';
import { ids, runRule } from '../testing.js';

const rule = 'action-item-overdue';
const table = (due: string, status: string): string =>
  `# X\n\n## Action items\n\n| Action | Due | Status |\n| --- | --- | --- |\n| Add the check | ${due} | ${status} |\n`;

describe(rule, () => {
  it('reports an open item past its due date', () => {
    const [f] = runRule(rule, table('2026-05-01', 'open'), { now: '2026-06-01' });
    expect(f?.messageId).toBe('overdue');
    expect(f?.data).toMatchObject({ due: '2026-05-01' });
    expect(f?.place).toMatchObject({ line: 7, column: 19 });
  });

  it('accepts items due later, due today, done, or within the grace days', () => {
    expect(ids(rule, table('2026-07-01', 'open'), { now: '2026-06-01' })).toEqual([]);
    expect(ids(rule, table('2026-06-01', 'open'), { now: '2026-06-01T18:00:00Z' })).toEqual([]);
    expect(ids(rule, table('2026-05-01', 'done'), { now: '2026-06-01' })).toEqual([]);
    expect(
      ids(rule, table('2026-05-25', 'open'), { now: '2026-06-01', options: { graceDays: 14 } }),
    ).toEqual([]);
  });
});
