/** Setting an action item's cell: a table cell (adding the column when missing) or a list item's field. */
import { actionColumns } from './action-items.js';
import type { TextEdit } from './text-edit.js';
import type { RowModel, TableModel } from './table.js';
import type { ActionColumn, ActionItem, PostmortemDocument } from './types.js';

const TITLES: Readonly<Record<ActionColumn, string>> = {
  id: 'ID',
  action: 'Action',
  owner: 'Owner',
  due: 'Due',
  priority: 'Priority',
  type: 'Type',
  status: 'Status',
  ticket: 'Ticket',
};

/** A value fit for one table cell: pipes escaped, line breaks as `<br>`. */
export function cellText(value: string): string {
  return value
    .trim()
    .replace(/(?<!\\)\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');
}

/** The column index the parser gave a role in this table. */
function columnOf(table: TableModel, column: ActionColumn): number | undefined {
  return actionColumns(table.header.cells.map((c) => c.text))[column];
}

/** Appends cells to a row (or the header or delimiter line) so that `value` lands in column `index`. */
function appendCell(
  text: string,
  end: number,
  have: number,
  index: number,
  value: string,
): TextEdit {
  const trailing = text[end - 1] === '|' && text[end - 2] !== '\\';
  const cells = [...Array<string>(Math.max(0, index - have)).fill(''), value];
  const joined = cells.map((c) => (c === '' ? ' ' : ` ${c} `)).join('|');
  return { start: end, end, text: trailing ? `${joined}|` : ` |${joined}` };
}

function setCell(text: string, row: RowModel, index: number, value: string): TextEdit {
  const cell = row.cells[index];
  if (!cell) return appendCell(text, row.span.end.offset, row.cells.length, index, value);
  const { start, end } = { start: cell.span.start.offset, end: cell.span.end.offset };
  if (start < end) return { start, end, text: value };
  // An empty cell: its blanks become one space on each side of the new value.
  let from = start;
  while (from > 0 && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  return { start: from, end, text: ` ${value} ` };
}

/**
 * Sets one cell of an action item: in a table, the cell of that column (the column is added to the
 * table when it has none); in a list item, its `column: value` field, or a `(column: value)` added
 * at the end of the item's first paragraph.
 *
 * @example
 * const item = doc.actionItems!.items[0]!;
 * applyEdits(doc.text, setActionItemCell(doc, item, 'ticket', '[OPS-42](https://jira.example/browse/OPS-42)'));
 */
export function setActionItemCell(
  doc: PostmortemDocument,
  item: ActionItem,
  column: ActionColumn,
  value: string,
): TextEdit[] {
  const { text } = doc;
  if (item.form === 'table' && item.table && item.row !== undefined) {
    const table = item.table;
    const row = table.rows[item.row];
    if (!row) return [];
    const v = cellText(value);
    const index = columnOf(table, column);
    if (index !== undefined) return [setCell(text, row, index, v)];
    const at = table.header.cells.length;
    return [
      appendCell(text, table.header.span.end.offset, at, at, TITLES[column]),
      appendCell(text, table.delimiter.end.offset, at, at, '---'),
      appendCell(text, row.span.end.offset, row.cells.length, at, v),
    ];
  }
  const v = value.replace(/\s*\r?\n\s*/g, ' ').trim();
  const cell = item.cells[column];
  if (cell) return [{ start: cell.span.start.offset, end: cell.span.end.offset, text: v }];
  const end = listItemTextEnd(text, item);
  return [{ start: end, end, text: ` (${column}: ${v})` }];
}

/** Where the first line-block of a list item's text ends (before its line break and nested content). */
function listItemTextEnd(text: string, item: ActionItem): number {
  const start = item.span.start.offset;
  const limit = item.span.end.offset;
  // The first paragraph ends at the first blank line or nested list marker within the item.
  let i = start;
  for (;;) {
    const nl = text.indexOf('\n', i);
    if (nl < 0 || nl >= limit) return trimEnd(text, limit);
    const next = text.slice(nl + 1, Math.min(limit, nl + 200));
    if (/^[ \t]*(?:\r?\n|$)|^[ \t]+(?:[-*+]|\d+[.)])[ \t]/.test(next)) return trimEnd(text, nl);
    i = nl + 1;
  }
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /[ \t\r]/.test(text[e - 1]!)) e--;
  return e;
}
