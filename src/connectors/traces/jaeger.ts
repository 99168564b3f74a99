/** `jaeger`: the spans of a service's traces in the window, from Jaeger query's HTTP JSON API. */
import { z } from 'zod';
import { authHeaders, AuthSchema } from '../auth.js';
import { defineConnector } from '../connector.js';
import { HttpError } from '../http.js';
import { collectTraces } from './by-window.js';
import { jaegerSpans, type JaegerResponse } from './jaeger-parse.js';

const Options = z.strictObject({
  /** Jaeger query's base URL, e.g. http://jaeger:16686. */
  url: z.string().url(),
  auth: AuthSchema,
  service: z.string().min(1),
  operation: z.string().min(1).optional(),
  /**
   * Traces per query (the API's `limit`); a full answer splits the window. Not `limit`: that key
   * of a live source is its item limit.
   */
  query_limit: z.number().int().positive().max(10_000).default(500),
});
type Options = z.infer<typeof Options>;

export const jaeger = defineConnector<Options>({
  id: 'jaeger',
  description: "spans of a service's traces from Jaeger query (GET /api/traces)",
  options: Options,
  describe: (o) =>
    `GET ${o.url.replace(/\/+$/, '')}/api/traces service=${o.service}${o.operation ? ` operation=${o.operation}` : ''} limit=${o.query_limit}`,
  auth: (o, env) => authHeaders(o.auth, env),
  async collect(ctx, o) {
    const base = o.url.replace(/\/+$/, '');
    await collectTraces(ctx, {
      limit: o.query_limit,
      label: `jaeger service ${o.service}`,
      async fetch(w) {
        const body = await ctx.http.getJson<JaegerResponse>(`${base}/api/traces`, {
          query: {
            service: o.service,
            operation: o.operation,
            // Jaeger takes µs; its end is inclusive, the window's is not.
            start: w.since * 1000,
            end: w.until * 1000 - 1,
            limit: o.query_limit,
          },
        });
        if (body.errors && body.errors.length > 0) {
          const e = body.errors[0]!;
          throw new HttpError('rejected', `Jaeger answered error ${e.code ?? '?'}: ${e.msg ?? ''}`);
        }
        if (!Array.isArray(body.data)) {
          throw new HttpError('bad-body', `${base}/api/traces: expected { data: [traces] }`);
        }
        return body.data.map(jaegerSpans);
      },
    });
  },
});
