/** Level words in the header of a generic line: `INFO`, `warn`, `Warning`, `WRN`, `FINE`. */
import type { Level } from '../../core/level.js';

// Level words by case. A lower-case word is a level only in the first position after the time
// (`2026-… error connecting` is a level, `… connection error` is not); single letters never
// (except glog's, read by shape).
const ANY_CASE: Record<string, Level> = {
  trace: 'trace',
  debug: 'debug',
  debug1: 'debug',
  debug2: 'debug',
  debug3: 'debug',
  debug4: 'debug',
  debug5: 'debug',
  info: 'info',
  notice: 'notice',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  err: 'error',
  severe: 'error',
  crit: 'critical',
  critical: 'critical',
  fatal: 'fatal',
  panic: 'fatal',
};
const UPPER_ONLY: Record<string, Level> = {
  TRC: 'trace',
  VERBOSE: 'trace',
  FINEST: 'trace',
  FINER: 'trace',
  FINE: 'debug',
  CONFIG: 'debug',
  DBG: 'debug',
  INF: 'info',
  INFORMATION: 'info',
  WRN: 'warn',
  ERR: 'error',
  EROR: 'error',
  ALERT: 'critical',
  EMERG: 'fatal',
  EMERGENCY: 'fatal',
  FTL: 'fatal',
};

/** The level a header word names, if any; `first`: the word opens the header. */
export function levelWord(w: string, first: boolean): Level | undefined {
  if (w.length < 3 || w.length > 11) return undefined;
  const c0 = w.charCodeAt(0);
  const c1 = w.charCodeAt(1);
  const upper = c0 >= 65 && c0 <= 90;
  if (upper && c1 >= 65 && c1 <= 90) return UPPER_ONLY[w] ?? ANY_CASE[w.toLowerCase()];
  // `Warning`, `error`: only first, and only the plain spellings.
  return first ? ANY_CASE[upper ? w.toLowerCase() : w] : undefined;
}
