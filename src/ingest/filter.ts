/** Event filters shared by the timeline and every command that takes --since/--until/--level/--grep. */
import type { LogEvent } from '../core/event.js';
import { levelRank, type Level } from '../core/level.js';

export interface EventFilter {
  /** Inclusive, UTC epoch ms. */
  since?: number;
  /** Exclusive, UTC epoch ms. */
  until?: number;
  /** Minimum level. */
  level?: Level;
  /** Matched against the message and the raw line. */
  grep?: RegExp;
}

/** A predicate for the filter, or undefined when it lets everything through. */
export function compileFilter(filter: EventFilter): ((e: LogEvent) => boolean) | undefined {
  const { since, until, level, grep } = filter;
  if (since === undefined && until === undefined && level === undefined && grep === undefined)
    return undefined;
  const minRank = level === undefined ? -1 : levelRank(level);
  return (e) =>
    (since === undefined || e.ts >= since) &&
    (until === undefined || e.ts < until) &&
    (minRank < 0 || levelRank(e.level) >= minRank) &&
    (grep === undefined || grep.test(e.message) || (e.raw !== e.message && grep.test(e.raw)));
}
