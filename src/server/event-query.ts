/** Filters, pages and histograms over an event index; a filtered selection is computed once and reused. */
import { compileTemplate, type TemplateMatcher } from '../analysis/templates/template-matcher.js';
import { LEVELS } from '../core/level.js';
import { lowerBound, type EventIndex } from './event-index.js';
import { parseMatcher, type MessageMatcher } from './message-store.js';

export interface EventFilters {
  /** UTC ms, inclusive. */
  from?: number;
  /** UTC ms, exclusive. */
  to?: number;
  /** Source indexes kept; undefined keeps all. */
  sources?: ReadonlySet<number>;
  /** Lowest level rank kept. */
  minLevel: number;
  q?: string;
  /** A mined template (`<*>` for variable parts): only the events it matches. */
  template?: string;
}

/** The events that pass the source, level and text filters, as ascending event indexes (undefined: all). */
export type Selection = Uint32Array | undefined;

/** Event positions [lo, hi) of a selection that fall in a time range. */
export interface Range {
  selection: Selection;
  lo: number;
  hi: number;
}

export interface EventRow {
  /** Position in the filtered range: what the list scrolls by. */
  n: number;
  ts: string;
  source: string;
  level: string;
  message: string;
  file: string;
  line: number;
}

export function selectionKey(f: EventFilters): string {
  return JSON.stringify([
    f.sources ? [...f.sources].sort() : null,
    f.minLevel,
    f.q ?? '',
    f.template ?? '',
  ]);
}

/** Events scanned per slice of a text search: about a MB of messages, a few milliseconds between requests. */
const SCAN_SLICE = 1 << 14;

/**
 * The events passing the filters other than time, found in time order. Source and level filters
 * are one quick pass; a text search scans the message store a slice at a time between other
 * requests, so the first matches are served while it goes on. Positions found never move: a
 * later slice only appends.
 */
export class SelectionBuilder {
  private buffer: Uint32Array | undefined;
  count = 0;
  /** Events scanned so far (all of them when done). */
  scanned = 0;
  done = false;
  cancelled = false;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly index: EventIndex,
    private readonly filters: EventFilters,
    private readonly matcher: MessageMatcher | undefined,
    private readonly template?: TemplateMatcher,
  ) {
    const { sources, minLevel } = filters;
    if (!sources && minLevel === 0 && !matcher && !template) {
      this.finish();
      return;
    }
    this.buffer = new Uint32Array(index.size);
    // A template is tested message by message, so it scans a slice at a time like a text search.
    if (!matcher && !template) {
      this.slice(index.size);
      return;
    }
    void this.run();
  }

  static of(index: EventIndex, filters: EventFilters): SelectionBuilder {
    let matcher: MessageMatcher | undefined;
    if (filters.q !== undefined && filters.q !== '') {
      const parsed = parseMatcher(filters.q);
      if (typeof parsed === 'string') throw new Error(parsed);
      matcher = parsed;
    }
    let template: TemplateMatcher | undefined;
    if (filters.template !== undefined && filters.template !== '') {
      const compiled = compileTemplate(filters.template);
      if (typeof compiled === 'string') throw new Error(compiled);
      template = compiled;
    }
    return new SelectionBuilder(index, filters, matcher, template);
  }

  /** What has been found so far (undefined: every event). */
  get selection(): Selection {
    return this.buffer?.subarray(0, this.count);
  }

  private slice(n: number): void {
    const { index, filters, buffer } = this;
    const { sources, minLevel } = filters;
    const out = buffer!;
    const to = Math.min(index.size, this.scanned + n);
    const { template } = this;
    const keep = (i: number): boolean =>
      index.level[i]! >= minLevel &&
      (!sources || sources.has(index.source[i]!)) &&
      (!template || templateHas(index, template, i));
    if (this.matcher)
      index.messages.scan(this.matcher, this.scanned, to, (i) => {
        if (keep(i)) out[this.count++] = i;
        return true;
      });
    else for (let i = this.scanned; i < to; i++) if (keep(i)) out[this.count++] = i;
    this.scanned = to;
    if (to === index.size) this.finish();
  }

  private finish(): void {
    this.scanned = this.index.size;
    this.done = true;
    // The spare end of the buffer is given back once the count is known.
    if (this.buffer) this.buffer = this.buffer.slice(0, this.count);
    this.notify();
  }

  private notify(): void {
    for (const w of this.waiters) w();
  }

  private async run(): Promise<void> {
    while (!this.done && !this.cancelled) {
      this.slice(SCAN_SLICE);
      this.notify();
      await new Promise((r) => setImmediate(r));
    }
  }

  /** Resolves once `wanted` matches are found, the scan is done, or `budgetMs` has passed. */
  async ready(wanted: number, budgetMs: number): Promise<void> {
    if (this.done || this.count >= wanted) return;
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (this.done || this.count >= wanted) finish();
      };
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(finish, budgetMs);
      this.waiters.add(check);
    });
  }
}

/**
 * Whether the event belongs to the template: the analysis mines every message, and error events
 * again as the message with the error a structured log attached (`request failed: timeout`).
 */
function templateHas(index: EventIndex, template: TemplateMatcher, i: number): boolean {
  const message = index.messages.get(i);
  if (template.test(message)) return true;
  const d = index.detail[i]!;
  return d !== 0 && template.test(`${message}: ${index.details.get(d - 1)}`);
}

/** The first position p in [lo, hi) of the selection whose event time is ≥ t. */
function boundIn(index: EventIndex, sel: Uint32Array, t: number, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (index.key[sel[mid]!]! < t) a = mid + 1;
    else b = mid;
  }
  return a;
}

export function timeRange(index: EventIndex, selection: Selection, f: EventFilters): Range {
  const size = selection ? selection.length : index.size;
  const bound = (t: number): number =>
    selection ? boundIn(index, selection, t, 0, size) : lowerBound(index.key, t);
  const lo = f.from !== undefined ? bound(f.from) : 0;
  const hi = f.to !== undefined ? Math.max(lo, bound(f.to)) : size;
  return { selection, lo, hi };
}

/** The position (relative to the range) of the first event at or after `t`. */
export function positionOf(index: EventIndex, range: Range, t: number): number {
  const p = range.selection
    ? boundIn(index, range.selection, t, range.lo, range.hi)
    : lowerBound(index.key, t, range.lo, range.hi);
  return Math.min(p, range.hi) - range.lo;
}

export function rows(index: EventIndex, range: Range, cursor: number, limit: number): EventRow[] {
  const out: EventRow[] = [];
  const end = Math.min(range.hi, range.lo + cursor + limit);
  for (let p = range.lo + cursor; p < end; p++) {
    const i = range.selection ? range.selection[p]! : p;
    out.push({
      n: p - range.lo,
      ts: new Date(index.ts[i]!).toISOString(),
      source: index.sources[index.source[i]!]!,
      level: LEVELS[index.level[i]!]!,
      message: index.messages.get(i),
      file: index.files[index.file[i]!]!,
      line: index.line[i]!,
    });
  }
  return out;
}

export interface Histogram {
  from: number;
  to: number;
  bins: number;
  binMs: number;
  total: number;
  /** Counts per bin, for each level that occurs in the range. */
  levels: Record<string, number[]>;
}

/** Counts per time bin and level over [from, to): one pass over the events in the range. */
export function histogram(
  index: EventIndex,
  selection: Selection,
  from: number,
  to: number,
  bins: number,
): Histogram {
  const span = Math.max(1, to - from);
  const range = timeRange(index, selection, { from, to, minLevel: 0 });
  const counts = new Uint32Array(LEVELS.length * bins);
  const scale = bins / span;
  for (let p = range.lo; p < range.hi; p++) {
    const i = selection ? selection[p]! : p;
    let b = Math.floor((index.key[i]! - from) * scale);
    if (b >= bins) b = bins - 1;
    counts[index.level[i]! * bins + b]!++;
  }
  const levels: Record<string, number[]> = {};
  LEVELS.forEach((name, rank) => {
    const row = counts.subarray(rank * bins, (rank + 1) * bins);
    if (row.some((c) => c > 0)) levels[name] = Array.from(row);
  });
  return { from, to, bins, binMs: span / bins, total: range.hi - range.lo, levels };
}
