/** A case's merged timeline as typed columns plus a packed message store: a million events in tens of MB. */
import { relative, resolve, sep } from 'node:path';
import { errorText, isError } from '../analysis/signals.js';
import { LEVELS, levelRank } from '../core/level.js';
import { openTimeline } from '../ingest/timeline.js';
import { MessageStore } from './message-store.js';

/** A growable column: doubling keeps appends amortised O(1); `seal` trims the spare half. */
class Column<T extends Float64Array | Uint32Array | Uint16Array | Uint8Array> {
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  set(i: number, v: number): void {
    if (i === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[i] = v;
  }
  seal(n: number): T {
    this.data = this.data.slice(0, n) as T;
    return this.data;
  }
}

export interface EventIndex {
  size: number;
  /** UTC epoch ms as read (a source whose clock goes back keeps its order, so not always sorted). */
  ts: Float64Array;
  /** Non-decreasing (the running maximum of `ts`): what time ranges are searched on. */
  key: Float64Array;
  source: Uint16Array;
  /** `levelRank` of each event. */
  level: Uint8Array;
  file: Uint16Array;
  line: Uint32Array;
  /** Byte offset of the line in its (decompressed) file, for a reader that seeks. */
  offset: Float64Array;
  messages: MessageStore;
  /**
   * 1 + the position in `details` of the error a structured log attached to the event (0: none):
   * the analysis mines error templates over the message with it, so the template filter needs it.
   */
  detail: Uint32Array;
  details: MessageStore;
  sources: string[];
  /** Evidence paths relative to the case folder, `/`-separated, as the lines API takes them. */
  files: string[];
  /** Events per level rank, over the whole case. */
  levelCounts: number[];
  builtMs: number;
  /** Bytes held by the columns and the message store. */
  bytes: number;
}

const INITIAL = 1 << 16;

/**
 * Reads the case's timeline once, in order, into columns.
 *
 * @example
 * const index = await buildEventIndex('examples/pool-exhaustion');
 * index.messages.get(0); // the first event's message
 */
export async function buildEventIndex(dir: string): Promise<EventIndex> {
  const started = performance.now();
  const timeline = await openTimeline([dir]);
  const ts = new Column(new Float64Array(INITIAL), (n) => new Float64Array(n));
  const source = new Column(new Uint16Array(INITIAL), (n) => new Uint16Array(n));
  const level = new Column(new Uint8Array(INITIAL), (n) => new Uint8Array(n));
  const file = new Column(new Uint16Array(INITIAL), (n) => new Uint16Array(n));
  const line = new Column(new Uint32Array(INITIAL), (n) => new Uint32Array(n));
  const offset = new Column(new Float64Array(INITIAL), (n) => new Float64Array(n));
  const messages = new MessageStore();
  const detail = new Column(new Uint32Array(INITIAL), (n) => new Uint32Array(n));
  const details = new MessageStore();
  const sourceIds = new Map<string, number>();
  const fileIds = new Map<string, number>();
  const files: string[] = [];
  const levelCounts = LEVELS.map(() => 0);
  const root = resolve(dir);
  let n = 0;
  let sorted = true;
  let last = -Infinity;
  for await (const batch of timeline.events) {
    for (const e of batch) {
      let s = sourceIds.get(e.source);
      if (s === undefined) sourceIds.set(e.source, (s = sourceIds.size));
      let f = fileIds.get(e.file);
      if (f === undefined) {
        fileIds.set(e.file, (f = files.length));
        files.push(relative(root, resolve(root, e.file)).split(sep).join('/'));
      }
      const rank = levelRank(e.level);
      if (e.ts < last) sorted = false;
      else last = e.ts;
      ts.set(n, e.ts);
      source.set(n, s);
      level.set(n, rank);
      file.set(n, f);
      line.set(n, e.line);
      offset.set(n, e.offset);
      messages.add(e.message);
      const text = isError(e) ? errorText(e) : undefined;
      if (text !== undefined && text !== e.message) {
        // errorText is `${message}: ${error}`: only the error is kept.
        details.add(text.slice(e.message.length + 2));
        detail.set(n, details.size);
      } else detail.set(n, 0);
      levelCounts[rank]!++;
      n++;
    }
  }
  messages.seal();
  details.seal();
  const tsCol = ts.seal(n);
  let key = tsCol;
  if (!sorted) {
    key = new Float64Array(n);
    let max = -Infinity;
    for (let i = 0; i < n; i++) key[i] = max = Math.max(max, tsCol[i]!);
  }
  const index: EventIndex = {
    size: n,
    ts: tsCol,
    key,
    source: source.seal(n),
    level: level.seal(n),
    file: file.seal(n),
    line: line.seal(n),
    offset: offset.seal(n),
    messages,
    detail: detail.seal(n),
    details,
    sources: [...sourceIds.keys()],
    files,
    levelCounts,
    builtMs: 0,
    bytes: 0,
  };
  index.bytes =
    messages.bytes +
    details.bytes +
    [
      index.ts,
      index.source,
      index.level,
      index.file,
      index.line,
      index.offset,
      index.detail,
    ].reduce((a, c) => a + c.byteLength, key === tsCol ? 0 : key.byteLength);
  index.builtMs = Math.round(performance.now() - started);
  return index;
}

/** The first i in [lo, hi) with key[i] >= t (hi when none). */
export function lowerBound(key: Float64Array, t: number, lo = 0, hi = key.length): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (key[mid]! < t) a = mid + 1;
    else b = mid;
  }
  return a;
}
