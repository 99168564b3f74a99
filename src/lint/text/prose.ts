/**
 * The prose of a document as sentences the blameless rules can read: code, inline code, HTML,
 * blockquotes and quoted strings are left out, and every character maps back to its offset.
 */
import type { Nodes, Root } from 'mdast';
import type { PostmortemDocument, SectionKind } from '../../document/index.js';

export interface Sentence {
  /** The sentence text; inline code reads as the word `CODE`, quoted text as blanks. */
  text: string;
  /** Source offset of each character of `text`. */
  offsets: number[];
  /** The kind of the innermost section the sentence is in (`other` in the preamble). */
  section: SectionKind;
  /** Index of the innermost section, -1 before the first. */
  sectionIndex: number;
  /** The sentence came from a table cell or a heading rather than running prose. */
  block: 'paragraph' | 'heading' | 'cell';
}

interface Builder {
  text: string[];
  offsets: number[];
}

const CODE_WORD = 'CODE';

/** Aligns a node's value with its source slice (escapes, entities and indentation make them differ). */
function align(value: string, source: string, base: number, out: Builder): void {
  if (source === value) {
    for (let i = 0; i < value.length; i++) out.offsets.push(base + i);
    out.text.push(value);
    return;
  }
  let j = 0;
  for (const c of value) {
    const found = source.indexOf(c, j);
    // A character the source spells differently (an entity) maps to where we are.
    if (found >= 0 && found - j < 12) {
      out.offsets.push(base + found);
      j = found + 1;
    } else out.offsets.push(base + Math.min(j, Math.max(0, source.length - 1)));
    // Astral characters are two code units in `value`.
    if (c.length === 2) out.offsets.push(out.offsets[out.offsets.length - 1]!);
  }
  out.text.push(value);
}

function collect(node: Nodes, text: string, out: Builder): void {
  switch (node.type) {
    case 'text': {
      const p = node.position;
      const start = p?.start.offset ?? 0;
      const end = p?.end.offset ?? start;
      align(node.value, text.slice(start, end), start, out);
      return;
    }
    case 'inlineCode': {
      const at = node.position?.start.offset ?? 0;
      out.text.push(` ${CODE_WORD} `);
      for (let i = 0; i < CODE_WORD.length + 2; i++) out.offsets.push(at);
      return;
    }
    case 'break': {
      const at = node.position?.start.offset ?? 0;
      out.text.push(' ');
      out.offsets.push(at);
      return;
    }
    case 'html':
    case 'image':
    case 'imageReference':
    case 'footnoteReference':
      return;
    default:
      if ('children' in node) for (const c of node.children) collect(c as Nodes, text, out);
  }
}

/** Blanks text between double quotes: quoted log lines and messages are not the author's words. */
function blankQuotes(s: string): string {
  return s.replace(/"[^"\n]{1,400}"|\u201c[^\u201d\n]{1,400}\u201d/g, (m) => ' '.repeat(m.length));
}

const SPLIT = /[.!?;]+(?=\s|$)|\n\s*\n/g;

function sentences(
  b: Builder,
  section: SectionKind,
  sectionIndex: number,
  block: Sentence['block'],
): Sentence[] {
  const whole = blankQuotes(b.text.join(''));
  const out: Sentence[] = [];
  let from = 0;
  const push = (end: number): void => {
    let s = from;
    while (s < end && /\s/.test(whole[s]!)) s++;
    if (s < end)
      out.push({
        text: whole.slice(s, end),
        offsets: b.offsets.slice(s, end),
        section,
        sectionIndex,
        block,
      });
  };
  for (const m of whole.matchAll(SPLIT)) {
    const end = m.index + m[0].length;
    push(end);
    from = end;
  }
  push(whole.length);
  return out;
}

/** The innermost section holding an offset. */
function sectionAt(doc: PostmortemDocument, offset: number): number {
  let found = -1;
  for (const s of doc.sections) {
    if (
      s.span.start.offset <= offset &&
      offset < Math.max(s.span.end.offset, s.span.start.offset + 1)
    )
      found = s.index;
  }
  return found;
}

/** Every prose sentence of the document, in order. */
export function proseSentences(doc: PostmortemDocument): Sentence[] {
  const out: Sentence[] = [];
  const visit = (node: Nodes): void => {
    switch (node.type) {
      case 'code':
      case 'html':
      case 'yaml':
      case 'blockquote':
      case 'definition':
      case 'thematicBreak':
        return;
      case 'paragraph':
      case 'heading':
      case 'tableCell': {
        const b: Builder = { text: [], offsets: [] };
        collect(node, doc.text, b);
        const at = node.position?.start.offset ?? 0;
        const index = sectionAt(doc, at);
        const kind = index >= 0 ? doc.sections[index]!.kind : 'other';
        const block = node.type === 'tableCell' ? 'cell' : node.type;
        out.push(...sentences(b, kind, index, block));
        return;
      }
      default:
        if ('children' in node) for (const c of node.children) visit(c as Nodes);
    }
  };
  visit(doc.tree as Root);
  return out;
}
