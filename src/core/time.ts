/** Timestamp scanning: the shapes logs write times in, read without regex backtracking. */
import { ZONE_ABBREVIATIONS, type Zone } from './zone.js';

export interface ScannedTime {
  /** UTC epoch ms. */
  ms: number;
  /** Whether the text carried a zone or offset (else it was read in the given zone). */
  zoned: boolean;
  /** Index just past the timestamp. */
  end: number;
}

export const MONTHS: Readonly<Record<string, number>> = {
  Jan: 1,
  Feb: 2,
  Mar: 3,
  Apr: 4,
  May: 5,
  Jun: 6,
  Jul: 7,
  Aug: 8,
  Sep: 9,
  Oct: 10,
  Nov: 11,
  Dec: 12,
};

// The same months by their three character codes, so a timestamp's month needs no string.
const MONTH_CODES = new Map(
  Object.entries(MONTHS).map(([name, n]) => [
    (name.charCodeAt(0) << 16) | (name.charCodeAt(1) << 8) | name.charCodeAt(2),
    n,
  ]),
);

/** The month named at s[i, i + 3) as MONTHS spells it, without making a string. */
function monthAt(s: string, i: number): number | undefined {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  const c = s.charCodeAt(i + 2);
  if (a > 255 || b > 255 || c > 255) return undefined;
  return MONTH_CODES.get((a << 16) | (b << 8) | c);
}

/** Month number from a three-letter English abbreviation, any case. */
export function monthNumber(text: string): number | undefined {
  return MONTHS[text] ?? MONTHS[text.charAt(0).toUpperCase() + text.slice(1, 3).toLowerCase()];
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Reads `n` digits at `i`; -1 when any is not a digit. */
export function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

function validDate(mo: number, d: number, h: number, mi: number, sec: number): boolean {
  return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 24 && mi <= 59 && sec <= 60;
}

/** Where the fraction read last by `fraction` ends (module state: no tuple per timestamp). */
let fractionEnd = 0;

/** Reads a fraction after `.` or `,` at `i`: the ms (digits past ms kept as fractional ms); sets fractionEnd. */
function fraction(s: string, i: number): number {
  const c = s.charCodeAt(i);
  fractionEnd = i;
  if ((c !== 46 && c !== 44) || !isDigit(s.charCodeAt(i + 1))) return 0;
  let j = i + 1;
  let scale = 100;
  let ms = 0;
  while (j < s.length && isDigit(s.charCodeAt(j)) && j - i <= 12) {
    ms += (s.charCodeAt(j) - 48) * scale;
    scale /= 10;
    j++;
  }
  fractionEnd = j;
  return ms;
}

/** Where the zone read last by `zoneAt` ends (module state: no tuple per timestamp). */
let zoneEnd = 0;

/**
 * Reads a zone at `i`: `Z`, `+hh:mm`, `+hhmm`, `+hh`, or (after one space) `UTC`, `PDT`, `+0000`.
 * Returns the offset in minutes, NaN when there is no zone; sets zoneEnd.
 */
function zoneAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 90 /* Z */) {
    const n = s.charCodeAt(i + 1);
    if (Number.isNaN(n) || !isLetter(n)) {
      zoneEnd = i + 1;
      return 0;
    }
    return NaN;
  }
  if (c === 43 || c === 45) {
    const hh = digits(s, i + 1, 2);
    if (hh < 0 || hh > 18) return NaN;
    let j = i + 3;
    let mm = 0;
    if (s.charCodeAt(j) === 58) {
      mm = digits(s, j + 1, 2);
      if (mm < 0) return NaN;
      j += 3;
    } else {
      const m2 = digits(s, j, 2);
      if (m2 >= 0) {
        mm = m2;
        j += 2;
      }
    }
    if (isDigit(s.charCodeAt(j))) return NaN;
    const off = hh * 60 + mm;
    zoneEnd = j;
    return c === 45 ? -off : off;
  }
  if (c === 32) {
    const n = s.charCodeAt(i + 1);
    if (n === 43 || n === 45) {
      const off = zoneAt(s, i + 1);
      // A bare " -07" could be anything; require four digits after a space.
      return !Number.isNaN(off) && zoneEnd - (i + 1) >= 5 ? off : NaN;
    }
    let j = i + 1;
    while (j < s.length && j - i <= 5 && isUpper(s.charCodeAt(j))) j++;
    if (j - i >= 2 && (j >= s.length || !isLetter(s.charCodeAt(j)))) {
      const off = ZONE_ABBREVIATIONS[s.slice(i + 1, j)];
      if (off !== undefined) {
        // `UTC+1`, `GMT-05:00`
        const tail = s.charCodeAt(j);
        if ((tail === 43 || tail === 45) && off === 0) {
          const z = zoneAt(s, j);
          if (!Number.isNaN(z)) return z;
        }
        zoneEnd = j;
        return off;
      }
    }
  }
  return NaN;
}

const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

// The minute converted last, in UTC and in one zone: a log writes many entries a minute, and
// Date.UTC and a zone's conversion are a good part of reading a time. Within a minute both add
// the seconds linearly (zones change offset on the hour at the finest), leap seconds excepted.
let minuteKey = NaN;
let minuteUtc = 0;
let minuteZone: Zone | undefined;
let minuteInZone = 0;

function sameMinute(y: number, mo: number, d: number, h: number, mi: number): boolean {
  const key = (((y * 16 + mo) * 32 + d) * 32 + h) * 64 + mi;
  if (key === minuteKey) return true;
  minuteKey = key;
  minuteUtc = Date.UTC(y, mo - 1, d, h, mi);
  minuteZone = undefined;
  return false;
}

function finish(
  zone: Zone,
  s: string,
  i: number,
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  sec: number,
  ms: number,
): ScannedTime {
  const offset = zoneAt(s, i);
  // (Fields out of these ranges would share a key; callers validate them, this keeps it certain.)
  const cached =
    y >= 0 &&
    mo >= 0 &&
    mo < 16 &&
    d >= 0 &&
    d < 32 &&
    h >= 0 &&
    h < 32 &&
    mi >= 0 &&
    mi < 60 &&
    sec >= 0 &&
    sec < 60;
  if (cached) sameMinute(y, mo, d, h, mi);
  if (!Number.isNaN(offset)) {
    const utc = cached ? minuteUtc + sec * 1000 : Date.UTC(y, mo - 1, d, h, mi, sec);
    return { ms: utc + ms - offset * 60_000, zoned: true, end: zoneEnd };
  }
  const whole = Math.floor(ms);
  let local: number;
  if (cached) {
    if (minuteZone !== zone) {
      minuteZone = zone;
      minuteInZone = zone.toUtc(y, mo, d, h, mi, 0, 0);
    }
    local = minuteInZone + sec * 1000 + whole;
  } else local = zone.toUtc(y, mo, d, h, mi, sec, whole);
  return { ms: local + (ms - whole), zoned: false, end: i };
}

/**
 * ISO 8601 and its log relatives at `i`: `2026-11-22T19:37:36.533Z`, `2026-11-22 19:37:36,533`,
 * `2026/11/22 19:37:36`, `2026-11-22T19:37:36+02:00`, `2026-11-22 19:37:36.841 UTC`,
 * `20261122T193736Z`. Date-only is not a timestamp.
 */
export function scanIso(s: string, i: number, zone: Zone): ScannedTime | undefined {
  const y = digits(s, i, 4);
  if (y < 0) return undefined;
  let j = i + 4;
  const sep = s.charCodeAt(j);
  let mo: number;
  let d: number;
  if (sep === 45 || sep === 47) {
    mo = digits(s, j + 1, 2);
    if (s.charCodeAt(j + 3) !== sep) return undefined;
    d = digits(s, j + 4, 2);
    j += 6;
  } else {
    // Basic format: 20261122T193736 or 20261122.193736 (no separators)
    mo = digits(s, j, 2);
    d = digits(s, j + 2, 2);
    j += 4;
    const t = s.charCodeAt(j);
    if (t !== 84 && t !== 46 && t !== 32) return undefined;
    const h = digits(s, j + 1, 2);
    const mi = digits(s, j + 3, 2);
    const sec = digits(s, j + 5, 2);
    if (mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0 || !validDate(mo, d, h, mi, sec))
      return undefined;
    const ms = fraction(s, j + 7);
    const k = fractionEnd;
    return finish(zone, s, k, y, mo, d, h, mi, sec, ms);
  }
  if (mo < 0 || d < 0) return undefined;
  const t = s.charCodeAt(j);
  if (t !== 84 && t !== 32 && t !== 95 && t !== 58) return undefined; // T, space, _, : (some Java layouts)
  j++;
  const h = digits(s, j, 2);
  if (h < 0 || s.charCodeAt(j + 2) !== 58) return undefined;
  const mi = digits(s, j + 3, 2);
  if (mi < 0) return undefined;
  j += 5;
  let sec = 0;
  if (s.charCodeAt(j) === 58) {
    sec = digits(s, j + 1, 2);
    if (sec < 0) return undefined;
    j += 3;
  }
  if (!validDate(mo, d, h, mi, sec)) return undefined;
  const ms = fraction(s, j);
  const k = fractionEnd;
  return finish(zone, s, k, y, mo, d, h, mi, sec, ms);
}

/** Common log format time at `i` (after `[`): `22/Nov/2026:19:37:36 +0000`. */
export function scanClf(s: string, i: number, zone: Zone): ScannedTime | undefined {
  const d = digits(s, i, 2);
  if (d < 0 || s.charCodeAt(i + 2) !== 47 || s.charCodeAt(i + 6) !== 47) return undefined;
  const mo = monthAt(s, i + 3);
  const y = digits(s, i + 7, 4);
  if (mo === undefined || y < 0 || s.charCodeAt(i + 11) !== 58) return undefined;
  const h = digits(s, i + 12, 2);
  const mi = digits(s, i + 15, 2);
  const sec = digits(s, i + 18, 2);
  if (h < 0 || mi < 0 || sec < 0 || !validDate(mo, d, h, mi, sec)) return undefined;
  const ms = fraction(s, i + 20);
  const k = fractionEnd;
  return finish(zone, s, k, y, mo, d, h, mi, sec, ms);
}

/**
 * BSD syslog time at `i`: `Nov  3 09:23:38` (no year: `year` supplies it), optionally followed by
 * a year (`Nov  3 09:23:38 2026`) as some daemons write.
 */
export function scanSyslogTime(
  s: string,
  i: number,
  zone: Zone,
  year: (month: number) => number,
): ScannedTime | undefined {
  const mo = monthAt(s, i);
  if (mo === undefined || s.charCodeAt(i + 3) !== 32) return undefined;
  let j = i + 4;
  if (s.charCodeAt(j) === 32) j++;
  let d = digits(s, j, 2);
  if (d < 0) {
    d = digits(s, j, 1);
    j += 1;
  } else j += 2;
  if (d < 1 || s.charCodeAt(j) !== 32) return undefined;
  j++;
  const h = digits(s, j, 2);
  const mi = digits(s, j + 3, 2);
  const sec = digits(s, j + 6, 2);
  if (h < 0 || mi < 0 || sec < 0 || s.charCodeAt(j + 2) !== 58 || s.charCodeAt(j + 5) !== 58) {
    return undefined;
  }
  if (!validDate(mo, d, h, mi, sec)) return undefined;
  const ms = fraction(s, j + 8);
  const k = fractionEnd;
  let y: number;
  let end = k;
  const explicitYear = s.charCodeAt(k) === 32 ? digits(s, k + 1, 4) : -1;
  if (explicitYear >= 1970 && !isDigit(s.charCodeAt(k + 5))) {
    y = explicitYear;
    end = k + 5;
  } else y = year(mo);
  return finish(zone, s, end, y, mo, d, h, mi, sec, ms);
}

const DAYS = new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);

/**
 * RFC 2822 and its friends at `i`: `Sun, 22 Nov 2026 19:37:36 +0000`, `22 Nov 2026 19:37:36`,
 * `22-Nov-2026 19:37:36.123` (Tomcat), and ctime/asctime `Sun Nov 22 19:37:36 2026` (as git and
 * Apache error logs write it).
 */
export function scanRfc2822(s: string, i: number, zone: Zone): ScannedTime | undefined {
  let j = i;
  if (DAYS.has(s.slice(j, j + 3))) {
    j += 3;
    if (s.charCodeAt(j) === 44) j++;
    if (s.charCodeAt(j) !== 32) return undefined;
    j++;
  }
  const first = s.charCodeAt(j);
  if (isDigit(first)) {
    // 22 Nov 2026 19:37:36, and 22-Nov-2026 19:37:36.123 (Tomcat's and java.util.logging's)
    let d = digits(s, j, 2);
    if (d < 0) {
      d = digits(s, j, 1);
      j += 1;
    } else j += 2;
    const sep = s.charCodeAt(j);
    if ((sep !== 32 && sep !== 45) || (sep === 45 && j === i + 1)) return undefined;
    const mo = monthAt(s, j + 1);
    const y = digits(s, j + 5, 4);
    if (mo === undefined || y < 0 || s.charCodeAt(j + 4) !== sep || s.charCodeAt(j + 9) !== 32) {
      return undefined;
    }
    j += 10;
    const h = digits(s, j, 2);
    const mi = digits(s, j + 3, 2);
    const sec = digits(s, j + 6, 2);
    if (h < 0 || mi < 0 || sec < 0 || !validDate(mo, d, h, mi, sec)) return undefined;
    const ms = fraction(s, j + 8);
    const k = fractionEnd;
    return finish(zone, s, k, y, mo, d, h, mi, sec, ms);
  }
  if (j === i) return undefined; // ctime needs its weekday
  // Sun Nov 22 19:37:36[.ffffff] 2026 [+0000]
  const mo = monthAt(s, j);
  if (mo === undefined || s.charCodeAt(j + 3) !== 32) return undefined;
  j += 4;
  if (s.charCodeAt(j) === 32) j++;
  let d = digits(s, j, 2);
  if (d < 0) {
    d = digits(s, j, 1);
    j += 1;
  } else j += 2;
  if (s.charCodeAt(j) !== 32) return undefined;
  j++;
  const h = digits(s, j, 2);
  const mi = digits(s, j + 3, 2);
  const sec = digits(s, j + 6, 2);
  if (h < 0 || mi < 0 || sec < 0 || !validDate(mo, d, h, mi, sec)) return undefined;
  const ms = fraction(s, j + 8);
  const k = fractionEnd;
  if (s.charCodeAt(k) !== 32) return undefined;
  const y = digits(s, k + 1, 4);
  if (y < 0) return undefined;
  return finish(zone, s, k + 5, y, mo, d, h, mi, sec, ms);
}

/**
 * Epoch numbers: seconds (10 digits, optional fraction), ms (13), µs (16), ns (19). Plausible range
 * only (2000–2100), so that ordinary numbers are not read as times.
 */
export function epochToMs(value: number | string): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  if (!Number.isFinite(n) || n <= 0) return undefined;
  let ms: number;
  if (n < 1e11) ms = n * 1000;
  else if (n < 1e14) ms = n;
  else if (n < 1e17) ms = n / 1000;
  else ms = n / 1e6;
  return ms >= 946_684_800_000 && ms < 4_102_444_800_000 ? ms : undefined;
}

/** An epoch number at `i` that stands alone (followed by a non-digit); see {@link epochToMs}. */
export function scanEpoch(s: string, i: number): ScannedTime | undefined {
  let j = i;
  while (j < s.length && isDigit(s.charCodeAt(j)) && j - i < 20) j++;
  const n = j - i;
  if (n !== 10 && n !== 13 && n !== 16 && n !== 19) return undefined;
  let end = j;
  if (n === 10 && s.charCodeAt(j) === 46 && isDigit(s.charCodeAt(j + 1))) {
    end = j + 1;
    while (end < s.length && isDigit(s.charCodeAt(end)) && end - j < 10) end++;
  }
  const c = s.charCodeAt(end);
  if (end < s.length && (isDigit(c) || isLetter(c))) return undefined;
  const ms = epochToMs(s.slice(i, end));
  return ms === undefined ? undefined : { ms, zoned: true, end };
}

/**
 * Two-digit-year layouts of the Hadoop world at `i`: `17/06/09 20:10:40` (log4j `yy/MM/dd
 * HH:mm:ss`, Spark's default) and `081109 203615` (`yyMMdd HHmmss`, HDFS). Years are 20YY.
 */
export function scanShortYear(s: string, i: number, zone: Zone): ScannedTime | undefined {
  let yy: number, mo: number, d: number, h: number, mi: number, sec: number, j: number;
  if (s.charCodeAt(i + 2) === 47) {
    if (s.charCodeAt(i + 5) !== 47 || s.charCodeAt(i + 8) !== 32) return undefined;
    yy = digits(s, i, 2);
    mo = digits(s, i + 3, 2);
    d = digits(s, i + 6, 2);
    h = digits(s, i + 9, 2);
    mi = digits(s, i + 12, 2);
    sec = digits(s, i + 15, 2);
    if (s.charCodeAt(i + 11) !== 58 || s.charCodeAt(i + 14) !== 58) return undefined;
    j = i + 17;
  } else {
    if (s.charCodeAt(i + 6) !== 32) return undefined;
    yy = digits(s, i, 2);
    mo = digits(s, i + 2, 2);
    d = digits(s, i + 4, 2);
    h = digits(s, i + 7, 2);
    mi = digits(s, i + 9, 2);
    sec = digits(s, i + 11, 2);
    j = i + 13;
  }
  if (yy < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0 || !validDate(mo, d, h, mi, sec)) {
    return undefined;
  }
  if (isDigit(s.charCodeAt(j))) return undefined;
  const ms = fraction(s, j);
  const k = fractionEnd;
  return finish(zone, s, k, 2000 + yy, mo, d, h, mi, sec, ms);
}

/** Any of the shapes above at `i`, tried from the most to the least specific. */
export function scanAnyTimestamp(
  s: string,
  i: number,
  zone: Zone,
  year: (month: number) => number,
): ScannedTime | undefined {
  const c = s.charCodeAt(i);
  if (isDigit(c)) {
    return scanIso(s, i, zone) ?? scanClf(s, i, zone) ?? scanRfc2822(s, i, zone) ?? scanEpoch(s, i);
  }
  if (isUpper(c)) return scanSyslogTime(s, i, zone, year) ?? scanRfc2822(s, i, zone);
  return undefined;
}

/** Reads a whole string as one timestamp (JSON fields, config values); undefined when it is not. */
export function parseTimestampText(text: string, zone: Zone): ScannedTime | undefined {
  const s = text.trim();
  const t = scanAnyTimestamp(s, 0, zone, () => new Date().getUTCFullYear());
  return t && t.end === s.length ? t : undefined;
}

// Consecutive events mostly share their second: format it once.
let cachedSecond = NaN;
let cachedPrefix = '';

/** ISO 8601 UTC with milliseconds, the one way aftermath prints a time. */
export function formatUtc(ms: number): string {
  if (!Number.isFinite(ms)) return 'unknown';
  const whole = Math.floor(ms);
  const second = Math.floor(whole / 1000);
  if (second !== cachedSecond) {
    const iso = new Date(second * 1000).toISOString();
    // Years outside 0000–9999 print differently; leave them to Date.
    if (iso.length !== 24) return new Date(whole).toISOString();
    cachedSecond = second;
    cachedPrefix = iso.slice(0, 20);
  }
  const frac = whole - second * 1000;
  return cachedPrefix + (frac < 10 ? '00' : frac < 100 ? '0' : '') + frac + 'Z';
}

/**
 * Infers the year of year-less (BSD syslog) times: a file's entries end near its modification time,
 * so the first entry takes the year that does not put it after that; later entries roll to the next
 * year when the month falls back (Dec → Jan).
 */
export class YearInference {
  private year = 0;
  private lastMonth = 0;
  constructor(private readonly reference: Date) {}
  yearFor(month: number): number {
    if (this.lastMonth === 0) {
      const refYear = this.reference.getUTCFullYear();
      this.year = month > this.reference.getUTCMonth() + 1 ? refYear - 1 : refYear;
    } else if (month < this.lastMonth && this.lastMonth - month >= 6) {
      this.year++;
    }
    this.lastMonth = month;
    return this.year;
  }
}
