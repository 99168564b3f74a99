/** Which alerts and silences of Alertmanager's current state belong to the incident window. */
import type { Window } from '../connector.js';

/** RFC 3339 in ms; undefined when absent, unreadable or Go's zero time. */
export function apiTime(v: unknown): number | undefined {
  if (typeof v !== 'string' || v === '' || v.startsWith('0001-')) return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Whether `[startsAt, endsAt]` meets `[since, until)`. `stillOpen` (an active alert, whose endsAt
 * is only when it would time out) counts as reaching past the window.
 */
export function overlaps(
  startsAt: number | undefined,
  endsAt: number | undefined,
  stillOpen: boolean,
  w: Window,
): boolean {
  if (startsAt === undefined || startsAt >= w.until) return false;
  return stillOpen || endsAt === undefined || endsAt >= w.since;
}
