/** GFM tables with the span of every cell's content, and columns found by header synonyms. */
import type { Table, TableCell } from 'mdast';
import { plainText } from './plain-text.js';
import { LineIndex, spanOf, type Span } from './span.js';

export interface CellModel {
  text: string;
  /** The cell's content, trimmed, without pipes (empty, between the pipes, for an empty cell). */
  span: Span;
}

export interface RowModel {
  span: Span;
  cells: CellModel[];
}

export interface TableModel {
  span: Span;
  header: RowModel;
  /** The `|---|:--|` line. */
  delimiter: Span;
  rows: RowModel[];
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** The content span of a cell: remark's cell span includes the leading pipe and the last cell's trailing one. */
function cellContent(text: string, lines: LineIndex, cell: TableCell, last: boolean): Span {
  const outer = spanOf(cell);
  let start = outer.start.offset;
  let end = outer.end.offset;
  if (text[start] === '|') start++;
  if (last && end > start && text[end - 1] === '|' && text[end - 2] !== '\\') end--;
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  return lines.span(start, end);
}

export function tableModel(text: string, lines: LineIndex, table: Table): TableModel | undefined {
  const [head, ...body] = table.children;
  if (!head) return undefined;
  const row = (r: Table['children'][number]): RowModel => ({
    span: spanOf(r),
    cells: r.children.map((c, i) => ({
      text: plainText(c).trim(),
      span: cellContent(text, lines, c, i === r.children.length - 1),
    })),
  });
  const header = row(head);
  const delimStart = lines.nextLine(header.span.end.offset);
  let delimEnd = lines.nextLine(delimStart);
  while (delimEnd > delimStart && (text[delimEnd - 1] === '\n' || text[delimEnd - 1] === '\r'))
    delimEnd--;
  return {
    span: spanOf(table),
    header,
    delimiter: lines.span(delimStart, delimEnd),
    rows: body.map(row),
  };
}

/** Header text reduced for matching: lower case, no parentheses, no punctuation at the ends. */
export function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[*_`:?.]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Column index per role: the first header whose normalised text is one of the role's synonyms, or
 * starts with one followed by a space. Each column serves one role; roles are tried in order.
 */
export function findColumns<R extends string>(
  headers: readonly string[],
  synonyms: Readonly<Record<R, readonly string[]>>,
): Partial<Record<R, number>> {
  const names = headers.map(normaliseHeader);
  const taken = new Set<number>();
  const found: Partial<Record<R, number>> = {};
  for (const exact of [true, false]) {
    for (const role of Object.keys(synonyms) as R[]) {
      if (found[role] !== undefined) continue;
      const i = names.findIndex(
        (n, k) =>
          !taken.has(k) &&
          synonyms[role].some((s) =>
            exact ? n === s : n.startsWith(`${s} `) || n.endsWith(` ${s}`),
          ),
      );
      if (i >= 0) {
        found[role] = i;
        taken.add(i);
      }
    }
  }
  return found;
}
