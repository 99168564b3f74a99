/**
 * Rendered timeline rows: each source's events rendered to UTF-8 rows with their times, so that
 * sources can be parsed and rendered in worker threads and merged here by copying bytes.
 */
import type { LogEvent } from '../core/event.js';
import type { Level } from '../core/level.js';
import type { EventFilter } from '../ingest/filter.js';
import {
  eventToCsv,
  eventToJsonl,
  eventToMarkdown,
  tableRenderer,
  type TimelineFormat,
} from '../render/timeline.js';
import { painter } from './io.js';

/** A batch of rendered rows: row i is data[ends[i-1] .. ends[i]) and has time ts[i]. */
export interface RowBatch {
  ts: Float64Array;
  ends: Uint32Array;
  data: Uint8Array;
}

/** What to render; plain data so it crosses to a worker. */
export interface RenderSpec {
  format: TimelineFormat | 'count';
  sourceWidth: number;
  width?: number;
  colour: boolean;
}

/** An EventFilter as plain data (a RegExp does not cross to a worker). */
export interface FilterData {
  since?: number;
  until?: number;
  level?: Level;
  grep?: { source: string; flags: string };
}

export function filterToData(f: EventFilter): FilterData {
  const d: FilterData = {};
  if (f.since !== undefined) d.since = f.since;
  if (f.until !== undefined) d.until = f.until;
  if (f.level !== undefined) d.level = f.level;
  if (f.grep !== undefined) d.grep = { source: f.grep.source, flags: f.grep.flags };
  return d;
}

export function filterFromData(d: FilterData): EventFilter {
  const f: EventFilter = {};
  if (d.since !== undefined) f.since = d.since;
  if (d.until !== undefined) f.until = d.until;
  if (d.level !== undefined) f.level = d.level;
  if (d.grep !== undefined) f.grep = new RegExp(d.grep.source, d.grep.flags);
  return f;
}

export function rowRenderer(spec: RenderSpec): ((e: LogEvent) => string) | undefined {
  switch (spec.format) {
    case 'count':
      return undefined;
    case 'jsonl':
      return eventToJsonl;
    case 'csv':
      return eventToCsv;
    case 'md':
      return eventToMarkdown;
    case 'table':
      return tableRenderer(spec.sourceWidth, spec.width, painter(spec.colour));
  }
}

const EMPTY = new Uint8Array(0);
const encoder = new TextEncoder();

/** Renders a batch of events into one buffer of rows, each ending in a newline. */
export function encodeRows(
  events: readonly LogEvent[],
  render: ((e: LogEvent) => string) | undefined,
): RowBatch {
  const n = events.length;
  const ts = new Float64Array(n);
  for (let i = 0; i < n; i++) ts[i] = events[i]!.ts;
  if (render === undefined) return { ts, ends: new Uint32Array(0), data: EMPTY };
  const rows = new Array<string>(n);
  for (let i = 0; i < n; i++) rows[i] = render(events[i]!);
  const text = rows.join('\n') + '\n';
  // A buffer of its own (not a slice of Node's shared pool), so it can be transferred whole.
  const data = encoder.encode(text);
  const ends = new Uint32Array(n);
  if (data.length === text.length) {
    // ASCII: one byte per char.
    let at = 0;
    for (let i = 0; i < n; i++) {
      at += rows[i]!.length + 1;
      ends[i] = at;
    }
  } else {
    let at = 0;
    for (let i = 0; i < n; i++) {
      at += Buffer.byteLength(rows[i]!, 'utf8') + 1;
      ends[i] = at;
    }
  }
  return { ts, ends, data };
}
