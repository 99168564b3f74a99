/** What a `type: prometheus` source takes in aftermath.yaml. */
import { z } from 'zod';
import { AuthSchema } from '../auth.js';
import { parseDuration } from './duration.js';

const QuerySchema = z.strictObject({
  /** The snapshot file's stem and the series' name in the analysis. */
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/i, 'letters, digits, "_" or "-" (it becomes a file name)'),
  expr: z.string().trim().min(1, 'a PromQL expression'),
  /** A Prometheus duration (`15s`, `1m`) or seconds; chosen for the window when absent. */
  step: z
    .union([z.number(), z.string()])
    .refine((v) => parseDuration(v) !== undefined, 'a positive duration such as 15s, 1m or 30')
    .optional(),
});

export const PrometheusOptions = z
  .strictObject({
    url: z.url({ protocol: /^https?$/ }),
    auth: AuthSchema,
    queries: z.array(QuerySchema).default([]),
    /** Also the `ALERTS` series history, as alert events. */
    alerts: z.boolean().default(true),
  })
  .superRefine((o, ctx) => {
    const seen = new Set<string>();
    o.queries.forEach((q, i) => {
      const key = q.name.toLowerCase();
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['queries', i, 'name'],
          message: `"${q.name}" names two queries`,
        });
      }
      seen.add(key);
    });
    if (o.queries.length === 0 && !o.alerts) {
      ctx.addIssue({
        code: 'custom',
        path: ['queries'],
        message: 'nothing to collect: give queries, or leave alerts on',
      });
    }
  });

export type PrometheusOptions = z.infer<typeof PrometheusOptions>;
