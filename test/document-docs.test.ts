/** docs/document.md lists every section synonym and column header the parser knows. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_COLUMNS, SECTION_SYNONYMS, TIMELINE_COLUMNS } from '../src/document/index.js';

const doc = readFileSync(join(import.meta.dirname, '../docs/document.md'), 'utf8').toLowerCase();
const norm = (s: string): string => s.toLowerCase().replace(/-/g, ' ');
const rowOf = (key: string): string =>
  norm(
    doc.split('\n').find((l) => l.startsWith(`| \`${key}\``) || l.startsWith(`| ${key} `)) ?? '',
  );

describe('docs/document.md', () => {
  it.each(Object.entries(SECTION_SYNONYMS))('lists the headings of %s', (kind, names) => {
    const row = rowOf(kind);
    for (const n of names) expect(row, n).toContain(norm(n));
  });

  it.each([...Object.entries(TIMELINE_COLUMNS), ...Object.entries(ACTION_COLUMNS)])(
    'lists the headers of the %s column',
    (_, names) => {
      for (const n of names) expect(norm(doc), n).toContain(norm(n));
    },
  );
});
