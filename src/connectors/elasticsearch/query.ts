/** The body of one search request: the window as a range filter, the user's query, the sort. */
import type { Window } from '../connector.js';
import { KEEP_ALIVE } from './pit.js';
import type { ElasticsearchOptions } from './options.js';
import type { Plan } from './cluster.js';

/** The user's query as a clause: a query string, or their DSL (a pasted `{ "query": … }` unwrapped). */
export function userClause(
  query: ElasticsearchOptions['query'],
): Record<string, unknown> | undefined {
  if (query === undefined) return undefined;
  if (typeof query === 'string') return { query_string: { query } };
  const keys = Object.keys(query);
  if (
    keys.length === 1 &&
    keys[0] === 'query' &&
    typeof query.query === 'object' &&
    query.query !== null
  )
    return query.query as Record<string, unknown>;
  return query;
}

export interface SearchPage {
  size: number;
  pitId: string | undefined;
  /** The `sort` values of the last hit of the page before. */
  after: unknown[] | undefined;
}

export function searchBody(
  o: ElasticsearchOptions,
  window: Window,
  plan: Plan,
  page: SearchPage,
): Record<string, unknown> {
  const range = {
    range: {
      [o.timestamp_field]: {
        gte: new Date(window.since).toISOString(),
        lt: new Date(window.until).toISOString(),
        format: 'strict_date_optional_time',
      },
    },
  };
  const user = userClause(o.query);
  return {
    size: page.size,
    query: { bool: { filter: user === undefined ? [range] : [range, user] } },
    // numeric_type keeps date_nanos sort values in milliseconds, which a JSON number holds exactly;
    // unmapped_type lets a pattern cover indices that lack the field instead of failing them.
    sort: [
      { [o.timestamp_field]: { order: 'asc', numeric_type: 'date', unmapped_type: 'date' } },
      { [plan.tiebreak]: 'asc' },
    ],
    track_total_hits: false,
    ...(page.pitId !== undefined ? { pit: { id: page.pitId, keep_alive: KEEP_ALIVE } } : {}),
    ...(page.after !== undefined ? { search_after: page.after } : {}),
  };
}
