import { describe, expect, it } from 'vitest';
import { ids } from '../testing.js';

const rule = 'timeline-placeholder';
const row = (time: string, event = 'Something happened'): string =>
  `# X\n\n## Timeline\n\nAll times in UTC.\n\n| Time | Event |\n| --- | --- |\n| ${time} | ${event} |\n`;

describe(rule, () => {
  it.each(['2024-03-13 HH:mm', '2024-03-13 14:??', 'YYYY-MM-DD HH:mm', 'TBD'])(
    'reports %s',
    (t) => {
      expect(ids(rule, row(t))).toEqual(['time']);
    },
  );

  it('reports a placeholder event', () => {
    expect(ids(rule, row('2024-03-13 14:02', 'TBD'))).toEqual(['event']);
  });

  it('accepts real times', () => {
    expect(ids(rule, row('2024-03-13 14:02'))).toEqual([]);
  });
});
