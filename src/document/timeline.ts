/** The timeline: rows of a table (time, event, source, actor) or list items that start with a time. */
import type { ListItem, RootContent, Table } from 'mdast';
import { plainText } from './plain-text.js';
import type { Zone } from '../core/zone.js';
import { itemParagraph, leadingLabel, topSections, type PartContext } from './part-context.js';
import { spanOf, type Span } from './span.js';
import { findColumns, tableModel, type CellModel } from './table.js';
import {
  findZone,
  resolveParts,
  timeParts,
  type TimeParts,
  type YearMonthDay,
} from './time-text.js';
import type { Cell, Timeline, TimelineEntry, ZoneSource } from './types.js';

export const TIMELINE_COLUMNS = {
  time: ['time', 'date', 'when', 'timestamp', 'date and time', 'date time', 'datetime', 'utc'],
  event: [
    'event',
    'events',
    'what happened',
    'description',
    'what',
    'action',
    'details',
    'activity',
    'message',
    'update',
    'notes',
  ],
  source: ['source', 'evidence', 'link', 'links', 'reference', 'references', 'ref', 'log', 'proof'],
  actor: ['actor', 'who', 'by', 'person', 'people', 'owner', 'responder', 'team'],
} as const;

type Role = keyof typeof TIMELINE_COLUMNS;

const NOTE = /\b(?:times?|timestamps?|clock)\b/i;

/** Reading state while walking a timeline: the zone in force and the date rows carry forward. */
interface State {
  date: YearMonthDay | undefined;
  note: { name: string; zone: Zone; span: Span } | undefined;
}

export function readTimeline(ctx: PartContext): Timeline | undefined {
  const sections = topSections(ctx.sections, 'timeline');
  if (sections.length === 0) return undefined;
  const timeline: Timeline = { sections: sections.map((s) => s.index), entries: [] };
  for (const section of sections) {
    const state: State = { date: ctx.date, note: undefined };
    for (const node of section.nodes) readNode(ctx, node, state, timeline);
    if (state.note && !timeline.zoneNote)
      timeline.zoneNote = { zone: state.note.name, span: state.note.span };
  }
  return timeline;
}

function readNode(ctx: PartContext, node: RootContent, state: State, out: Timeline): void {
  if (node.type === 'heading' || node.type === 'paragraph') {
    const text = plainText(node);
    if (text.length > 160) return;
    const parts = timeParts(text);
    // A heading or short line with a full date sets the day for the rows below it.
    if (parts.date && parts.date.y > 0 && !parts.time) state.date = parts.date;
    if (node.type === 'paragraph' && NOTE.test(text)) {
      const z = findZone(text);
      if (z) state.note = { ...z, span: spanOf(node) };
    }
    return;
  }
  if (node.type === 'table') readTable(ctx, node, state, out);
  else if (node.type === 'list') {
    for (const item of node.children) {
      const e = listEntry(ctx, item, state);
      if (e) out.entries.push(e);
    }
  }
}

/** Fills a row's time fields from its written parts and the reading state. */
function timed(
  parts: TimeParts,
  state: State,
  header: { name: string; zone: Zone } | undefined,
): Pick<TimelineEntry, 'ms' | 'zoned' | 'zone' | 'zoneFrom' | 'dateFrom' | 'placeholder'> {
  const given: [{ name: string; zone: Zone }, ZoneSource] | undefined = parts.zone
    ? [parts.zone, 'cell']
    : header
      ? [header, 'header']
      : state.note
        ? [state.note, 'note']
        : undefined;
  let date = parts.date;
  if (date && date.y === 0 && state.date) date = { ...date, y: state.date.y };
  const { date: _written, ...undated } = parts;
  const ms = resolveParts(
    date && date.y > 0 ? { ...parts, date } : undated,
    state.date,
    given?.[0].zone,
  );
  if (date && date.y > 0) state.date = date;
  const out: ReturnType<typeof timed> = {
    zoned: given !== undefined,
    placeholder: parts.placeholder,
  };
  if (ms !== undefined) {
    out.ms = ms;
    out.dateFrom = parts.date ? 'cell' : 'context';
  }
  if (given) {
    out.zone = given[0].name;
    out.zoneFrom = given[1];
  }
  return out;
}

const looksTimed = (c: CellModel | undefined): boolean => {
  if (!c) return false;
  const p = timeParts(c.text);
  return p.start >= 0 && p.start <= 2;
};

function readTable(ctx: PartContext, node: Table, state: State, out: Timeline): void {
  const table = tableModel(ctx.text, ctx.lines, node);
  if (!table) return;
  const cols: Partial<Record<Role, number>> = findColumns(
    table.header.cells.map((c) => c.text),
    TIMELINE_COLUMNS,
  );
  if (cols.time === undefined) {
    // No header says "time": a table whose first column mostly holds times still is a timeline.
    const timedRows = table.rows.filter((r) => looksTimed(r.cells[0])).length;
    if (table.rows.length === 0 || timedRows * 2 < table.rows.length) return;
    cols.time = 0;
  }
  const timeCol = cols.time;
  cols.event ??= table.header.cells.findIndex((_, i) => !Object.values(cols).includes(i));
  const headerCell = table.header.cells[timeCol];
  const headerZone = headerCell ? findZone(headerCell.text) : undefined;
  table.rows.forEach((row, r) => {
    const time = row.cells[timeCol];
    if (!time) return;
    const cell = (role: Role): Cell | undefined => {
      const i = cols[role];
      const c = i === undefined || i < 0 ? undefined : row.cells[i];
      return c ? { text: c.text, span: c.span } : undefined;
    };
    const entry: TimelineEntry = {
      form: 'table',
      span: row.span,
      time: { text: time.text, span: time.span },
      ...timed(timeParts(time.text), state, headerZone),
      event: cell('event') ?? { text: '', span: emptyAt(row.span) },
      table,
      row: r,
    };
    const source = cell('source');
    const actor = cell('actor');
    if (source) entry.source = source;
    if (actor) entry.actor = actor;
    out.entries.push(entry);
  });
}

const emptyAt = (span: Span): Span => ({ start: span.end, end: span.end });

/** `- **16:58 UTC** - event`, `- 10:45 - event`, `- 2024-03-13 10:01: event`; other items are not rows. */
function listEntry(ctx: PartContext, item: ListItem, state: State): TimelineEntry | undefined {
  const p = itemParagraph(item);
  if (!p) return undefined;
  const pSpan = spanOf(p);
  const label = leadingLabel(ctx.text, p);
  let timeText: string;
  let timeSpan: Span;
  let restStart: number;
  if (label) {
    timeText = label.label;
    timeSpan = spanOf(label.node);
    restStart = label.restStart;
  } else {
    const raw = ctx.text.slice(
      pSpan.start.offset,
      Math.min(pSpan.end.offset, pSpan.start.offset + 120),
    );
    const parts = timeParts(raw);
    if (parts.start < 0 || parts.start > 2) return undefined;
    const end = raw.slice(0, parts.end).search(/\s*$/);
    timeText = raw.slice(0, end);
    timeSpan = ctx.lines.span(pSpan.start.offset, pSpan.start.offset + end);
    restStart = pSpan.start.offset + parts.end;
    while (restStart < pSpan.end.offset && /[\s:\-\u2013\u2014|,]/.test(ctx.text[restStart]!))
      restStart++;
  }
  const parts = timeParts(timeText);
  if (parts.start < 0 || parts.start > 2 || !(parts.time || parts.date || parts.placeholder))
    return undefined;
  const eventSpan = ctx.lines.span(restStart, pSpan.end.offset);
  const plain = plainText(p);
  const eventText = label
    ? plainText({ type: 'paragraph', children: p.children.slice(1) })
        .replace(/^[\s:\-\u2013\u2014|,]+/, '')
        .trim()
    : (plain.startsWith(timeText) ? plain.slice(timeText.length) : plain)
        .replace(/^[\s:\-\u2013\u2014|,]+/, '')
        .trim();
  return {
    form: 'list',
    span: spanOf(item),
    time: { text: timeText, span: timeSpan },
    ...timed(parts, state, undefined),
    event: { text: eventText, span: eventSpan },
  };
}
