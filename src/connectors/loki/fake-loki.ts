/** A test double for Loki (used by this folder's tests): a FakeApi handler for query_range. */
import type { IncomingHttpHeaders } from 'node:http';

// The shapes of test/support/fake-api.ts, restated so that this file builds from src/ alone.
interface FakeRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}
interface FakeResponse {
  status?: number;
  json?: unknown;
  body?: string;
}

// A Loki that speaks GET /loki/api/v1/query_range as documented: start inclusive and end
// exclusive in epoch nanoseconds, `limit` earliest entries for direction=forward, streams grouped
// by label set, 400 for what a real Loki refuses (no query, bad times, limit over the maximum).
export interface Stored {
  ns: bigint;
  labels: Record<string, string>;
  line: string;
}

const MAX_ENTRIES = 5000;
export const key = (l: Record<string, string>): string => JSON.stringify(Object.entries(l).sort());
export function lokiApi(
  store: Stored[],
  auth: (h: IncomingHttpHeaders) => boolean = () => true,
): (req: FakeRequest) => FakeResponse {
  return (req) => {
    if (req.path !== '/loki/api/v1/query_range')
      return { status: 404, body: '404 page not found\n' };
    if (!auth(req.headers)) return { status: 401, body: 'no org id\n' };
    const q = req.query;
    const query = q.get('query');
    if (!query || !query.trim().startsWith('{'))
      return {
        status: 400,
        body: 'parse error at line 1, col 1: syntax error: unexpected IDENTIFIER\n',
      };
    const start = q.get('start');
    const end = q.get('end');
    if (!start || !end || !/^\d+$/.test(start) || !/^\d+$/.test(end))
      return {
        status: 400,
        body: 'invalid start/end: this fake needs both, in epoch nanoseconds\n',
      };
    if (BigInt(end) <= BigInt(start))
      return { status: 400, body: 'end timestamp must not be before or equal to start time\n' };
    const limit = Number(q.get('limit') ?? '100');
    if (!Number.isInteger(limit) || limit <= 0)
      return { status: 400, body: 'limit must be a positive value\n' };
    if (limit > MAX_ENTRIES)
      return {
        status: 400,
        body: `max entries limit per query exceeded, limit > max_entries_limit_per_query (${limit} > ${MAX_ENTRIES})\n`,
      };
    if (q.get('direction') !== 'forward')
      return { status: 400, body: 'this fake pages forward only\n' };
    // Ties at one nanosecond come back in store order, which need not be the client's order.
    const chosen = store
      .map((e, i) => ({ e, i }))
      .filter(({ e }) => e.ns >= BigInt(start) && e.ns < BigInt(end))
      .sort((a, b) => (a.e.ns === b.e.ns ? b.i - a.i : a.e.ns < b.e.ns ? -1 : 1))
      .slice(0, limit)
      .map(({ e }) => e);
    const streams = new Map<
      string,
      { stream: Record<string, string>; values: [string, string][] }
    >();
    for (const e of chosen) {
      const k = key(e.labels);
      if (!streams.has(k)) streams.set(k, { stream: e.labels, values: [] });
      streams.get(k)!.values.push([e.ns.toString(), e.line]);
    }
    return {
      json: {
        status: 'success',
        data: {
          resultType: 'streams',
          result: [...streams.values()],
          stats: { summary: { totalEntriesReturned: chosen.length } },
        },
      },
    };
  };
}
