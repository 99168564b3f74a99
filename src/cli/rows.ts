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
  data: Buffer;
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

// Its own (empty) memory, never a slice of Node's shared pool: batches cross to other threads.
const EMPTY = Buffer.allocUnsafeSlow(0);

/** The whole buffer under a batch's rows, to hand back as the next batch's spare. */
export function spareOf(batch: RowBatch): Buffer | undefined {
  return batch.data.length > 0
    ? Buffer.from(
        batch.data.buffer,
        batch.data.byteOffset,
        batch.data.buffer.byteLength - batch.data.byteOffset,
      )
    : undefined;
}

/**
 * Renders a batch of events into one buffer of rows, each ending in a newline. `spare` is a
 * buffer whose rows were already consumed, reused when large enough so that steady reading
 * allocates no new buffers (freed buffers would wait for a garbage collection to be released).
 */
export function encodeRows(
  events: readonly LogEvent[],
  render: ((e: LogEvent) => string) | undefined,
  spare?: Buffer,
): RowBatch {
  const n = events.length;
  const ts = new Float64Array(n);
  for (let i = 0; i < n; i++) ts[i] = events[i]!.ts;
  if (render === undefined) return { ts, ends: new Uint32Array(0), data: EMPTY };
  const rows = new Array<string>(n);
  let chars = 0;
  for (let i = 0; i < n; i++) {
    const row = render(events[i]!);
    rows[i] = row;
    chars += row.length + 1;
  }
  // Rows are written straight into one buffer of their own (not a slice of Node's shared pool,
  // so it can be transferred to another thread); it grows only for non-ASCII text.
  const want = Math.ceil(chars * 1.05) + 64;
  let data =
    spare !== undefined && spare.length >= want
      ? spare
      : Buffer.allocUnsafeSlow(Math.max(want, 1 << 19));
  const ends = new Uint32Array(n);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    if (data.length - at < row.length * 3 + 1) {
      const need = Buffer.byteLength(row, 'utf8') + 1;
      if (data.length - at < need) {
        const bigger = Buffer.allocUnsafeSlow(Math.max(data.length * 2, at + need + 1024));
        // (A spare buffer that proves too small is dropped: the bigger one is kept from now on.)
        data.copy(bigger, 0, 0, at);
        data = bigger;
      }
    }
    at += data.write(row, at, 'utf8');
    data[at++] = 10;
    ends[i] = at;
  }
  return { ts, ends, data: data.subarray(0, at) };
}
