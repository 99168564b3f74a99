/** The timestamps PostgreSQL writes in `%m`/`%t`/`%n` prefixes and csvlog `log_time`. */
import { digits, scanEpoch, scanIso, type ScannedTime } from '../../core/time.js';
import { UTC, type Zone } from '../../core/zone.js';

/**
 * `2026-11-22 19:37:17.841 UTC`, `… CEST`, `… +02`, `2026-11-22 19:37:17 PDT` or the epoch
 * `1763840237.841` at the start of `s`. PostgreSQL always separates date and time with a space,
 * which keeps ISO `T` lines of other formats out.
 */
export function scanPgTime(s: string, zone: Zone): ScannedTime | undefined {
  const first = s.charCodeAt(0);
  if (first < 48 || first > 57) return undefined;
  if (s.charCodeAt(4) === 45) {
    if (s.charCodeAt(10) !== 32) return undefined;
    const t = scanIso(s, 0, zone);
    if (t === undefined || t.zoned || s.charCodeAt(t.end) !== 32) return t;
    return hoursOnlyOffset(s, t.end) ?? t;
  }
  // %n: seconds with milliseconds since the epoch.
  return s.charCodeAt(10) === 46 ? scanEpoch(s, 0) : undefined;
}

/**
 * Zones without an abbreviation print as ` +02` or ` -03` (tzdb's numeric names), which the
 * shared scanner refuses after a space because a bare ` -07` is ambiguous elsewhere; here it is
 * always the zone.
 */
function hoursOnlyOffset(s: string, end: number): ScannedTime | undefined {
  const sign = s.charCodeAt(end + 1);
  if (sign !== 43 && sign !== 45) return undefined;
  const hh = digits(s, end + 2, 2);
  if (hh < 0 || hh > 15) return undefined;
  const after = s.charCodeAt(end + 4);
  if (after >= 48 && after <= 57) return undefined;
  const wall = scanIso(s, 0, UTC);
  if (wall === undefined) return undefined;
  const offset = (sign === 45 ? -hh : hh) * 3_600_000;
  return { ms: wall.ms - offset, zoned: true, end: end + 4 };
}
