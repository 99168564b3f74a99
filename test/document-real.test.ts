/** The document parser on real public postmortems (DFDS, PostHog) from ../shared/postmortems, when present. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument, type PostmortemDocument } from '../src/document/index.js';

const dir = join(import.meta.dirname, '../../shared/postmortems');
const present = existsSync(dir);
if (!present) console.warn(`skipping the real-postmortem suite: ${dir} is missing`);

function load(): { name: string; text: string; doc: PostmortemDocument }[] {
  const out: { name: string; text: string; doc: PostmortemDocument }[] = [];
  for (const sub of readdirSync(dir).sort()) {
    const folder = join(dir, sub);
    if (!existsSync(folder) || !readdirSync(folder).length) continue;
    for (const f of readdirSync(folder).sort()) {
      if (!f.endsWith('.md')) continue;
      const name = `${sub}/${f}`;
      const text = readFileSync(join(folder, f), 'utf8');
      out.push({ name, text, doc: parseDocument(text, { source: name }) });
    }
  }
  return out;
}

describe.skipIf(!present)('real postmortems', () => {
  const docs = present ? load() : [];
  const dfds = docs.filter((d) => d.name.startsWith('dfds/') && !d.name.includes('PMyyyy'));

  it('parses every document without throwing or complaining', () => {
    expect(docs.length).toBeGreaterThanOrEqual(45);
    for (const { name, doc } of docs) expect(doc.diagnostics, name).toEqual([]);
  });

  it('prints what it found', () => {
    const lines = docs.map(({ name, doc }) => {
      const known = doc.sections.filter((s) => s.kind !== 'other');
      const t = doc.timeline?.entries ?? [];
      return [
        name.padEnd(58),
        `sections ${known.length}/${doc.sections.length}`.padEnd(15),
        `timeline ${t.length} (${t.filter((e) => e.ms !== undefined).length} timed, ${t.filter((e) => e.zoned).length} zoned)`.padEnd(
          34,
        ),
        `actions ${doc.actionItems?.items.length ?? 0}`.padEnd(11),
        `factors ${doc.contributingFactors?.factors.length ?? 0}`,
      ].join(' ');
    });
    const all = docs.flatMap((d) => d.doc.timeline?.entries ?? []);
    const items = docs.flatMap((d) => d.doc.actionItems?.items ?? []);
    lines.push(
      `${docs.length} documents, ${docs.reduce((n, d) => n + d.doc.sections.length, 0)} sections ` +
        `(${docs.reduce((n, d) => n + d.doc.sections.filter((s) => s.kind !== 'other').length, 0)} known), ` +
        `${all.length} timeline rows (${all.filter((e) => e.ms !== undefined).length} timed, ` +
        `${all.filter((e) => e.placeholder).length} placeholders, ${all.filter((e) => e.zone === 'CET').length} in CET), ` +
        `${items.length} action items (${items.filter((i) => i.cells.owner).length} with an owner)`,
    );
    console.log(lines.join('\n'));
  });

  it('finds the sections of every document that has headings', () => {
    for (const { name, text, doc } of docs) {
      if (/^#{1,3} |\n(?:=+|-{3,})\n/m.test(text))
        expect(doc.sections.length, name).toBeGreaterThan(0);
    }
    for (const { name, doc } of dfds) {
      const kinds = new Set(doc.sections.map((s) => s.kind));
      for (const k of ['summary', 'timeline', 'action-items', 'lessons-learned'] as const)
        expect(kinds.has(k), `${name}: ${k}`).toBe(true);
    }
  });

  it('reads the DFDS timelines: rows, zones from notes and headers, placeholders', () => {
    for (const { name, doc } of dfds) expect(doc.timeline?.entries.length, name).toBeGreaterThan(0);
    const rows = dfds.flatMap((d) => d.doc.timeline!.entries);
    expect(rows.filter((r) => r.zone === 'CET').length).toBeGreaterThan(20);
    expect(rows.filter((r) => r.placeholder).length).toBeGreaterThan(5);
    expect(rows.filter((r) => r.ms !== undefined).length / rows.length).toBeGreaterThan(0.9);
  });

  it('reads action items, which in DFDS documents have no owners', () => {
    const items = dfds.flatMap((d) => d.doc.actionItems?.items ?? []);
    expect(items.length).toBeGreaterThan(80);
    expect(items.filter((i) => i.cells.owner).length).toBe(0);
  });

  it('reads the PostHog list timelines against the date in the title', () => {
    const flags = docs.find((d) => d.name.includes('2025-09-29-flags-is-down'))!.doc;
    expect(flags.timeline!.entries[0]).toMatchObject({
      time: { text: '16:58 UTC' },
      ms: Date.UTC(2025, 8, 29, 16, 58),
      zoneFrom: 'cell',
    });
  });
});
