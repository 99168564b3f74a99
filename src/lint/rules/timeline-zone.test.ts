import { describe, expect, it } from 'vitest';
import { ids, runRule } from '../testing.js';

const rule = 'timeline-zone';
const table = (header: string, note = ''): string =>
  `# X\n\n## Timeline\n\n${note}| ${header} | Event |\n| --- | --- |\n| 2026-03-04 14:02 | a |\n| 2026-03-04 14:06 | b |\n`;

describe(rule, () => {
  it('reports times without a zone, once per table', () => {
    const found = runRule(rule, table('Time'));
    expect(found.map((f) => f.messageId)).toEqual(['missingZone']);
    expect(found[0]?.data).toMatchObject({ count: 2 });
  });

  it('reports a zone other than UTC at the note that sets it', () => {
    const [f] = runRule(rule, table('Time', 'All times in CET.\n\n'));
    expect(f?.messageId).toBe('notUtc');
    expect(f?.place.line).toBe(5);
  });

  it('accepts UTC from the header, a note or the cell', () => {
    expect(ids(rule, table('Time (UTC)'))).toEqual([]);
    expect(ids(rule, table('Time', 'All times in UTC.\n\n'))).toEqual([]);
    expect(ids(rule, '# X\n\n## Timeline\n\n- **16:58 UTC** - a\n- **17:02 UTC** - b\n')).toEqual(
      [],
    );
  });

  it('accepts other zones when allowOtherZones is set', () => {
    expect(
      ids(rule, table('Time', 'All times in CET.\n\n'), { options: { allowOtherZones: true } }),
    ).toEqual([]);
  });
});
