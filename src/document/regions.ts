/**
 * Generated regions of a document: text a tool writes between two comments, which it replaces
 * when it runs again and which it adds to the right section when missing. Everything outside the
 * markers stays as people wrote it.
 */
import { applyEdits, lineEnding, type TextEdit } from './edit.js';
import { parseDocument } from './parse.js';
import { findSection } from './query.js';
import type { PostmortemDocument, SectionKind } from './types.js';

export interface Region {
  /** The tool that owns it (`draft`, `diagram`): part of the marker. */
  tool: string;
  name: string;
  section: SectionKind;
  /**
   * Where a missing region goes in its section: `replace` the body (the template's guidance
   * comment stays, its placeholder goes), `prepend` after the guidance comment, `append` at the end.
   */
  mode: 'replace' | 'prepend' | 'append';
  text: string;
  /** Said in the begin marker, for the reader. */
  note: string;
}

export function beginMarker(r: Pick<Region, 'tool' | 'name' | 'note'>): string {
  return `<!-- aftermath:${r.tool} ${r.name} begin: ${r.note} -->`;
}

export function endMarker(r: Pick<Region, 'tool' | 'name'>): string {
  return `<!-- aftermath:${r.tool} ${r.name} end -->`;
}

function wrap(r: Region, nl: string): string {
  return [beginMarker(r), '', r.text, '', endMarker(r)].join(nl);
}

/** The region's extent in `text`, markers included. */
export function findRegion(
  text: string,
  r: Pick<Region, 'tool' | 'name'>,
): { start: number; end: number } | undefined {
  const begin = text.indexOf(`<!-- aftermath:${r.tool} ${r.name} begin`);
  if (begin < 0) return undefined;
  const end = endMarker(r);
  const at = text.indexOf(end, begin);
  return at < 0 ? undefined : { start: begin, end: at + end.length };
}

/**
 * Writes the regions into `text`: in place where their markers are, else into their section
 * (a region whose section is missing is left out). `extra` edits, made against the document
 * after the in-place pass, are applied with the insertions (e.g. front-matter fields).
 */
export function upsertRegions(
  text: string,
  regions: readonly Region[],
  extra: (doc: PostmortemDocument) => TextEdit[] = () => [],
): string {
  const nl = lineEnding(text);
  const inPlace: TextEdit[] = [];
  const missing: Region[] = [];
  for (const r of regions) {
    const at = findRegion(text, r);
    if (at) inPlace.push({ ...at, text: wrap(r, nl) });
    else missing.push(r);
  }
  const replaced = applyEdits(text, inPlace);
  const doc = parseDocument(replaced);
  const edits: TextEdit[] = [...extra(doc)];
  for (const r of missing) {
    const section = findSection(doc, r.section);
    if (!section) continue;
    const start = section.bodySpan.start.offset;
    const end = section.bodySpan.end.offset;
    const guidance = /^\s*<!--[\s\S]*?-->/.exec(replaced.slice(start, end));
    const after = guidance ? start + guidance[0].length : start;
    if (r.mode === 'replace')
      edits.push({ start: after, end, text: `${nl}${nl}${wrap(r, nl)}${nl}${nl}` });
    else if (r.mode === 'prepend')
      edits.push({ start: after, end: after, text: `${nl}${nl}${wrap(r, nl)}${nl}` });
    else {
      // At the end of the body, before the blank lines that lead to the next heading.
      const body = replaced.slice(start, end);
      const at = start + body.trimEnd().length;
      edits.push({ start: at, end: at, text: `${nl}${nl}${wrap(r, nl)}` });
    }
  }
  return applyEdits(replaced, edits);
}
