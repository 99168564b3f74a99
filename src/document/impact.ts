/** Impact: the section's text and the numbers in it (`78%`, `305 teams`, `5 hours 26 minutes`). */
import type { Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { topSections, type PartContext } from './part-context.js';
import { spanOf } from './span.js';
import type { Impact, ImpactNumber } from './types.js';

const NUMBER =
  /(?<![\p{L}\p{N}_.,:/#@$-])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([kKMB](?![\p{L}\p{N}]))?(?!\d|[.,:/-]\d|\p{L})/gu;
const UNIT = /^(?:\s?(%)|\s(?:of\s)?([\p{L}][\p{L}-]*))/u;
const MONTH = /(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*$/i;
// Words after a number that are not what it counts.
const STOPWORDS = new Set([
  'at',
  'on',
  'in',
  'to',
  'and',
  'or',
  'the',
  'of',
  'from',
  'by',
  'for',
  'with',
  'was',
  'were',
  'is',
  'are',
  'a',
  'an',
  'as',
]);
const SCALE: Readonly<Record<string, number>> = { k: 1e3, K: 1e3, M: 1e6, B: 1e9 };

/** Numbers in a piece of text, with the offsets they were found at. */
export function numbersIn(
  text: string,
): { text: string; value: number; unit?: string; index: number }[] {
  const out: { text: string; value: number; unit?: string; index: number }[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const whole = m[1]!.replace(/,/g, '');
    const value = Number(whole + (m[2] ?? '')) * (m[3] ? SCALE[m[3]]! : 1);
    if (!Number.isFinite(value)) continue;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    const u = UNIT.exec(after);
    const word = u ? (u[1] ?? u[2]!.toLowerCase()) : undefined;
    const unit = word !== undefined && STOPWORDS.has(word) ? undefined : word;
    // Years and days of the month are dates, not impact.
    if (!unit && !m[2] && value >= 1900 && value <= 2100) continue;
    if (MONTH.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    const end = m.index + m[0].length + (u && unit ? u[0].length : 0);
    out.push({
      text: text.slice(m.index, end).trim(),
      value,
      ...(unit ? { unit } : {}),
      index: m.index,
    });
  }
  return out;
}

export function readImpact(ctx: PartContext): Impact | undefined {
  const sections = topSections(ctx.sections, 'impact');
  if (sections.length === 0) return undefined;
  const numbers: ImpactNumber[] = [];
  for (const section of sections) {
    for (const node of section.nodes) {
      visit(node, 'text', (t: Text) => {
        const base = spanOf(t).start.offset;
        for (const n of numbersIn(t.value)) {
          // Text nodes map one to one onto the source unless they held escapes or entities.
          const start = ctx.text.startsWith(n.text, base + n.index) ? base + n.index : base;
          const end = start === base + n.index ? start + n.text.length : spanOf(t).end.offset;
          numbers.push({
            text: n.text,
            value: n.value,
            ...(n.unit ? { unit: n.unit } : {}),
            span: ctx.lines.span(start, end),
          });
        }
      });
    }
  }
  return {
    sections: sections.map((s) => s.index),
    text: sections.map((s) => s.text).join('\n'),
    numbers,
  };
}
