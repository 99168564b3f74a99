/**
 * A test double for Elasticsearch and OpenSearch (used by this folder's tests, like trackers/fakes):
 * a FakeApi handler that speaks the documented search and point-in-time APIs.
 */
import type { IncomingHttpHeaders } from 'node:http';

// The shapes of test/support/fake-api.ts, restated so that this file builds from src/ alone.
interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  json<T = unknown>(): T;
}
interface FakeResponse {
  status?: number;
  json?: unknown;
}
type FakeHandler = (req: FakeRequest) => FakeResponse;

// A search engine that speaks the documented APIs: `GET /` (OpenSearch names itself in
// version.distribution), point in time (Elasticsearch `POST /<index>/_pit` + `DELETE /_pit`;
// OpenSearch `POST /<index>/_search/point_in_time` + `DELETE /_search/point_in_time`), and
// `_search` with sort + search_after. It answers 400 where a real server would (an index in the
// path with a PIT, search_after not matching the sort, size over 10000, an unknown or closed PIT)
// and where this project needs a guarantee: a search without a range filter on the time field.

export interface Doc {
  _index: string;
  _id: string;
  source: Record<string, unknown>;
}

export interface Engine {
  flavor: 'elasticsearch' | 'opensearch';
  version: string;
  docs: Doc[];
  tsField?: string;
  /** PIT ids open now (with the index pattern each was opened on), and every id ever opened. */
  open: Map<string, string>;
  opened: string[];
  /** Answer 400 to a PIT open (a server without the API). */
  noPit?: boolean;
}

export const error400 = (reason: string, type = 'illegal_argument_exception') => ({
  status: 400,
  json: { error: { root_cause: [{ type, reason }], type, reason }, status: 400 },
});

function matchIndex(pattern: string, name: string): boolean {
  return decodeURIComponent(pattern)
    .split(',')
    .some((p) =>
      new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(name),
    );
}

export function tsOf(d: Doc, field: string): number {
  const v =
    field.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], d.source) ??
    d.source[field];
  return typeof v === 'number' ? v : Date.parse(String(v));
}

/** The subset of query DSL the tests use: bool.filter of range, query_string `field:value`, term. */
function matches(d: Doc, clause: Record<string, unknown>, e: Engine): boolean | string {
  const [kind, arg] = Object.entries(clause)[0] ?? [];
  const a = arg as Record<string, Record<string, unknown>>;
  if (kind === 'range') {
    const [field, r] = Object.entries(a)[0]!;
    const t = tsOf(d, field);
    return t >= Date.parse(String(r.gte)) && t < Date.parse(String(r.lt));
  }
  if (kind === 'query_string') {
    const [field, value] = String((arg as { query: string }).query).split(':');
    return String(d.source[field!]) === value;
  }
  if (kind === 'term') {
    const [field, value] = Object.entries(a)[0]!;
    return d.source[field] === value;
  }
  return `unsupported clause ${kind} in the fake (${e.flavor})`;
}

function search(e: Engine, req: FakeRequest, index: string | undefined) {
  const body = req.json<Record<string, unknown>>();
  const tsField = e.tsField ?? '@timestamp';
  const pit = body.pit as { id?: string } | undefined;
  if (pit && index !== undefined)
    return error400(
      '[indices] cannot be used with point in time',
      'action_request_validation_exception',
    );
  if (pit && !e.open.has(String(pit.id)))
    return {
      status: 404,
      json: {
        error: { type: 'search_context_missing_exception', reason: 'No search context found' },
        status: 404,
      },
    };
  if (!pit && index === undefined) return error400('this fake needs an index or a point in time');
  const size = Number(body.size ?? 10);
  if (size > 10_000)
    return error400(
      'Result window is too large, from + size must be less than or equal to: [10000]',
    );
  const filters = ((body.query as { bool?: { filter?: unknown } })?.bool?.filter ?? []) as Record<
    string,
    unknown
  >[];
  const range = filters.find((f) => 'range' in f) as
    { range: Record<string, { gte?: string; lt?: string }> } | undefined;
  if (!range?.range[tsField]?.gte || !range.range[tsField]?.lt)
    return error400(`the fake refuses a search without a range filter (gte, lt) on ${tsField}`);
  const sort = (body.sort ?? []) as Record<string, unknown>[];
  const sortKeys = sort.map((s) => Object.keys(s)[0]);
  if (sortKeys[0] !== tsField) return error400(`expected a sort on ${tsField} first`);
  const tiebreak = sortKeys[1];
  if (
    tiebreak === '_shard_doc' &&
    (!pit || (e.flavor === 'opensearch' && !e.version.startsWith('3.')))
  )
    return error400(
      'No mapping found for [_shard_doc] in order to sort on',
      'query_shard_exception',
    );
  if (tiebreak !== '_shard_doc' && tiebreak !== '_id')
    return error400('expected a tiebreaker sort');
  const after = body.search_after as unknown[] | undefined;
  if (after && after.length !== sort.length)
    return error400(`search_after has ${after.length} value(s) but sort has ${sort.length}.`);
  const pattern = pit ? e.open.get(String(pit.id))! : index!;
  const pool = e.docs.filter((d) => matchIndex(pattern, d._index));
  const hits = [];
  for (const [i, d] of pool.entries()) {
    let ok = true;
    for (const f of filters) {
      const m = matches(d, f, e);
      if (typeof m === 'string') return error400(m);
      ok &&= m;
    }
    if (ok)
      hits.push({
        d,
        sort: [tsOf(d, tsField), tiebreak === '_id' ? d._id : i] as [number, string | number],
      });
  }
  const order = (x: unknown, y: unknown): number =>
    typeof x === 'number' && typeof y === 'number'
      ? x - y
      : String(x) < String(y)
        ? -1
        : String(x) > String(y)
          ? 1
          : 0;
  const cmp = (a: unknown[], b: unknown[]): number => order(a[0], b[0]) || order(a[1], b[1]);
  hits.sort((x, y) => cmp(x.sort, y.sort));
  const page = hits.filter((h) => !after || cmp(h.sort, after) > 0).slice(0, size);
  return {
    json: {
      took: 3,
      timed_out: false,
      ...(pit ? { pit_id: String(pit.id) } : {}),
      _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
      hits: {
        max_score: null,
        hits: page.map((h) => ({
          _index: h.d._index,
          _id: h.d._id,
          _score: null,
          _source: h.d.source,
          sort: h.sort,
        })),
      },
    },
  };
}

export function engineApi(
  e: Engine,
  auth: (h: FakeRequest['headers']) => boolean = () => true,
): FakeHandler {
  return (req) => {
    if (!auth(req.headers))
      return {
        status: 401,
        json: {
          error: { type: 'security_exception', reason: 'missing authentication credentials' },
          status: 401,
        },
      };
    const parts = req.path.split('/').filter(Boolean);
    if (req.method === 'GET' && parts.length === 0) {
      return {
        json:
          e.flavor === 'opensearch'
            ? {
                name: 'os-0',
                cluster_name: 'shop',
                version: { distribution: 'opensearch', number: e.version, lucene_version: '9.7.0' },
                tagline: 'The OpenSearch Project: https://opensearch.org/',
              }
            : {
                name: 'es-0',
                cluster_name: 'shop',
                version: { number: e.version, build_flavor: 'default', lucene_version: '9.11.1' },
                tagline: 'You Know, for Search',
              },
      };
    }
    const esPit = e.flavor === 'elasticsearch' && !e.noPit;
    const osPit = e.flavor === 'opensearch' && !e.noPit;
    if (req.method === 'POST' && parts.length === 2 && parts[1] === '_pit' && esPit) {
      if (!req.query.get('keep_alive')) return error400('[keep_alive] is required');
      const id = `es-pit-${e.opened.length}`;
      e.open.set(id, parts[0]!);
      e.opened.push(id);
      return { json: { id } };
    }
    if (
      req.method === 'POST' &&
      parts.length === 3 &&
      parts[1] === '_search' &&
      parts[2] === 'point_in_time' &&
      osPit
    ) {
      if (!req.query.get('keep_alive')) return error400('Keep alive cannot be empty');
      const id = `os-pit-${e.opened.length}`;
      e.open.set(id, parts[0]!);
      e.opened.push(id);
      return {
        json: {
          pit_id: id,
          _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
          creation_time: Date.now(),
        },
      };
    }
    if (req.method === 'DELETE' && req.path === '/_pit' && esPit) {
      const id = req.json<{ id: string }>().id;
      const freed = e.open.delete(id);
      return { status: freed ? 200 : 404, json: { succeeded: freed, num_freed: freed ? 1 : 0 } };
    }
    if (req.method === 'DELETE' && req.path === '/_search/point_in_time' && osPit) {
      const ids = req.json<{ pit_id: string[] }>().pit_id;
      return { json: { pits: ids.map((id) => ({ pit_id: id, successful: e.open.delete(id) })) } };
    }
    if (req.method === 'POST' && req.path === '/_search') return search(e, req, undefined);
    if (req.method === 'POST' && parts.length === 2 && parts[1] === '_search')
      return search(e, req, parts[0]);
    return error400(`no handler for [${req.method} ${req.path}]`);
  };
}
