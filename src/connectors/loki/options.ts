/** The options of a Loki source in aftermath.yaml, and the check that the query reads log lines. */
import { z } from 'zod';
import { AuthSchema } from '../auth.js';

/** Loki's default `max_entries_limit_per_query`; a larger limit is refused by a default server. */
export const DEFAULT_LIMIT = 5000;

/**
 * Why a LogQL text is not a log query, or undefined when it is one. A log query always opens with
 * a stream selector; anything else (`rate(…)`, `sum by (…)`, a number) computes samples, which
 * have no lines to put on a timeline.
 */
export function logQueryProblem(query: string): string | undefined {
  const text = query.trim();
  if (text.startsWith('{')) return undefined;
  const fn = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?:\(|by\b|without\b)/.exec(text)?.[1];
  const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return fn !== undefined
    ? `expected a LogQL log query that starts with a stream selector such as {app="shop-api"}, received the metric query "${shown}" (${fn}); metric queries belong to a prometheus source`
    : `expected a LogQL log query that starts with a stream selector such as {app="shop-api"}, received "${shown}"`;
}

export const lokiOptions = z.strictObject({
  /** Where `/loki/api/v1/query_range` lives (the gateway's base URL for a multi-tenant Loki). */
  url: z.url(),
  auth: AuthSchema,
  query: z
    .string()
    .min(1)
    .superRefine((q, ctx) => {
      const problem = logQueryProblem(q);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    }),
  limit_per_request: z.number().int().min(1).max(100_000).default(DEFAULT_LIMIT),
});

export type LokiOptions = z.infer<typeof lokiOptions>;
