/**
 * Pages a log query forward through `[start, end)`. Loki answers the `limit` earliest entries; when
 * a page is full the rest of the window is asked again from the page's last timestamp, and the
 * entries already written at that very nanosecond are skipped, so every entry arrives once.
 */
import { HttpError } from '../http.js';
import type { LokiEntry } from './response.js';

export interface PageRequest {
  /** Nanoseconds, inclusive. */
  start: bigint;
  /** Nanoseconds, exclusive. */
  end: bigint;
  limit: number;
}

export interface Paging {
  start: bigint;
  end: bigint;
  limit: number;
  signal?: AbortSignal;
  /** One request; entries in time order. */
  fetch(request: PageRequest): Promise<LokiEntry[]>;
  /** Each entry of the window, once, in time order. */
  entry(e: LokiEntry): Promise<void>;
  /** A whole page shares one nanosecond: entries beyond `limit` at that time cannot be asked for. */
  crowded(ns: bigint, limit: number): void;
  /** An answer was over the size limit: the page is asked again with a smaller limit. */
  shrunk?(limit: number, cause: HttpError): void;
}

const identity = (e: LokiEntry): string => `${e.key}\n${e.line}`;

/** Counts the identities of the entries at `ns` (two identical lines in a stream count twice). */
function countAt(page: readonly LokiEntry[], ns: bigint): Map<string, number> {
  const seen = new Map<string, number>();
  for (const e of page) {
    if (e.ns === ns) seen.set(identity(e), (seen.get(identity(e)) ?? 0) + 1);
  }
  return seen;
}

/** Asks for the page, halving the limit while the answer is too large to read. */
async function fetchPage(p: Paging, start: bigint, limit: number): Promise<[LokiEntry[], number]> {
  for (;;) {
    try {
      return [await p.fetch({ start, end: p.end, limit }), limit];
    } catch (err) {
      if (!(err instanceof HttpError) || err.kind !== 'too-large' || limit <= 1) throw err;
      limit = Math.max(1, Math.floor(limit / 2));
      p.shrunk?.(limit, err);
    }
  }
}

/** Runs the query over the whole window; resolves when the window is exhausted. */
export async function pageThrough(p: Paging): Promise<void> {
  let start = p.start;
  let limit = p.limit;
  // The entries at `start` that are already written, by identity.
  let written = new Map<string, number>();
  while (start < p.end) {
    p.signal?.throwIfAborted();
    const [page, used] = await fetchPage(p, start, limit);
    limit = used;
    for (const e of page) {
      // A server that strays outside the window does not widen it.
      if (e.ns < start || e.ns >= p.end) continue;
      if (e.ns === start) {
        const id = identity(e);
        const n = written.get(id) ?? 0;
        if (n > 0) {
          written.set(id, n - 1);
          continue;
        }
      }
      await p.entry(e);
    }
    if (page.length < limit) return;
    const last = page[page.length - 1]!.ns;
    if (last <= start) {
      // A whole page at one nanosecond: asking again from there would return the same page.
      p.crowded(start, limit);
      start += 1n;
      written = new Map();
      continue;
    }
    // Every entry of this page at `last` is now written, including those skipped above.
    written = countAt(page, last);
    start = last;
  }
}
