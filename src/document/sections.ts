/** Splits a document into sections by heading: each runs to the next heading of the same or higher level. */
import type { Heading, Root, RootContent } from 'mdast';
import { plainText } from './plain-text.js';
import { sectionKind } from './section-kinds.js';
import { LineIndex, spanOf, type Span } from './span.js';
import type { Section } from './types.js';

export interface SectionSplit {
  sections: Section[];
  /** A leading level-1 heading that names no section: the document's title. */
  title?: Heading;
  preamble?: Span;
}

/** Plain text of body nodes, one block a line. */
export function nodesText(nodes: readonly RootContent[]): string {
  return nodes.map((n) => plainText(n)).join('\n');
}

export function splitSections(text: string, lines: LineIndex, tree: Root): SectionSplit {
  const children = tree.children;
  const headings: number[] = [];
  children.forEach((n, i) => {
    if (n.type === 'heading') headings.push(i);
  });
  const split: SectionSplit = { sections: [] };
  let first = 0;
  const h0 = headings[0] === undefined ? undefined : (children[headings[0]] as Heading);
  if (h0 && h0.depth === 1 && sectionKind(plainText(h0)) === 'other') {
    split.title = h0;
    first = 1;
  }
  // Open sections by depth; a heading closes every open section at its depth or deeper.
  const open: { index: number; child: number }[] = [];
  const ends = new Map<number, number>();
  const sections: Section[] = [];
  for (const child of headings.slice(first)) {
    const h = children[child] as Heading;
    while (open.length > 0 && sections[open[open.length - 1]!.index]!.depth >= h.depth) {
      ends.set(open.pop()!.index, child);
    }
    const headingSpan = spanOf(h);
    const index = sections.length;
    const parent = open[open.length - 1]?.index;
    sections.push({
      kind: sectionKind(plainText(h)),
      heading: plainText(h),
      depth: h.depth,
      index,
      ...(parent === undefined ? {} : { parent }),
      headingSpan,
      bodySpan: headingSpan,
      span: headingSpan,
      nodes: [],
      text: '',
    });
    open.push({ index, child });
  }
  const starts = headings.slice(first);
  sections.forEach((s, i) => {
    const child = starts[i]!;
    const endChild = ends.get(i) ?? children.length;
    const endNode = children[endChild];
    const end = endNode ? lines.lineStart(spanOf(endNode).start.offset) : text.length;
    const bodyStart = Math.min(lines.nextLine(s.headingSpan.end.offset), end);
    s.bodySpan = lines.span(bodyStart, end);
    s.span = { start: s.headingSpan.start, end: s.bodySpan.end };
    s.nodes = children.slice(child + 1, endChild);
    s.text = nodesText(s.nodes);
  });
  split.sections = sections;
  const pre = preamble(text, lines, tree, split.title, sections[0]);
  if (pre) split.preamble = pre;
  return split;
}

/** What comes before the first section, after the front matter and title; undefined when blank. */
function preamble(
  text: string,
  lines: LineIndex,
  tree: Root,
  title: Heading | undefined,
  first: Section | undefined,
): Span | undefined {
  const fm = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined;
  const after = title ?? fm;
  const start = after ? lines.nextLine(spanOf(after).end.offset) : 0;
  const end = first ? first.span.start.offset - (first.span.start.column - 1) : text.length;
  if (end <= start || text.slice(start, end).trim() === '') return undefined;
  return lines.span(start, end);
}
