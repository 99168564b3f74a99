/** The cases every "action item lacks a field" rule shares (owner, due, priority, type). */
import { expect, it } from 'vitest';
import { ids, runRule } from '../testing.js';

/** `column` is the table header of the field; `value` a value that fills it. */
export function missingFieldCases(rule: string, column: string, value: string): void {
  const table = (cell: string): string =>
    `# X\n\n## Action items\n\n| Action | ${column} | Status |\n| --- | --- | --- |\n| Add the range check | ${cell} | open |\n`;

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
    expect(ids(rule, table(value))).toEqual([]);
  });

  it('leaves done items and empty template rows alone', () => {
    expect(ids(rule, '# X\n\n## Action items\n\n- [x] Add the range check\n')).toEqual([]);
    expect(
      ids(rule, '# X\n\n## Action items\n\n- Added the range check to the pipeline\n'),
    ).toEqual([]);
    expect(
      ids(rule, `# X\n\n## Action items\n\n| Action | ${column} |\n| --- | --- |\n|  |  |\n`),
    ).toEqual([]);
  });
}
