/**
 * Jaeger and Zipkin have no paging: a query returns at most `limit` traces. A full answer means
 * there may be more, so the window is halved and each half asked again, down to one second; what
 * still hits the limit then is named as a gap.
 */
import type { CollectContext, Window } from '../connector.js';
import { HttpError } from '../http.js';
import { SortedSink } from './sorted-sink.js';
import { inWindow, spanKey, spanRecord, type Span } from './span.js';

const MIN_SLICE_MS = 1000;

export interface TraceQuery {
  /** Traces (each its spans) whose spans fall in `w`, at most `limit` of them. */
  fetch(w: Window): Promise<Span[][]>;
  limit: number;
  /** For gap messages: `jaeger service shop-api`. */
  label: string;
}

/** Fetches every trace of `ctx.window`, halving the window where an answer is full. */
export async function collectTraces(ctx: CollectContext, q: TraceQuery): Promise<void> {
  const sink = new SortedSink(ctx, 'spans.jsonl');
  try {
    await sliceAndAdd(ctx, q, sink);
  } finally {
    await sink.write();
  }
}

async function sliceAndAdd(ctx: CollectContext, q: TraceQuery, sink: SortedSink): Promise<void> {
  const pending: Window[] = [ctx.window];
  while (pending.length > 0) {
    ctx.signal.throwIfAborted();
    const w = pending.shift()!;
    let traces: Span[][];
    try {
      traces = await q.fetch(w);
    } catch (err) {
      // A refused credential fails every query: end the source. Other failures lose one slice.
      if (!(err instanceof HttpError) || err.kind === 'auth') throw err;
      ctx.gap(`${q.label}: ${err.message}`, {
        since: new Date(w.since).toISOString(),
        until: new Date(w.until).toISOString(),
      });
      continue;
    }
    if (traces.length >= q.limit && w.until - w.since > MIN_SLICE_MS) {
      const mid = w.since + Math.floor((w.until - w.since) / 2);
      pending.unshift({ since: w.since, until: mid }, { since: mid, until: w.until });
      continue;
    }
    if (traces.length >= q.limit) {
      ctx.gap(
        `${q.label}: ${traces.length} traces in one second reach the query limit of ${q.limit}; some traces are missing (raise \`query_limit:\`)`,
        { since: new Date(w.since).toISOString(), limit: q.limit },
      );
    }
    for (const trace of traces) {
      for (const s of trace) {
        // A trace's spans may reach outside the window: the window decides, once per span.
        if (inWindow(s, ctx.window)) sink.add(s.startUs, spanRecord(s), spanKey(s));
      }
    }
  }
}
