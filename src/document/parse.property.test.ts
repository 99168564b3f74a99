/** Property: any text parses without throwing, and every span the model reports points into the text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from './parse.js';
import { LineIndex, type Span } from './span.js';
import type { PostmortemDocument } from './types.js';

const TOKENS = [
  '---\n',
  '# ',
  '## Timeline\n',
  '## Action items\n',
  '### Immediate\n',
  '## Contributing factors\n',
  '## Impact\n',
  '## Five whys\n',
  '| Time | Event |\n',
  '|---|---|\n',
  '| 10:00 UTC | x |\n',
  '| ',
  ' |',
  '- ',
  '1. ',
  '- [ ] ',
  '**',
  '`',
  '```\n',
  '\n',
  '\n\n',
  'title: x\n',
  'status: [\n',
  'owner: @a ',
  '2026-11-22 19:40',
  ' CET',
  'HH:mm',
  '78% ',
  '数据库 ',
  'é',
  '\r\n',
  '\r',
  '\uFEFF',
  '<!-- c -->',
  '> ',
  ':',
];

function spans(doc: PostmortemDocument): Span[] {
  const out: Span[] = [];
  for (const s of doc.sections) out.push(s.span, s.headingSpan, s.bodySpan);
  for (const e of doc.timeline?.entries ?? []) out.push(e.span, e.time.span, e.event.span);
  for (const i of doc.actionItems?.items ?? [])
    out.push(i.span, ...Object.values(i.cells).map((c) => c.span));
  for (const f of doc.contributingFactors?.factors ?? []) out.push(f.span);
  for (const n of doc.impact?.numbers ?? []) out.push(n.span);
  for (const f of Object.values(doc.frontMatter?.fields ?? {})) out.push(f.key, f.value);
  return out;
}

describe('parse (property)', () => {
  it('never throws and reports consistent spans', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }), (tokens) => {
        const text = tokens.join('');
        const doc = parseDocument(text);
        expect(doc.diagnostics.filter((d) => d.ruleId === 'document/internal-error')).toEqual([]);
        const lines = new LineIndex(text);
        for (const s of spans(doc)) {
          expect(s.start.offset).toBeGreaterThanOrEqual(0);
          expect(s.end.offset).toBeGreaterThanOrEqual(s.start.offset);
          expect(s.end.offset).toBeLessThanOrEqual(text.length);
          expect(lines.point(s.start.offset)).toEqual(s.start);
          expect(lines.point(s.end.offset)).toEqual(s.end);
        }
      }),
      { numRuns: 400 },
    );
  });
});
