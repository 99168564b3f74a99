/** Positions in a document: 1-based line/column plus a string offset, as remark reports them. */
import type { Node } from 'unist';
import type { Place } from '../core/diagnostic.js';

/**
 * A point in the document text. `offset` is a JavaScript string index (UTF-16 code units), the unit
 * edits splice by; ingest's byte offsets do not apply to documents.
 */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

export interface Span {
  start: Point;
  end: Point;
}

/** The span of a node parsed from text (every mdast node remark produces has one). */
export function spanOf(node: Node): Span {
  const p = node.position;
  if (!p) return { start: ORIGIN, end: ORIGIN };
  return {
    start: { line: p.start.line, column: p.start.column, offset: p.start.offset ?? 0 },
    end: { line: p.end.line, column: p.end.column, offset: p.end.offset ?? 0 },
  };
}

const ORIGIN: Point = { line: 1, column: 1, offset: 0 };

/** The diagnostic form of a span. */
export function toPlace(span: Span): Place {
  return {
    line: span.start.line,
    column: span.start.column,
    offset: span.start.offset,
    end: { line: span.end.line, column: span.end.column, offset: span.end.offset },
  };
}

/** Offsets → line/column for spans remark does not give us (YAML errors, parts of a text node). */
export class LineIndex {
  /** Offset at which each line starts. */
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    // CommonMark ends lines at \n, \r\n and a lone \r; so does remark's line numbering.
    for (const m of text.matchAll(/\r\n?|\n/g)) this.starts.push(m.index + m[0].length);
  }
  point(offset: number): Point {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo]! + 1, offset: o };
  }
  span(start: number, end: number): Span {
    return { start: this.point(start), end: this.point(end) };
  }
  /** Offset of the start of the line holding `offset`. */
  lineStart(offset: number): number {
    const p = this.point(offset);
    return p.offset - (p.column - 1);
  }
  /** Offset just past the line break ending the line that holds `offset` (the text end if none). */
  nextLine(offset: number): number {
    const p = this.point(offset);
    return p.line < this.starts.length ? this.starts[p.line]! : this.text.length;
  }
}
