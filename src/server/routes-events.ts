/** The events routes: a case's merged timeline, filtered and paged, and its histogram for the overview. */
import type { Hono } from 'hono';
import { LEVELS } from '../core/level.js';
import { caseById, type ServerState } from './context.js';
import { histogram, positionOf, rows, timeRange, type SelectionBuilder } from './event-query.js';
import { countParam, filtersOf, timeParam } from './event-params.js';

const MAX_PAGE = 1000;
/** How long a request waits for a text search still scanning before answering with what it has. */
const SCAN_WAIT_MS = 25;

/** While a text search scans, answers say so and how far it got, and the UI asks again. */
function partial(builder: SelectionBuilder, size: number): Record<string, unknown> {
  return builder.done
    ? {}
    : { partial: true, scanned: Math.round((builder.scanned / Math.max(1, size)) * 1000) / 1000 };
}
/** Share of events left out at each end of the first view: a commit from weeks before the incident would squash it into one bar. */
const FOCUS_TAIL = 0.002;

/** The span the overview opens on: the whole case but its earliest and latest stragglers. */
function focusWindow(key: Float64Array): { from: number; to: number } | null {
  if (key.length === 0) return null;
  const tail = Math.floor(key.length * FOCUS_TAIL);
  return { from: key[tail]!, to: key[key.length - 1 - tail]! + 1 };
}
const MAX_BINS = 2000;

export function eventRoutes(app: Hono, state: ServerState): void {
  app.get('/api/cases/:id/events/summary', async (c) => {
    const served = await caseById(state, c.req.param('id'));
    const { index } = await state.events.get(served.dir, c.req.query('refresh') === '1');
    return c.json({
      case: served.id,
      total: index.size,
      from: index.size > 0 ? index.key[0]! : null,
      to: index.size > 0 ? index.key[index.size - 1]! : null,
      focus: focusWindow(index.key),
      sources: index.sources,
      levels: Object.fromEntries(
        LEVELS.map((l, rank) => [l, index.levelCounts[rank]!]).filter(([, n]) => n !== 0),
      ),
      buildMs: index.builtMs,
      indexBytes: index.bytes,
    });
  });

  app.get('/api/cases/:id/events', async (c) => {
    const served = await caseById(state, c.req.param('id'));
    const events = await state.events.get(served.dir);
    const query = (name: string): string | undefined => c.req.query(name);
    const filters = filtersOf(query, events.index);
    const started = performance.now();
    const at = timeParam(query, 'at');
    const limit = countParam(query, 'limit', 100, MAX_PAGE);
    const asked = countParam(query, 'cursor', 0, Number.MAX_SAFE_INTEGER);
    const builder = events.selection(filters);
    // A text search still scanning: wait for this page's matches, but never long.
    await builder.ready(at !== undefined ? Infinity : asked + limit, SCAN_WAIT_MS);
    const range = timeRange(events.index, builder.selection, filters);
    const total = range.hi - range.lo;
    const cursor = at !== undefined ? positionOf(events.index, range, at) : Math.min(asked, total);
    const page = rows(events.index, range, cursor, limit);
    const next = cursor + page.length;
    return c.json({
      case: served.id,
      total,
      cursor,
      ...(next < total ? { next } : {}),
      ...partial(builder, events.index.size),
      tookMs: Math.round((performance.now() - started) * 10) / 10,
      events: page,
    });
  });

  app.get('/api/cases/:id/events/histogram', async (c) => {
    const served = await caseById(state, c.req.param('id'));
    const events = await state.events.get(served.dir);
    const query = (name: string): string | undefined => c.req.query(name);
    const filters = filtersOf(query, events.index);
    const { index } = events;
    const from = filters.from ?? (index.size > 0 ? index.key[0]! : 0);
    // The last event falls inside the last bin: `to` is exclusive.
    const to = filters.to ?? (index.size > 0 ? index.key[index.size - 1]! + 1 : from + 1);
    const bins = Math.max(1, countParam(query, 'bins', 200, MAX_BINS));
    const started = performance.now();
    const builder = events.selection(filters);
    // Counts of what is found so far are enough: the UI asks again while `partial` is set.
    await builder.ready(Infinity, 0);
    const h = histogram(index, builder.selection, from, Math.max(to, from + 1), bins);
    return c.json({
      case: served.id,
      ...h,
      ...partial(builder, index.size),
      tookMs: Math.round((performance.now() - started) * 10) / 10,
    });
  });
}
