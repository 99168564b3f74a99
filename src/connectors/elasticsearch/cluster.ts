/** Which search engine answers, and what it can do: point in time, and which tiebreaker sorts hits. */
import { diagnostic } from '../../core/diagnostic.js';
import type { CollectContext } from '../connector.js';
import { HttpError } from '../http.js';
import type { Flavor } from './options.js';

export interface Cluster {
  flavor: Flavor;
  /** `version.number`; undefined when `GET /` is not allowed. */
  version: string | undefined;
}

export interface Plan {
  /** Which point-in-time API to open, if any. */
  pit: Flavor | undefined;
  /** Sorts hits that share a timestamp, so `search_after` neither skips nor repeats them. */
  tiebreak: '_shard_doc' | '_id';
}

/** True when `version` is at least `major.minor`; an unknown version counts as recent. */
export function atLeast(version: string | undefined, major: number, minor: number): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return version === undefined;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a > major || (a === major && b >= minor);
}

/**
 * Elasticsearch has point in time from 7.10 and the `_shard_doc` tiebreaker from 7.12; OpenSearch
 * has point in time from 2.4 and `_shard_doc` only from 3.3. Without `_shard_doc`, `_id` breaks ties.
 */
export function planFor(c: Cluster): Plan {
  if (c.flavor === 'elasticsearch') {
    return {
      pit: atLeast(c.version, 7, 10) ? 'elasticsearch' : undefined,
      tiebreak: atLeast(c.version, 7, 12) ? '_shard_doc' : '_id',
    };
  }
  return {
    pit: atLeast(c.version, 2, 4) ? 'opensearch' : undefined,
    tiebreak: c.version !== undefined && atLeast(c.version, 3, 3) ? '_shard_doc' : '_id',
  };
}

interface Root {
  version?: { number?: unknown; distribution?: unknown };
}

/**
 * Asks `GET /` for the distribution and version. A 403 there (an API key limited to indices) is
 * not fatal: the configured flavor, else Elasticsearch, with an unknown version.
 */
export async function detectCluster(
  ctx: CollectContext,
  base: string,
  configured: Flavor | undefined,
): Promise<Cluster> {
  let root: Root;
  try {
    root = await ctx.http.getJson<Root>(`${base}/`);
  } catch (err) {
    if (!(err instanceof HttpError) || err.status !== 403) throw err;
    ctx.report(
      diagnostic(
        'collect/no-version',
        ctx.source,
        'info',
        `${ctx.source}: ${err.message}; going on as ${configured ?? 'elasticsearch'} of unknown version (set flavor: to choose)`,
      ),
    );
    return { flavor: configured ?? 'elasticsearch', version: undefined };
  }
  const number = typeof root?.version?.number === 'string' ? root.version.number : undefined;
  const detected: Flavor =
    root?.version?.distribution === 'opensearch' ? 'opensearch' : 'elasticsearch';
  if (configured !== undefined && configured !== detected) {
    ctx.report(
      diagnostic(
        'collect/flavor-mismatch',
        ctx.source,
        'warning',
        `${ctx.source}: flavor: ${configured} in the case file, but ${base}/ says ${detected} ${number ?? ''}; using ${configured}`,
      ),
    );
  }
  return { flavor: configured ?? detected, version: number };
}
