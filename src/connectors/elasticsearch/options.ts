/** The options of an Elasticsearch or OpenSearch source in aftermath.yaml. */
import { z } from 'zod';
import { AuthSchema } from '../auth.js';

export const FLAVORS = ['elasticsearch', 'opensearch'] as const;
export type Flavor = (typeof FLAVORS)[number];

export const elasticsearchOptions = z.strictObject({
  url: z.url(),
  /** basic (`username_env`/`password_env`), bearer, or `Authorization: ApiKey …` via `headers`. */
  auth: AuthSchema,
  /** Read from `GET /` (`version.distribution`) when absent. */
  flavor: z.enum(FLAVORS).optional(),
  /** An index, alias, data stream or pattern (`logs-*`, `a,b`). */
  index: z
    .string()
    .min(1)
    .regex(/^[^\s/\\?#"<>|]+$/, 'expected an index name or pattern such as logs-*'),
  /** Lucene query string, or a query DSL clause (what goes inside `"query"`). */
  query: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).optional(),
  timestamp_field: z.string().min(1).default('@timestamp'),
  page_size: z.number().int().min(1).max(10_000).default(1000),
});

export type ElasticsearchOptions = z.infer<typeof elasticsearchOptions>;
