/** The events API's query parameters, read strictly: a bad one is a 400 naming it and what it got. */
import { compileTemplate } from '../analysis/templates/template-matcher.js';
import { isLevel, levelRank } from '../core/level.js';
import { apiError } from './context.js';
import type { EventIndex } from './event-index.js';
import type { EventFilters } from './event-query.js';
import { parseMatcher } from './message-store.js';

type Query = (name: string) => string | undefined;

/** Epoch milliseconds or an ISO 8601 time with a zone. */
export function timeParam(query: Query, name: string): number | undefined {
  const v = query(name);
  if (v === undefined || v === '') return undefined;
  const ms = /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(ms))
    throw apiError(400, `${name} must be epoch milliseconds or an ISO time, got "${v}"`);
  return ms;
}

export function countParam(query: Query, name: string, fallback: number, max: number): number {
  const v = query(name);
  if (v === undefined || v === '') return fallback;
  if (!/^\d+$/.test(v)) throw apiError(400, `${name} must be a whole number, got "${v}"`);
  return Math.min(Number(v), max);
}

export function filtersOf(query: Query, index: EventIndex): EventFilters {
  const filters: EventFilters = { minLevel: 0 };
  const from = timeParam(query, 'from');
  const to = timeParam(query, 'to');
  if (from !== undefined) filters.from = from;
  if (to !== undefined) filters.to = to;
  const source = query('source');
  if (source !== undefined && source !== '') {
    const ids = new Set<number>();
    for (const name of source.split(',')) {
      const id = index.sources.indexOf(name);
      if (id < 0) throw apiError(400, `source "${name}" is not one of ${index.sources.join(', ')}`);
      ids.add(id);
    }
    filters.sources = ids;
  }
  const level = query('level');
  if (level !== undefined && level !== '') {
    if (!isLevel(level)) throw apiError(400, `level must be a level name, got "${level}"`);
    filters.minLevel = levelRank(level);
  }
  const q = query('q');
  if (q !== undefined && q !== '') {
    const parsed = parseMatcher(q);
    if (typeof parsed === 'string') throw apiError(400, parsed);
    filters.q = q;
  }
  const template = query('template');
  if (template !== undefined && template !== '') {
    const compiled = compileTemplate(template);
    if (typeof compiled === 'string') throw apiError(400, compiled);
    filters.template = template;
  }
  return filters;
}
