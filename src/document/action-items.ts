/** Action items: rows of a table (ID, action, owner, due, priority, type, status, ticket) or list items. */
import type { Link, ListItem, PhrasingContent, Table } from 'mdast';
import { plainText } from './plain-text.js';
import { visit } from 'unist-util-visit';
import {
  itemParagraph,
  labelOf,
  leadingLabel,
  topSections,
  type PartContext,
} from './part-context.js';
import { spanOf, type Span } from './span.js';
import { findColumns, tableModel } from './table.js';
import { timeParts } from './time-text.js';
import type {
  ActionColumn,
  ActionItem,
  ActionItems,
  ActionStatus,
  ActionType,
  Cell,
} from './types.js';

export const ACTION_COLUMNS: Readonly<Record<ActionColumn, readonly string[]>> = {
  id: ['id', '#', 'no', 'nr', 'number', 'key'],
  action: [
    'action',
    'action item',
    'item',
    'task',
    'description',
    'what',
    'title',
    'summary',
    'remediation',
    'follow up',
  ],
  owner: ['owner', 'owners', 'assignee', 'assigned to', 'responsible', 'who', 'dri', 'owned by'],
  due: ['due', 'due date', 'deadline', 'by when', 'target date', 'target', 'eta', 'when', 'date'],
  priority: ['priority', 'prio', 'p', 'importance'],
  type: ['type', 'kind', 'category', 'class'],
  status: ['status', 'state', 'done', 'progress'],
  ticket: [
    'ticket',
    'issue',
    'tracking',
    'tracker',
    'jira',
    'link',
    'url',
    'bug',
    'pr',
    'reference',
    'ref',
  ],
};

const TYPES: Readonly<Record<string, ActionType>> = {
  prevent: 'prevent',
  prevention: 'prevent',
  preventive: 'prevent',
  preventative: 'prevent',
  detect: 'detect',
  detection: 'detect',
  mitigate: 'mitigate',
  mitigation: 'mitigate',
  process: 'process',
  procedure: 'process',
};

const STATUSES: Readonly<Record<string, ActionStatus>> = {
  open: 'open',
  todo: 'open',
  'to do': 'open',
  'not started': 'open',
  new: 'open',
  planned: 'open',
  'in progress': 'in-progress',
  'in-progress': 'in-progress',
  doing: 'in-progress',
  started: 'in-progress',
  wip: 'in-progress',
  done: 'done',
  closed: 'done',
  complete: 'done',
  completed: 'done',
  fixed: 'done',
  resolved: 'done',
  "won't do": 'wont-do',
  "won't fix": 'wont-do',
  wontfix: 'wont-do',
  cancelled: 'wont-do',
  canceled: 'wont-do',
  dropped: 'wont-do',
};

const key = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\p{L}' -]/gu, '')
    .trim();

export const actionType = (s: string): ActionType | undefined => TYPES[key(s)];
export const actionStatus = (s: string): ActionStatus | undefined => STATUSES[key(s)];

/** UTC ms of the start of a written due date (needs a year). */
export function dueDate(s: string): number | undefined {
  const d = timeParts(s).date;
  return d && d.y > 0 ? Date.UTC(d.y, d.mo - 1, d.d) : undefined;
}

/** Fills the normalised fields from the cells. */
function normalise(item: ActionItem): ActionItem {
  const { type, status, due } = item.cells;
  const t = type && actionType(type.text);
  const s = status && actionStatus(status.text);
  const d = due && dueDate(due.text);
  if (t) item.type = t;
  if (s) item.status = s;
  if (d !== undefined) item.dueMs = d;
  return item;
}

/**
 * Which column of an action-item table holds what, from its header; without an "Action"
 * heading, the first column no other role took holds the action.
 */
export function actionColumns(header: readonly string[]): Partial<Record<ActionColumn, number>> {
  const cols = findColumns(header, ACTION_COLUMNS);
  if (cols.action === undefined) {
    const used = new Set(Object.values(cols));
    const free = header.findIndex((_, i) => !used.has(i));
    if (free >= 0) cols.action = free;
  }
  return cols;
}

export function readActionItems(ctx: PartContext): ActionItems | undefined {
  const sections = topSections(ctx.sections, 'action-items');
  if (sections.length === 0) return undefined;
  const out: ActionItems = { sections: sections.map((s) => s.index), items: [] };
  for (const section of sections) {
    let group: string | undefined;
    // An item ending in ":" introduces the list right after it: those are its details, not items.
    let introducing: ActionItem | undefined;
    for (const node of section.nodes) {
      const intro = introducing;
      introducing = undefined;
      if (node.type === 'heading') group = plainText(node);
      else if (node.type === 'table') readTable(ctx, node, group, out);
      else if (node.type === 'list' && intro) {
        intro.text = `${intro.text} ${node.children.map((i) => plainText(i).trim()).join('; ')}`;
      } else if (node.type === 'list') {
        for (const item of node.children) out.items.push(normalise(listItem(ctx, item, group)));
        const last = out.items[out.items.length - 1];
        if (last?.form === 'list' && last.text.endsWith(':')) introducing = last;
      } else {
        group = labelOf(node) ?? group;
      }
    }
  }
  return out;
}

function readTable(
  ctx: PartContext,
  node: Table,
  group: string | undefined,
  out: ActionItems,
): void {
  const table = tableModel(ctx.text, ctx.lines, node);
  if (!table) return;
  const cols = actionColumns(table.header.cells.map((c) => c.text));
  table.rows.forEach((row, r) => {
    const cells: Partial<Record<ActionColumn, Cell>> = {};
    for (const [col, i] of Object.entries(cols) as [ActionColumn, number][]) {
      const c = row.cells[i];
      if (c) cells[col] = { text: c.text, span: c.span };
    }
    const item: ActionItem = {
      form: 'table',
      span: row.span,
      text: cells.action?.text ?? '',
      cells,
      table,
      row: r,
    };
    if (group !== undefined) item.group = group;
    out.items.push(normalise(item));
  });
}

/** The span of a bold or italic label's content, without its `**`. */
function innerSpan(node: PhrasingContent): Span {
  const kids = 'children' in node ? node.children : [];
  const first = kids[0];
  const last = kids[kids.length - 1];
  if (!first || !last) return spanOf(node);
  return { start: spanOf(first).start, end: spanOf(last).end };
}

// A value runs to the next `,`, `;`, `)` or `]`, unless it is a Markdown link `[text](url)`,
// which is taken whole (`(ticket: [#12](https://…/issues/12))`).
const FIELD =
  /(?<![\p{L}\p{N}])(owner|assignee|assigned to|due date|due|deadline|priority|type|status|ticket|issue)\s*:\s*(\[[^\]\n]*\]\([^)\s]*\)|[^,;)\]\n]*[^,;)\]\n\s])/giu;
const FIELD_COLUMN: Readonly<Record<string, ActionColumn>> = {
  owner: 'owner',
  assignee: 'owner',
  'assigned to': 'owner',
  'due date': 'due',
  due: 'due',
  deadline: 'due',
  priority: 'priority',
  type: 'type',
  status: 'status',
  ticket: 'ticket',
  issue: 'ticket',
};
const MENTION = /(?<![\w.@])@[A-Za-z0-9][\w-]*/;
const TICKET_URL =
  /\/issues\/\d+|\/pull\/\d+|\/browse\/[A-Z][A-Z0-9]+-\d+|\/-\/(?:issues|merge_requests)\/\d+/;

/** A list item: its text, a checkbox, `key: value` fields, an @mention as owner, a ticket link. */
function listItem(ctx: PartContext, item: ListItem, group: string | undefined): ActionItem {
  const span = spanOf(item);
  const p = itemParagraph(item);
  const cells: Partial<Record<ActionColumn, Cell>> = {};
  const out: ActionItem = {
    form: 'list',
    span,
    text: plainText(item).replace(/\s+/g, ' ').trim(),
    cells,
  };
  if (group !== undefined) out.group = group;
  if (item.checked === true) out.status = 'done';
  else if (item.checked === false) out.status = 'open';
  if (!p) return out;
  const pSpan = spanOf(p);
  const raw = ctx.text.slice(pSpan.start.offset, pSpan.end.offset);
  const at = (i: number, j: number): Cell => ({
    text: raw.slice(i, j),
    span: ctx.lines.span(pSpan.start.offset + i, pSpan.start.offset + j),
  });
  const label = leadingLabel(ctx.text, p);
  if (label) cells.action = { text: label.label, span: innerSpan(label.node) };
  for (const m of raw.matchAll(FIELD)) {
    const col = FIELD_COLUMN[m[1]!.toLowerCase()];
    if (!col || cells[col]) continue;
    const start = m.index + m[0].length - m[2]!.length;
    cells[col] = at(start, start + m[2]!.length);
  }
  if (!cells.owner) {
    const m = MENTION.exec(raw);
    if (m) cells.owner = at(m.index, m.index + m[0].length);
  }
  if (!cells.ticket) {
    visit(p, 'link', (link: Link) => {
      if (cells.ticket || !TICKET_URL.test(link.url)) return;
      cells.ticket = { text: link.url, span: spanOf(link) };
    });
  }
  return out;
}
