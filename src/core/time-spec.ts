/** `--since`/`--until` values, as journalctl takes them: absolute times, words and relative offsets. */
import { parseTimestampText } from './time.js';
import type { Zone } from './zone.js';

const UNIT_MS: Record<string, number> = {
  us: 0.001,
  usec: 0.001,
  ms: 1,
  msec: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  w: 604_800_000,
  week: 604_800_000,
  weeks: 604_800_000,
  month: 2_629_800_000,
  months: 2_629_800_000,
  y: 31_557_600_000,
  year: 31_557_600_000,
  years: 31_557_600_000,
};

const RELATIVE = /^([+-])?\s*((?:\d+(?:\.\d+)?\s*[a-z]+\s*)+)(ago)?$/i;
const PART = /(\d+(?:\.\d+)?)\s*([a-z]+)/gi;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight of `now`'s day in `zone`, as UTC ms. */
function startOfDay(now: number, zone: Zone): number {
  // Find the zone's calendar date for `now` by converting candidate midnights around it.
  const d = new Date(now);
  for (const shift of [0, -1, 1]) {
    const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + shift));
    const midnight = zone.toUtc(
      day.getUTCFullYear(),
      day.getUTCMonth() + 1,
      day.getUTCDate(),
      0,
      0,
      0,
      0,
    );
    if (midnight <= now && now - midnight < 86_400_000 + 3_600_000) return midnight;
  }
  return zone.toUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0, 0, 0, 0);
}

/**
 * Reads a time the way journalctl does: `2026-11-22T19:40:00Z`, `2026-11-22 19:40[:SS]`,
 * `2026-11-22`, `19:40`, `now`, `today`, `yesterday`, `tomorrow`, `-2h`, `+15min`, `2h ago`,
 * `1h 30min ago`, or epoch seconds as `@1795376451`. Zone-less values are read in `zone`.
 * Returns UTC ms, or undefined when the text is none of these.
 */
export function parseTimeSpec(text: string, now: number, zone: Zone): number | undefined {
  const s = text.trim();
  const lower = s.toLowerCase();
  if (lower === 'now') return now;
  if (lower === 'today') return startOfDay(now, zone);
  if (lower === 'yesterday') return startOfDay(startOfDay(now, zone) - 3_600_000, zone);
  if (lower === 'tomorrow') return startOfDay(startOfDay(now, zone) + 25 * 3_600_000, zone);
  if (s.startsWith('@')) {
    const n = Number(s.slice(1));
    return Number.isFinite(n) ? n * 1000 : undefined;
  }
  const rel = RELATIVE.exec(s);
  if (rel && (rel[1] !== undefined || rel[3] !== undefined)) {
    let total = 0;
    PART.lastIndex = 0;
    for (let m = PART.exec(rel[2]!); m !== null; m = PART.exec(rel[2]!)) {
      const unit = UNIT_MS[m[2]!.toLowerCase()];
      if (unit === undefined) return undefined;
      total += Number(m[1]) * unit;
    }
    const sign = rel[1] === '+' && rel[3] === undefined ? 1 : -1;
    return now + sign * total;
  }
  const clock = CLOCK.exec(s);
  if (clock) {
    const day = new Date(startOfDay(now, zone) + 12 * 3_600_000);
    return zone.toUtc(
      day.getUTCFullYear(),
      day.getUTCMonth() + 1,
      day.getUTCDate(),
      Number(clock[1]),
      Number(clock[2]),
      Number(clock[3] ?? 0),
      0,
    );
  }
  const date = DATE_ONLY.exec(s);
  if (date) {
    const [mo, d] = [Number(date[2]), Number(date[3])];
    return mo >= 1 && mo <= 12 && d >= 1 && d <= 31
      ? zone.toUtc(Number(date[1]), mo, d, 0, 0, 0, 0)
      : undefined;
  }
  return parseTimestampText(s, zone)?.ms;
}
