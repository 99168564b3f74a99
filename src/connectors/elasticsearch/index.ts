/** Elasticsearch and OpenSearch: the hits of an index pattern in the window, paged with search_after. */
import { diagnostic } from '../../core/diagnostic.js';
import { authHeaders } from '../auth.js';
import { defineConnector, type CollectContext } from '../connector.js';
import { displayUrl, HttpError } from '../http.js';
import { detectCluster, planFor } from './cluster.js';
import { elasticsearchOptions, type ElasticsearchOptions, type Flavor } from './options.js';
import { closePit, openPit } from './pit.js';
import { searchAll, type SearchTarget } from './search.js';

/** A point in time, or undefined when the server has none for us (old version, no privilege). */
async function tryOpenPit(
  ctx: CollectContext,
  base: string,
  o: ElasticsearchOptions,
  flavor: Flavor,
): Promise<string | undefined> {
  try {
    return await openPit(ctx.http, base, o.index, flavor);
  } catch (err) {
    const fallBack =
      err instanceof HttpError &&
      (err.kind === 'rejected' ||
        err.kind === 'not-found' ||
        (err.kind === 'auth' && err.status === 403));
    if (!fallBack) throw err;
    ctx.report(
      diagnostic(
        'collect/no-pit',
        ctx.source,
        'info',
        `${ctx.source}: no point in time (${err.message}); paging with search_after on the live index`,
      ),
    );
    return undefined;
  }
}

export const elasticsearch = defineConnector<ElasticsearchOptions>({
  id: 'elasticsearch',
  description:
    'Elasticsearch / OpenSearch: the documents of an index pattern in the window (search_after, point in time)',
  options: elasticsearchOptions,
  describe: (o) =>
    `${displayUrl(o.url)} ${o.index} ${o.timestamp_field}${o.query === undefined ? '' : ` ${typeof o.query === 'string' ? o.query : JSON.stringify(o.query)}`}`,
  auth: (o, env) => authHeaders(o.auth, env),
  async collect(ctx, o) {
    const base = o.url.replace(/\/+$/, '');
    const cluster = await detectCluster(ctx, base, o.flavor);
    const plan = planFor(cluster);
    const out = ctx.open('hits.jsonl', 'json');
    const pitId = plan.pit !== undefined ? await tryOpenPit(ctx, base, o, plan.pit) : undefined;
    if (pitId === undefined) plan.tiebreak = '_id';
    const target: SearchTarget = {
      url:
        pitId === undefined ? `${base}/${encodeURIComponent(o.index)}/_search` : `${base}/_search`,
      pitId,
    };
    try {
      await searchAll(ctx, o, plan, target, out);
    } finally {
      if (target.pitId !== undefined && plan.pit !== undefined) {
        // Whatever happened to the search, free what was opened on the server.
        await closePit(ctx.http, base, plan.pit, target.pitId).catch((err: unknown) =>
          ctx.report(
            diagnostic(
              'collect/pit-not-closed',
              ctx.source,
              'warning',
              `${ctx.source}: could not close the point in time (${(err as Error).message}); the server frees it after 1m`,
            ),
          ),
        );
      }
    }
  },
});
