import { describe, expect, it } from 'vitest';
import { ids } from '../testing.js';

const rule = 'action-items-prevent-detect';
const table = (...types: string[]): string =>
  `# X\n\n## Action items\n\n| Action | Type |\n| --- | --- |\n${types.map((t, i) => `| Item ${i} | ${t} |`).join('\n')}\n`;

describe(rule, () => {
  it('reports typed items with no prevent or detect among them', () => {
    expect(ids(rule, table('mitigate', 'process'))).toEqual(['none']);
  });

  it('accepts a prevent or detect item, or items without types', () => {
    expect(ids(rule, table('mitigate', 'detect'))).toEqual([]);
    expect(ids(rule, table('prevention'))).toEqual([]);
    expect(ids(rule, table('', ''))).toEqual([]);
  });
});
