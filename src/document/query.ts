/** Small look-ups over a parsed document, for rules and commands. */
import type { PostmortemDocument, Section, SectionKind } from './types.js';

/** The first section of a kind (at any depth). */
export function findSection(doc: PostmortemDocument, kind: SectionKind): Section | undefined {
  return doc.sections.find((s) => s.kind === kind);
}

export function findSections(doc: PostmortemDocument, kind: SectionKind): Section[] {
  return doc.sections.filter((s) => s.kind === kind);
}

/** The body of a section as written (Markdown). */
export function sectionBody(doc: PostmortemDocument, section: Section): string {
  return doc.text.slice(section.bodySpan.start.offset, section.bodySpan.end.offset);
}
