/** Pages through the window with `search_after`, inside a point in time when there is one. */
import { diagnostic } from '../../core/diagnostic.js';
import { AftermathError } from '../../errors.js';
import type { CollectContext } from '../connector.js';
import { HttpError } from '../http.js';
import type { SnapshotWriter } from '../snapshot.js';
import type { Plan } from './cluster.js';
import { hitLine, type Hit } from './hit.js';
import type { ElasticsearchOptions } from './options.js';
import { searchBody } from './query.js';

interface SearchResponse {
  pit_id?: unknown;
  timed_out?: unknown;
  _shards?: { total?: number; failed?: number; failures?: { reason?: { reason?: unknown } }[] };
  hits?: { hits?: unknown };
}

export interface SearchTarget {
  /** `/_search` inside a point in time, `/<index>/_search` without. */
  url: string;
  /** Updated from each answer (Elasticsearch may hand back a new id). */
  pitId: string | undefined;
}

/** Writes every hit of the window; returns how many. */
export async function searchAll(
  ctx: CollectContext,
  o: ElasticsearchOptions,
  plan: Plan,
  target: SearchTarget,
  out: SnapshotWriter,
): Promise<number> {
  let size = o.page_size;
  let after: unknown[] | undefined;
  let items = 0;
  const told = new Set<string>();
  for (;;) {
    ctx.signal.throwIfAborted();
    let res: SearchResponse;
    try {
      const body = searchBody(o, ctx.window, plan, { size, pitId: target.pitId, after });
      res = (await ctx.http.request(target.url, { method: 'POST', body })).json<SearchResponse>();
    } catch (err) {
      if (!(err instanceof HttpError) || err.kind !== 'too-large' || size <= 1) throw err;
      size = Math.max(1, Math.floor(size / 2));
      ctx.report(
        diagnostic(
          'collect/page-shrunk',
          ctx.source,
          'info',
          `${ctx.source}: ${err.message}; asking again for ${size} hits per page`,
          { data: { size } },
        ),
      );
      continue;
    }
    if (typeof res.pit_id === 'string' && res.pit_id !== '') target.pitId = res.pit_id;
    const failed = res._shards?.failed ?? 0;
    if (failed > 0 || res.timed_out === true) {
      const why = res._shards?.failures?.[0]?.reason?.reason;
      const message =
        failed > 0
          ? `${failed} of ${res._shards?.total ?? '?'} shards failed${typeof why === 'string' ? `: ${why}` : ''}; their hits are missing`
          : 'the search timed out on the server; some hits may be missing';
      if (!told.has(message)) ctx.gap(message, { failedShards: failed });
      told.add(message);
    }
    const hits = res.hits?.hits;
    if (!Array.isArray(hits)) {
      throw new AftermathError(
        'elasticsearch/bad-response',
        `${target.url}: expected hits.hits to be an array in the search answer`,
      );
    }
    for (const h of hits as Hit[]) {
      // Before writing, so the item limit stops the source at exactly the limit.
      ctx.progress(items + 1);
      const line = hitLine(h, o.timestamp_field);
      if (line.cutFrom !== undefined) {
        ctx.report(
          diagnostic(
            'collect/oversized-hit',
            ctx.source,
            'warning',
            `${ctx.source}: document ${String(h._index)}/${String(h._id)} is ${line.cutFrom} bytes as JSON; kept a shortened copy`,
            { data: { index: String(h._index), id: String(h._id), bytes: line.cutFrom } },
          ),
        );
      }
      await out.line(line.text);
      items++;
    }
    if (hits.length < size) return items;
    const last = (hits[hits.length - 1] as Hit).sort;
    if (!Array.isArray(last) || last.length === 0) {
      throw new AftermathError(
        'elasticsearch/bad-response',
        `${target.url}: expected each hit of a sorted search to carry "sort" values`,
      );
    }
    after = last;
  }
}
