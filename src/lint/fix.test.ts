import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document/index.js';
import { fixText, selectFixes } from './fix.js';
import type { LintFinding } from './linter.js';

const now = Date.parse('2026-03-10T00:00:00Z');
const kinds = (text: string): string[] => parseDocument(text).sections.map((s) => s.kind);

/** Whether `small` appears in `big` in order (every character kept). */
function subsequence(small: string, big: string): boolean {
  let j = 0;
  for (let i = 0; i < big.length && j < small.length; i++) if (big[i] === small[j]) j++;
  return j === small.length;
}

describe('fixText', () => {
  it('adds missing required sections in template order, and is idempotent', () => {
    const text = '# Outage\n\n## Summary\n\nS.\n\n## Action items\n\n- Add the check (owner: @a)\n';
    const { text: fixed, fixed: applied, result } = fixText(text, { now });
    expect(kinds(fixed)).toEqual(['summary', 'impact', 'timeline', 'root-cause', 'action-items']);
    expect(applied.map((f) => f.data?.section)).toEqual([
      'Impact',
      'Timeline',
      'Root cause or Contributing factors',
    ]);
    expect(fixed).toContain('## Impact\n\n<!-- Numbers:');
    expect(
      result.findings.filter((f) => f.messageId === 'missing' && f.ruleId === 'required-sections'),
    ).toEqual([]);
    expect(fixText(fixed, { now }).text).toBe(fixed);
  });

  it('leaves a text with nothing to fix as it is', () => {
    const text = '# X\n\nno sections at all, CRLF\r\n';
    expect(fixText('', { now }).fixed.length).toBeGreaterThan(0);
    expect(subsequence(text, fixText(text, { now }).text)).toBe(true);
  });

  it('keeps CRLF line endings', () => {
    const text = '# Outage\r\n\r\n## Summary\r\n\r\nS.\r\n';
    const fixed = fixText(text, { now }).text;
    expect(fixed.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('selectFixes', () => {
  const finding = (start: number, end: number): LintFinding =>
    ({ fix: [{ start, end, text: 'x' }] }) as unknown as LintFinding;

  it('takes fixes that do not overlap or touch', () => {
    const a = finding(0, 5);
    const b = finding(3, 8);
    const c = finding(5, 5);
    const d = finding(9, 9);
    expect(selectFixes([d, b, a, c])).toEqual([a, d]);
  });
});

const HEADINGS = [
  'Summary',
  'Impact',
  'Timeline',
  'Root cause',
  'Contributing factors',
  'Action items',
  'Lessons learned',
  'Attendees',
  'Stats',
  'What went well',
];
const word = fc.constantFrom(
  'the',
  'pool',
  'broke',
  '14:02',
  'UTC',
  '-',
  '*',
  '|',
  '`x`',
  '#',
  '>',
  '1.',
  '---',
  'TBD',
  '<!-- c -->',
  'é',
  '🙂',
);
const line = fc.array(word, { maxLength: 8 }).map((ws) => ws.join(' '));
const body = fc.array(line, { maxLength: 5 }).map((ls) => ls.join('\n'));
const section = fc.record({
  heading: fc.constantFrom(...HEADINGS),
  depth: fc.constantFrom(1, 2, 3),
  body,
});
const docArb = fc.record({
  title: fc.boolean(),
  frontMatter: fc.boolean(),
  sections: fc.array(section, { maxLength: 7 }),
  crlf: fc.boolean(),
  trailingNewline: fc.boolean(),
});

describe('fixText (property)', () => {
  it('keeps the section kinds and every character of the original', () => {
    fc.assert(
      fc.property(docArb, (d) => {
        let text = d.frontMatter ? '---\ntitle: X\n---\n' : '';
        if (d.title) text += '# Outage\n\n';
        text += d.sections
          .map((s) => `${'#'.repeat(s.depth)} ${s.heading}\n\n${s.body}\n`)
          .join('\n');
        if (!d.trailingNewline) text = text.replace(/\n+$/, '');
        if (d.crlf) text = text.replace(/\n/g, '\r\n');
        const before = kinds(text);
        const { text: fixed } = fixText(text, { now });
        // Nothing the author wrote is lost: the fixes only insert.
        expect(subsequence(text, fixed)).toBe(true);
        // The sections that were there are still there, in the same order.
        const after = kinds(fixed);
        let k = 0;
        for (const kind of after) if (kind === before[k]) k++;
        expect(k).toBe(before.length);
      }),
      { numRuns: 150 },
    );
  });
});
