/** What the structured-part readers share: the text, line index, sections, and small helpers. */
import type { ListItem, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { plainText } from './plain-text.js';
import type { LineIndex } from './span.js';
import { spanOf } from './span.js';
import type { YearMonthDay } from './time-text.js';
import type { Section, SectionKind } from './types.js';

export interface PartContext {
  text: string;
  lines: LineIndex;
  sections: readonly Section[];
  /** A date to read year- or date-less times against (front matter, else the title). */
  date?: YearMonthDay;
}

/** Sections of a kind that are not inside another section of the same kind. */
export function topSections(sections: readonly Section[], kind: SectionKind): Section[] {
  return sections.filter((s) => {
    if (s.kind !== kind) return false;
    for (let p = s.parent; p !== undefined; p = sections[p]?.parent) {
      if (sections[p]?.kind === kind) return false;
    }
    return true;
  });
}

/** A paragraph that is only a bold or italic label (`**Immediate:**`), or undefined. */
export function labelOf(node: RootContent): string | undefined {
  if (node.type !== 'paragraph') return undefined;
  const kids = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  const [only, tail] = kids;
  if (!only || (only.type !== 'strong' && only.type !== 'emphasis')) return undefined;
  if (tail && !(kids.length === 2 && tail.type === 'text' && /^\s*:?\s*$/.test(tail.value)))
    return undefined;
  return plainText(only).replace(/:\s*$/, '').trim();
}

/** The first paragraph of a list item. */
export function itemParagraph(item: ListItem): Paragraph | undefined {
  const p = item.children[0];
  return p?.type === 'paragraph' ? p : undefined;
}

/**
 * A leading bold label of a paragraph (`**Title**: rest`): the label, and the offset where the
 * rest starts (separators skipped).
 */
export function leadingLabel(
  text: string,
  p: Paragraph,
): { label: string; node: PhrasingContent; restStart: number } | undefined {
  const first = p.children[0];
  if (!first || (first.type !== 'strong' && first.type !== 'emphasis')) return undefined;
  let i = spanOf(first).end.offset;
  const end = spanOf(p).end.offset;
  while (i < end && /[\s:\-\u2013\u2014|,]/.test(text[i]!)) i++;
  return { label: plainText(first).replace(/:\s*$/, '').trim(), node: first, restStart: i };
}

/** Every list item under the nodes, depth first, with its nesting depth. */
export function* listItems(
  nodes: readonly RootContent[],
  depth = 0,
): Generator<{ item: ListItem; depth: number }> {
  for (const n of nodes) {
    if (n.type === 'list') {
      for (const item of n.children) {
        yield { item, depth };
        yield* listItems(item.children, depth + 1);
      }
    }
  }
}
