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

// Row buffers come in a few sizes with headroom, so a spare almost always fits the next batch:
// buffers of every size in between would be freed and allocated again by the thousand, and the
// allocator keeps the freed ones (tens of MB of resident memory on the benchmark).
const SIZE_STEP = 1 << 18;
const MIN_ROWS_BYTES = 1 << 20;

function sizeClass(want: number): number {
  return Math.max(MIN_ROWS_BYTES, Math.ceil((want * 1.25) / SIZE_STEP) * SIZE_STEP);
}

/**
 * Events taken from a reader at a time, rendered at once and then dropped: few, so that they die
 * young. Rows are handed on in larger batches (see RowEncoder).
 */
export const READ_BATCH = 64;

/**
 * Builds batches of rendered rows from events as they come, so that each event can be dropped as
 * soon as it is rendered: events held until a whole batch has been read outlive young garbage
 * collections, and copying them is most of what those collections cost.
 */
export class RowEncoder {
  private ts: Float64Array;
  private ends: Uint32Array;
  private data: Buffer = EMPTY;
  private n = 0;
  private at = 0;

  constructor(
    private readonly render: ((e: LogEvent) => string) | undefined,
    /** Rows a batch is expected to hold (it grows past that when asked to). */
    private readonly size: number,
    /** A buffer whose rows were already consumed, to reuse, if there is one. */
    private readonly spare: () => Buffer | undefined,
  ) {
    this.ts = new Float64Array(size);
    this.ends = new Uint32Array(render === undefined ? 0 : size);
  }

  /** Rows in the batch being built. */
  get length(): number {
    return this.n;
  }

  add(events: readonly LogEvent[]): void {
    const render = this.render;
    for (const e of events) {
      if (this.n === this.ts.length) this.grow();
      this.ts[this.n] = e.ts;
      if (render !== undefined) this.ends[this.n] = this.write(render(e));
      this.n++;
    }
  }

  /** The batch built so far; the next one starts empty. */
  take(): RowBatch {
    const n = this.n;
    const batch: RowBatch = {
      ts: this.ts.subarray(0, n),
      ends: this.render === undefined ? this.ends : this.ends.subarray(0, n),
      data: this.data.subarray(0, this.at),
    };
    // The arrays go to another thread with the batch: the next batch gets its own.
    this.ts = new Float64Array(this.size);
    if (this.render !== undefined) this.ends = new Uint32Array(this.size);
    this.data = EMPTY;
    this.n = 0;
    this.at = 0;
    return batch;
  }

  /** Appends a row and its newline; returns where it ends. */
  private write(row: string): number {
    let data = this.data;
    if (data === EMPTY) {
      const spare = this.spare();
      data = this.data = spare ?? Buffer.allocUnsafeSlow(MIN_ROWS_BYTES);
    }
    let at = this.at;
    if (data.length - at < row.length * 3 + 1) {
      const need = Buffer.byteLength(row, 'utf8') + 1;
      if (data.length - at < need) {
        // Rows are written into a buffer of their own (not a slice of Node's shared pool, so it
        // can be transferred to another thread); a spare that proves too small is dropped.
        const bigger = Buffer.allocUnsafeSlow(sizeClass(at + need));
        data.copy(bigger, 0, 0, at);
        data = this.data = bigger;
      }
    }
    at += data.write(row, at, 'utf8');
    data[at++] = 10;
    this.at = at;
    return at;
  }

  private grow(): void {
    const ts = new Float64Array(this.ts.length * 2 + 16);
    ts.set(this.ts);
    this.ts = ts;
    if (this.render !== undefined) {
      const ends = new Uint32Array(ts.length);
      ends.set(this.ends);
      this.ends = ends;
    }
  }
}
