/** Property: random edits, applied together, give the expected sections and leave every other byte alone. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyEdits,
  insertSection,
  replaceSectionBody,
  setActionItemCell,
  setFrontMatterField,
  type TextEdit,
} from './edit.js';
import { parseDocument } from './parse.js';
import type { Section } from './types.js';

const WORDS = [
  'pool',
  'exhausted',
  'déploiement',
  '数据库',
  'ошибка',
  '502',
  'at',
  'the',
  '✓',
  'UTC',
  'Ölfass',
];
const HEADINGS = [
  'Summary',
  'Impact',
  'Timeline',
  'Root cause',
  'Lessons learned',
  'Notes',
  'Zusammenfassung',
  '対応',
];

const sentence = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 })
  .map((w) => w.join(' '));

const block = fc.oneof(
  sentence,
  fc
    .array(sentence, { minLength: 1, maxLength: 3 })
    .map((items) => items.map((s) => `- ${s}`).join('\n')),
  sentence.map((s) => '```\n## not a heading ' + s + '\n```'),
  fc
    .array(sentence, { minLength: 1, maxLength: 3 })
    .map(
      (rows) =>
        '| Time | Event |\n| --- | --- |\n' +
        rows.map((r, i) => `| 10:0${i} UTC | ${r} |`).join('\n'),
    ),
);

interface Spec {
  heading: string;
  depth: 2 | 3;
  blocks: string[];
}

const sectionSpec = fc.record({
  heading: fc.constantFrom(...HEADINGS),
  depth: fc.constantFrom(2 as const, 3 as const),
  blocks: fc.array(block, { maxLength: 3 }),
});

const docSpec = fc.record({
  frontMatter: fc.boolean(),
  title: fc.boolean(),
  crlf: fc.boolean(),
  finalNewline: fc.boolean(),
  sections: fc.array(sectionSpec, { minLength: 1, maxLength: 6 }),
  actions: fc.array(sentence, { minLength: 1, maxLength: 3 }),
});

type DocSpec = typeof docSpec extends fc.Arbitrary<infer T> ? T : never;

function render(d: DocSpec): string {
  const parts: string[] = [];
  if (d.frontMatter) parts.push('---\n# keep me\nid: PM-1\ntags: [a, b]\nstatus: draft\n---');
  if (d.title) parts.push('# Incident títle');
  // The first section is level 2, so that level-3 ones always have a parent.
  const sections: Spec[] = d.sections.map((s, i) => (i === 0 ? { ...s, depth: 2 } : s));
  for (const s of sections) {
    parts.push(`${'#'.repeat(s.depth)} ${s.heading}`, ...s.blocks);
  }
  parts.push(
    '## Action items',
    '| ID | Action | Owner |\n| -- | ------ | ----- |\n' +
      d.actions.map((a, i) => `| ${i + 1} | ${a} |  |`).join('\n'),
  );
  let text = parts.join('\n\n');
  if (d.finalNewline) text += '\n';
  return d.crlf ? text.replace(/\n/g, '\r\n') : text;
}

/** The section and all sections nested in it. */
function subtree(sections: readonly Section[], s: Section): Set<number> {
  const out = new Set([s.index]);
  for (const x of sections) if (x.parent !== undefined && out.has(x.parent)) out.add(x.index);
  return out;
}

const editChoice = fc.record({
  status: fc.option(fc.constantFrom('in-review', 'published'), { nil: undefined }),
  replace: fc.array(
    fc.record({ at: fc.nat(), keep: fc.boolean(), body: fc.array(block, { maxLength: 2 }) }),
    {
      maxLength: 3,
    },
  ),
  insert: fc.option(fc.record({ at: fc.nat(), body: sentence }), { nil: undefined }),
  owner: fc.option(fc.record({ at: fc.nat(), name: sentence }), { nil: undefined }),
});

describe('edits (property)', () => {
  it('change only what they target', () => {
    fc.assert(
      fc.property(docSpec, editChoice, (spec, choice) => {
        const text = render(spec);
        const doc = parseDocument(text);
        const secs = doc.sections;
        const edits: TextEdit[] = [];
        const overlaps = (e: TextEdit): boolean =>
          edits.some((o) => e.start < o.end && o.start < e.end);
        const add = (es: TextEdit[]): boolean => {
          if (es.some(overlaps)) return false;
          edits.push(...es);
          return true;
        };

        if (choice.status) add(setFrontMatterField(doc, 'status', choice.status));
        // Replacements: the expected headings drop what a full replacement removes.
        let expected = secs.map((s) => ({
          heading: s.heading,
          index: s.index as number | undefined,
        }));
        const bodies = new Map<number, string>();
        for (const r of choice.replace) {
          const s = secs[r.at % secs.length]!;
          const body = r.body.join('\n\n');
          const keep = r.keep || !secs.some((x) => x.parent === s.index);
          if (!add(replaceSectionBody(doc, s, body, { keepSubsections: keep }))) continue;
          if (!keep) {
            const gone = subtree(secs, s);
            gone.delete(s.index);
            expected = expected.filter((e) => e.index === undefined || !gone.has(e.index));
          }
          bodies.set(s.index, body);
        }
        if (choice.insert) {
          const after = secs[choice.insert.at % secs.length]!;
          const ins = insertSection(doc, { heading: 'Inserted', after, body: choice.insert.body });
          if (add(ins)) {
            // It lands after every remaining section that starts before the insertion point.
            const at = ins[0]!.start;
            const pos = expected.filter(
              (e) => e.index !== undefined && secs[e.index]!.span.start.offset < at,
            ).length;
            expected.splice(pos, 0, { heading: 'Inserted', index: undefined });
          }
        }
        let owner: { row: number; name: string } | undefined;
        if (choice.owner) {
          const items = doc.actionItems?.items ?? [];
          const row = choice.owner.at % items.length;
          if (add(setActionItemCell(doc, items[row]!, 'owner', choice.owner.name)))
            owner = { row, name: choice.owner.name };
        }

        const out = applyEdits(text, edits);
        const again = parseDocument(out);
        expect(again.diagnostics).toEqual([]);
        expect(again.sections.map((s) => s.heading)).toEqual(expected.map((e) => e.heading));
        if (choice.status && doc.frontMatter)
          expect(again.frontMatter!.data.status).toBe(choice.status);
        for (const [index, body] of bodies) {
          const pos = expected.findIndex((e) => e.index === index);
          const s = again.sections[pos]!;
          const own = again.sections.find((x) => x.parent === s.index);
          const end = own
            ? own.span.start.offset - (own.span.start.column - 1)
            : s.bodySpan.end.offset;
          const written = out.slice(s.bodySpan.start.offset, end).replace(/\r\n/g, '\n').trim();
          expect(written).toBe(body.trim());
        }
        if (owner) expect(again.actionItems!.items[owner.row]!.cells.owner?.text).toBe(owner.name);
        // Every byte outside the edits is where it was, shifted by what the edits before it added.
        const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
        let from = 0;
        let shift = 0;
        for (const e of sorted) {
          expect(out.slice(from + shift, e.start + shift)).toBe(text.slice(from, e.start));
          shift += e.text.length - (e.end - e.start);
          from = e.end;
        }
        expect(out.slice(from + shift)).toBe(text.slice(from));
      }),
      { numRuns: 300 },
    );
  });
});
