/**
 * Edits as splices on the original text: everything outside an edit's range keeps its bytes, so
 * the author's formatting survives. Builders return `TextEdit`s against one parse; apply them together.
 */
import { lineEnding, type TextEdit } from './text-edit.js';
import type { PostmortemDocument, Section } from './types.js';

export { applyEdits, lineEnding, type TextEdit } from './text-edit.js';

/** Body text without leading blank lines or trailing space, in the document's line ending. */
function tidy(body: string, nl: string): string {
  const t = body.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
  return nl === '\n' ? t.replace(/\r\n/g, '\n') : t.replace(/\r?\n/g, '\r\n');
}

/** Line breaks needed before inserting at `at` so that the insertion starts after a blank line. */
function gapBefore(text: string, at: number, nl: string): string {
  if (at === 0) return '';
  const before = text.slice(Math.max(0, at - 4), at).replace(/\r/g, '');
  if (before.endsWith('\n\n')) return '';
  return before.endsWith('\n') ? nl : nl + nl;
}

export interface ReplaceBodyOptions {
  /** Replace only the section's own text, up to its first subsection (default: the subsections go too). */
  keepSubsections?: boolean;
}

/**
 * Replaces what follows a section's heading with `body` (Markdown), with one blank line after the
 * heading and one before the next heading.
 */
export function replaceSectionBody(
  doc: PostmortemDocument,
  section: Section,
  body: string,
  options: ReplaceBodyOptions = {},
): TextEdit[] {
  const { text } = doc;
  const nl = lineEnding(text);
  const start = section.bodySpan.start.offset;
  let end = section.bodySpan.end.offset;
  if (options.keepSubsections) {
    const child = doc.sections.find((s) => s.parent === section.index);
    if (child) end = child.span.start.offset - (child.span.start.column - 1);
  }
  const t = tidy(body, nl);
  // A heading on the last line without a line break needs one before the body.
  let out = start > 0 && text[start - 1] === '\n' ? '' : nl;
  if (t !== '') out += nl + t + nl;
  if (end < text.length) out += nl;
  else if (t === '' && out === nl) out = '';
  return [{ start, end, text: out }];
}

export interface NewSection {
  /** Heading text (one line). */
  heading: string;
  /** 1–6; by default the depth of the section it goes after or before, else 2. */
  depth?: number;
  body?: string;
  /** Insert after this section (and its subsections); default: at the end of the document. */
  after?: Section;
  /** Insert before this section's heading. */
  before?: Section;
}

/** Inserts a new section: `## Heading`, a blank line, the body. */
export function insertSection(doc: PostmortemDocument, spec: NewSection): TextEdit[] {
  const { text } = doc;
  const nl = lineEnding(text);
  const at = spec.after
    ? spec.after.span.end.offset
    : spec.before
      ? spec.before.span.start.offset - (spec.before.span.start.column - 1)
      : text.length;
  const depth = Math.min(
    6,
    Math.max(1, spec.depth ?? spec.after?.depth ?? spec.before?.depth ?? 2),
  );
  const heading = spec.heading.replace(/\s*\r?\n\s*/g, ' ').trim();
  const body = tidy(spec.body ?? '', nl);
  let out = gapBefore(text, at, nl) + `${'#'.repeat(depth)} ${heading}${nl}`;
  if (body !== '') out += nl + body + nl;
  if (at < text.length) out += nl;
  return [{ start: at, end: at, text: out }];
}

export { setFrontMatterField, setFrontMatterFields, type FieldValue } from './edit-front-matter.js';
export { setActionItemCell } from './edit-table.js';
