/**
 * One PromQL expression over the window: a POST to `/api/v1/query_range` per slice of the window,
 * merged. A query Prometheus refuses or cannot answer becomes a gap naming it, and the others go
 * on; credentials refused, a wrong URL or an unreachable server end the source.
 */
import { diagnostic } from '../../core/diagnostic.js';
import type { CollectContext } from '../connector.js';
import { HttpError } from '../http.js';
import { formatDuration } from './duration.js';
import { MatrixMerger, readSeries, type MatrixSeries } from './matrix.js';
import { splitRange } from './step.js';

export interface RangeQuery {
  /** The file stem and the name gaps use. */
  name: string;
  expr: string;
  stepMs: number;
}

/** Errors after which no other query of the source can succeed. */
const FATAL = new Set(['auth', 'not-found', 'network']);

const seconds = (ms: number): string => String(ms / 1000);
const iso = (ms: number): string => new Date(ms).toISOString();

/** What Prometheus's error document says (`bad_data: parse error…`), if the body is one. */
function apiError(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { status?: unknown; errorType?: unknown; error?: unknown };
  if (b.status !== 'error') return undefined;
  const type = typeof b.errorType === 'string' ? b.errorType : 'error';
  return `${type}: ${typeof b.error === 'string' ? b.error : '(no message)'}`;
}

function parseBody(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The series of a success answer, or why it is not one. */
function matrixOf(body: unknown): { result: MatrixSeries[]; warnings: string[] } | string {
  const said = apiError(body);
  if (said !== undefined) return `Prometheus answered ${said}`;
  const b = body as {
    status?: unknown;
    data?: { resultType?: unknown; result?: unknown };
    warnings?: unknown;
  };
  if (b?.status !== 'success' || typeof b.data !== 'object' || b.data === null) {
    return 'expected {"status":"success","data":{…}}, received another document';
  }
  if (b.data.resultType !== 'matrix' || !Array.isArray(b.data.result)) {
    return `expected resultType "matrix", received ${JSON.stringify(b.data.resultType)}`;
  }
  const result: MatrixSeries[] = [];
  for (const item of b.data.result as unknown[]) {
    const s = readSeries(item);
    if (!s) return 'a series of the answer is not {"metric":{…},"values":[[time,"value"],…]}';
    result.push(s);
  }
  const warnings = Array.isArray(b.warnings)
    ? b.warnings.filter((w): w is string => typeof w === 'string')
    : [];
  return { result, warnings };
}

/**
 * Fetches `q` over the window into `merger`, calling `onSamples(added)` after each request (it may
 * throw to stop at the item limit). Returns false when a request failed (the gap is recorded);
 * the merger then holds the slices that came before.
 */
export async function fetchRange(
  ctx: CollectContext,
  baseUrl: string,
  q: RangeQuery,
  merger: MatrixMerger,
  onSamples: (added: number) => void,
): Promise<boolean> {
  const url = `${baseUrl.replace(/\/+$/, '')}/api/v1/query_range`;
  const step = formatDuration(q.stepMs);
  for (const slice of splitRange(ctx.window.since, ctx.window.until, q.stepMs)) {
    ctx.signal.throwIfAborted();
    const range = `${iso(slice.start)} to ${iso(slice.end)}`;
    const gap = (why: string): false => {
      ctx.gap(`query "${q.name}" (${range}, step ${step}): ${why}`, { query: q.name });
      return false;
    };
    let body: unknown;
    try {
      const res = await ctx.http.request(url, {
        method: 'POST',
        body: new URLSearchParams({
          query: q.expr,
          start: seconds(slice.start),
          end: seconds(slice.end),
          step: seconds(q.stepMs),
        }),
      });
      body = parseBody(res.text);
      if (body === undefined) return gap(`expected JSON, received "${res.text.slice(0, 80)}"`);
    } catch (err) {
      if (!(err instanceof HttpError) || FATAL.has(err.kind)) throw err;
      // 400 bad_data, 422 execution, 503 timeout: Prometheus says why in its error document.
      const said = apiError(parseBody(err.body));
      return gap(said !== undefined ? `HTTP ${err.status}: ${said}` : err.message);
    }
    const answer = matrixOf(body);
    if (typeof answer === 'string') return gap(answer);
    for (const w of answer.warnings) {
      if (merger.warn(w)) {
        ctx.report(
          diagnostic(
            'collect/prometheus-warning',
            ctx.source,
            'info',
            `${ctx.source}: query "${q.name}": ${w}`,
            {
              data: { query: q.name },
            },
          ),
        );
      }
    }
    onSamples(merger.add(answer.result));
  }
  return true;
}
