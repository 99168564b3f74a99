import { describe, expect, it } from 'vitest';
import { ids, runRule } from '../testing.js';

const rule = 'timeline-order';
const rows = (...times: string[]): string =>
  `# X\n\n## Timeline\n\n| Time (UTC) | Event |\n| --- | --- |\n${times.map((t) => `| ${t} | e |`).join('\n')}\n`;

describe(rule, () => {
  it('reports a row earlier than the one before', () => {
    const [f] = runRule(rule, rows('2026-03-04 14:02', '2026-03-04 14:31', '2026-03-04 14:06'));
    expect(f?.messageId).toBe('outOfOrder');
    expect(f?.place.line).toBe(9);
  });

  it('accepts ordered rows, placeholders, midnight crossings and the tolerance', () => {
    expect(ids(rule, rows('2026-03-04 14:02', '2026-03-04 14:06'))).toEqual([]);
    expect(ids(rule, rows('2026-03-04 14:02', 'HH:mm', '2026-03-04 14:06'))).toEqual([]);
    expect(
      ids(rule, '---\nstarted: 2026-03-04T23:50:00Z\n---\n' + rows('23:50', '00:10').slice(0)),
    ).toEqual([]);
    expect(
      ids(rule, rows('2026-03-04 14:06', '2026-03-04 14:05'), { options: { toleranceMinutes: 2 } }),
    ).toEqual([]);
  });
});
