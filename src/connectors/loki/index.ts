/** Grafana Loki: one LogQL log query over the incident window, paged forward through query_range. */
import { diagnostic } from '../../core/diagnostic.js';
import { authHeaders } from '../auth.js';
import { defineConnector } from '../connector.js';
import { displayUrl } from '../http.js';
import { lokiOptions, type LokiOptions } from './options.js';
import { pageThrough } from './paging.js';
import { snapshotRecord } from './record.js';
import { readStreams } from './response.js';

const NS_PER_MS = 1_000_000n;

const isoOf = (ns: bigint): string => new Date(Number(ns / NS_PER_MS)).toISOString();

export const loki = defineConnector<LokiOptions>({
  id: 'loki',
  description:
    'Grafana Loki: a LogQL log query over the incident window (query_range, paged forward)',
  options: lokiOptions,
  describe: (o) => `${o.query.trim()} @ ${displayUrl(o.url)}`,
  auth: (o, env) => authHeaders(o.auth, env),
  async collect(ctx, o) {
    const endpoint = `${o.url.replace(/\/+$/, '')}/loki/api/v1/query_range`;
    const shown = displayUrl(endpoint);
    const out = ctx.open('entries.jsonl', 'loki');
    let items = 0;
    await pageThrough({
      start: BigInt(ctx.window.since) * NS_PER_MS,
      end: BigInt(ctx.window.until) * NS_PER_MS,
      limit: o.limit_per_request,
      signal: ctx.signal,
      async fetch(r) {
        const body = await ctx.http.getJson(endpoint, {
          query: {
            query: o.query,
            start: r.start.toString(),
            end: r.end.toString(),
            limit: r.limit,
            direction: 'forward',
          },
        });
        return readStreams(body, shown);
      },
      async entry(e) {
        // Before writing, so the item limit stops the source at exactly the limit.
        ctx.progress(items + 1);
        const { record, text } = snapshotRecord(e);
        if (record.truncated !== undefined) {
          ctx.report(
            diagnostic(
              'collect/oversized-line',
              ctx.source,
              'warning',
              `${ctx.source} (loki): the line at ${isoOf(e.ns)} in stream ${e.key} has ${record.truncated} characters; kept the first ${record.line.length}`,
              { data: { ns: e.tsText, chars: record.truncated } },
            ),
          );
        }
        await out.line(text);
        items++;
      },
      crowded(ns, limit) {
        ctx.gap(
          `${limit} or more entries share the timestamp ${isoOf(ns)} (${ns} ns): one request returns at most ${limit}, so any beyond them are missing (raise limit_per_request)`,
          { ns: ns.toString(), limit },
        );
      },
      shrunk(limit, cause) {
        ctx.report(
          diagnostic(
            'collect/page-shrunk',
            ctx.source,
            'info',
            `${ctx.source} (loki): ${cause.message}; asking again for ${limit} entries per request`,
            { data: { limit } },
          ),
        );
      },
    });
  },
});
