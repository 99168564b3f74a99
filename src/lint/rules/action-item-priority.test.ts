import { describe, expect, it } from 'vitest';
import { ids, runRule } from '../testing.js';

const rule = 'action-item-priority';
const table = (value: string): string =>
  `# X\n\n## Action items\n\n| Action | Priority | Status |\n| --- | --- | --- |\n| Add the range check | ${value} | open |\n`;

describe(rule, () => {
  it('reports an open item without one', () => {
    expect(ids(rule, table(''))).toEqual(['missing']);
    expect(
      ids(rule, '# X\n\n## Action items\n\n- Add the range check to the deploy pipeline\n'),
    ).toEqual(['missing']);
  });

  it('points at the action', () => {
    const [f] = runRule(rule, table(''));
    expect(f?.place).toMatchObject({ line: 7, column: 3 });
  });

  it('accepts an item that has one', () => {
    expect(ids(rule, table('P2'))).toEqual([]);
  });

  it('leaves done items and empty template rows alone', () => {
    expect(ids(rule, '# X\n\n## Action items\n\n- [x] Add the range check\n')).toEqual([]);
    expect(
      ids(rule, '# X\n\n## Action items\n\n- Added the range check to the pipeline\n'),
    ).toEqual([]);
    expect(
      ids(rule, '# X\n\n## Action items\n\n| Action | Priority |\n| --- | --- |\n|  |  |\n'),
    ).toEqual([]);
  });

  it('takes a priority from the heading above', () => {
    expect(ids(rule, '# X\n\n## Action items\n\n### Short-term\n\n- Add the check\n')).toEqual([]);
    expect(ids(rule, '# X\n\n## Action items\n\n- (P1) Add the check\n')).toEqual([]);
  });
});
