/** `zipkin`: the spans of a service's traces in the window, from Zipkin's v2 API. */
import { z } from 'zod';
import { authHeaders, AuthSchema } from '../auth.js';
import { defineConnector } from '../connector.js';
import { HttpError } from '../http.js';
import { collectTraces } from './by-window.js';
import { zipkinSpans, type ZipkinSpan } from './zipkin-parse.js';

const Options = z.strictObject({
  /** Zipkin's base URL, e.g. http://zipkin:9411. */
  url: z.string().url(),
  auth: AuthSchema,
  service: z.string().min(1),
  /**
   * Traces per query (the API's `limit`); a full answer splits the window. Not `limit`: that key
   * of a live source is its item limit.
   */
  query_limit: z.number().int().positive().max(10_000).default(500),
});
type Options = z.infer<typeof Options>;

export const zipkin = defineConnector<Options>({
  id: 'zipkin',
  description: "spans of a service's traces from Zipkin (GET /api/v2/traces)",
  options: Options,
  describe: (o) =>
    `GET ${o.url.replace(/\/+$/, '')}/api/v2/traces serviceName=${o.service} limit=${o.query_limit}`,
  auth: (o, env) => authHeaders(o.auth, env),
  async collect(ctx, o) {
    const base = o.url.replace(/\/+$/, '');
    await collectTraces(ctx, {
      limit: o.query_limit,
      label: `zipkin service ${o.service}`,
      async fetch(w) {
        // Zipkin looks back from endTs (ms); spans outside the window are dropped after.
        const body = await ctx.http.getJson<unknown>(`${base}/api/v2/traces`, {
          query: {
            serviceName: o.service,
            endTs: w.until,
            lookback: w.until - w.since,
            limit: o.query_limit,
          },
        });
        if (!Array.isArray(body) || !body.every(Array.isArray)) {
          throw new HttpError('bad-body', `${base}/api/v2/traces: expected an array of traces`);
        }
        return (body as ZipkinSpan[][]).map(zipkinSpans);
      },
    });
  },
});
