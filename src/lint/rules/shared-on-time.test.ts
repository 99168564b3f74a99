import { describe, expect, it } from 'vitest';
import { ids } from '../testing.js';

const rule = 'shared-on-time';
const fm = (fields: string): string => `---\nresolved: 2026-03-04T14:55:00Z\n${fields}---\n# X\n`;

describe(rule, () => {
  it('reports a postmortem shared late, or not shared after the window', () => {
    expect(ids(rule, fm('shared: 2026-03-10\n'))).toEqual(['late']);
    expect(ids(rule, fm(''), { now: '2026-03-10T00:00:00Z' })).toEqual(['notShared']);
  });

  it('accepts sharing within the window, and a draft still inside it', () => {
    expect(ids(rule, fm('shared: 2026-03-06\n'))).toEqual([]);
    expect(ids(rule, fm(''), { now: '2026-03-05T00:00:00Z' })).toEqual([]);
    expect(ids(rule, fm('shared: 2026-03-10\n'), { options: { hours: 168 } })).toEqual([]);
  });

  it('needs a resolution time', () => {
    expect(ids(rule, '# X\n')).toEqual([]);
  });
});
