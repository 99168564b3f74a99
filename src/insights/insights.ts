/** `computeInsights`: what an archive of postmortems says across incidents (pure: the caller reads the archive). */
import type { ArchivedPostmortem } from '../store/store.js';
import { actionStats } from './action-stats.js';
import { groupRows, impactMs, monthRows, row, trends } from './groups.js';
import { whenOf } from './refs.js';
import { findRepeats } from './repeats.js';
import { reviewState } from './review-state.js';
import type { CountRow, GroupBy, Insights } from './types.js';

export interface InsightsOptions {
  by?: GroupBy;
  /** UTC ms: "today" for trends, overdue items and review meetings. */
  now: number;
  /** Only incidents that started (or, undated, were archived) at or after this UTC ms. */
  since?: number;
  /** How many factor categories and tags to list (default 10). */
  top?: number;
}

function ranked(
  m: Map<string, { postmortems: number; factors?: number }>,
  top: number,
): CountRow[] {
  return [...m]
    .map(([key, c]) => ({ key, ...c }))
    .sort(
      (a, b) =>
        b.postmortems - a.postmortems ||
        (b.factors ?? 0) - (a.factors ?? 0) ||
        a.key.localeCompare(b.key),
    )
    .slice(0, top);
}

/**
 * @example
 * const all = []; for await (const pm of store.export()) all.push(pm);
 * const insights = computeInsights(all, { by: 'service', now: Date.now() });
 */
export function computeInsights(
  postmortems: readonly ArchivedPostmortem[],
  options: InsightsOptions,
): Insights {
  const by = options.by ?? 'service';
  const top = options.top ?? 10;
  const pms =
    options.since === undefined
      ? [...postmortems]
      : postmortems.filter((pm) => whenOf(pm) >= options.since!);
  const categories = new Map<string, { postmortems: number; factors: number }>();
  const tags = new Map<string, { postmortems: number }>();
  let uncategorisedFactors = 0;
  for (const pm of pms) {
    const seen = new Set<string>();
    for (const f of pm.factors) {
      if (!f.category) continue;
      const c = categories.get(f.category) ?? { postmortems: 0, factors: 0 };
      c.factors++;
      if (!seen.has(f.category)) c.postmortems++;
      seen.add(f.category);
      categories.set(f.category, c);
    }
    if (pm.factors.length > 0 && seen.size === 0) uncategorisedFactors++;
    for (const t of new Set(pm.tags.map((x) => x.trim()).filter((x) => x !== ''))) {
      const c = tags.get(t) ?? { postmortems: 0 };
      c.postmortems++;
      tags.set(t, c);
    }
  }
  return {
    generatedAt: new Date(options.now).toISOString(),
    by,
    since: options.since === undefined ? null : new Date(options.since).toISOString(),
    total: {
      ...row('all', pms),
      withoutImpact: pms.filter((pm) => impactMs(pm) === undefined).length,
    },
    groups: groupRows(pms, by),
    months: monthRows(pms),
    trends: trends(pms, options.now),
    factorCategories: ranked(categories, top),
    uncategorisedFactors,
    tags: ranked(tags, top),
    repeats: findRepeats(pms),
    actions: actionStats(pms, options.now),
    review: reviewState(pms, options.now),
  };
}
