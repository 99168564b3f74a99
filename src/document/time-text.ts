/** Times as people write them in postmortems: `2024-03-13 10:01`, `16:58 UTC`, `Jan 14, 10:18 AM`. */
import { scanIso } from '../core/time.js';
import { resolveZone, UTC, ZONE_ABBREVIATIONS, type Zone } from '../core/zone.js';
import type { TimeValue } from './front-matter-types.js';

export interface YearMonthDay {
  y: number;
  mo: number;
  d: number;
}

/** The parts of a written time; any may be missing. */
export interface TimeParts {
  /** A date; `y` is 0 when the year was not written (`Jan 14`). */
  date?: YearMonthDay;
  time?: { h: number; mi: number; s: number; ms: number };
  zone?: { name: string; zone: Zone };
  placeholder: boolean;
  /** Where the first date, time or placeholder starts in the text (-1 if none). */
  start: number;
  /** Just past the last of them (and a zone written after the time). */
  end: number;
}

const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const ISO_DATE = /(\d{4})[-/](\d{1,2})[-/](\d{1,2})/;
const MONTH_DAY = new RegExp(
  `\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?`,
  'i',
);
const DAY_MONTH = new RegExp(
  `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?![a-z])(?:,?\\s+(\\d{4})\\b)?`,
  'i',
);
const TIME =
  /(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?(?!\d)(?:\s*([ap])\.?m\b\.?)?/i;
const ZONE_AFTER =
  /^\s*\(?(?:(Z)(?![A-Za-z])|((?:UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?)(?!\d)|([A-Z]{1,5})(?![A-Za-z]))/;
const ZONE_WORD = /(?<![A-Za-z])(UTC|GMT|[A-Z]{2,5})(?![A-Za-z])/g;
const IANA = /\b([A-Z][a-z]+\/[A-Z][A-Za-z_]+)\b/;
const PLACEHOLDER =
  /\b(?:hh|HH)\s*:\s*(?:mm|MM)\b|\?\?|--:--|\bTB[DC]\b|\b[xX]{2}:[xX]{2}\b|\b(?:YYYY|yyyy)\b|\b20xx\b|\bMM-DD\b/;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const monthOf = (name: string): number => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

/** A zone named in text: `Z`, `+02:00`, `UTC+1`, `CET`, `Europe/Copenhagen`. */
export function zoneNamed(name: string): { name: string; zone: Zone } | undefined {
  const upper = name.toUpperCase();
  const abbreviation = ZONE_ABBREVIATIONS[upper];
  if (abbreviation !== undefined && name === upper) {
    const zone =
      abbreviation === 0
        ? UTC
        : resolveZone(
            `${abbreviation < 0 ? '-' : '+'}${String(Math.floor(Math.abs(abbreviation) / 60)).padStart(2, '0')}:${String(Math.abs(abbreviation) % 60).padStart(2, '0')}`,
          );
    return zone ? { name, zone } : undefined;
  }
  if (!/^[A-Za-z]+$/.test(name)) {
    const zone = resolveZone(name);
    return zone ? { name, zone } : undefined;
  }
  return undefined;
}

/** Finds a zone anywhere in a short text (a column header, a note, a cell). */
export function findZone(text: string): { name: string; zone: Zone } | undefined {
  for (const m of text.matchAll(ZONE_WORD)) {
    const z = zoneNamed(m[1]!);
    if (z) return z;
  }
  const iana = IANA.exec(text);
  return iana ? zoneNamed(iana[1]!) : undefined;
}

/** Reads the date, time and zone out of a short text such as a timeline cell. */
export function timeParts(text: string): TimeParts {
  const s = text.length > 200 ? text.slice(0, 200) : text;
  const ph = PLACEHOLDER.exec(s);
  const parts: TimeParts = { placeholder: ph !== null, start: -1, end: -1 };
  const starts: number[] = [];
  const ends: number[] = [];
  if (ph) {
    starts.push(ph.index);
    ends.push(ph.index + ph[0].length);
  }
  const iso = ISO_DATE.exec(s);
  const md = iso ? null : MONTH_DAY.exec(s);
  const dm = iso || md ? null : DAY_MONTH.exec(s);
  let date: YearMonthDay | undefined;
  if (iso) date = { y: Number(iso[1]), mo: Number(iso[2]), d: Number(iso[3]) };
  else if (md) date = { y: md[3] ? Number(md[3]) : 0, mo: monthOf(md[1]!), d: Number(md[2]) };
  else if (dm) date = { y: dm[3] ? Number(dm[3]) : 0, mo: monthOf(dm[2]!), d: Number(dm[1]) };
  const dateMatch = iso ?? md ?? dm;
  if (date && dateMatch && validDate(date)) {
    parts.date = date;
    starts.push(dateMatch.index);
    ends.push(dateMatch.index + dateMatch[0].length);
  }
  const t = TIME.exec(s);
  if (t) {
    let h = Number(t[1]);
    const mi = Number(t[2]);
    const sec = t[3] ? Number(t[3]) : 0;
    const meridiem = t[5]?.toLowerCase();
    if (meridiem === 'p' && h < 12) h += 12;
    if (meridiem === 'a' && h === 12) h = 0;
    if (h <= 24 && mi <= 59 && sec <= 60) {
      const ms = t[4] ? Number(t[4].padEnd(3, '0').slice(0, 3)) : 0;
      parts.time = { h, mi, s: sec, ms };
      starts.push(t.index);
      const timeEnd = t.index + t[0].length;
      const after = ZONE_AFTER.exec(s.slice(timeEnd));
      const named = after ? (after[1] ?? after[2] ?? after[3]) : undefined;
      const z = named === undefined ? undefined : zoneNamed(named);
      if (z) parts.zone = z;
      ends.push(z && after ? timeEnd + after[0].length : timeEnd);
    }
  }
  if (!parts.zone) {
    const z = findZone(s);
    if (z) parts.zone = z;
  }
  if (starts.length > 0) {
    parts.start = Math.min(...starts);
    parts.end = Math.max(...ends);
  }
  return parts;
}

function validDate(d: YearMonthDay): boolean {
  return d.mo >= 1 && d.mo <= 12 && d.d >= 1 && d.d <= 31;
}

/**
 * UTC ms of written parts: a date missing from the text (or its year) comes from `context`; a zone
 * missing from the text comes from `zone` (else UTC). Undefined without a time or any date.
 */
export function resolveParts(
  parts: TimeParts,
  context: YearMonthDay | undefined,
  zone: Zone | undefined,
): number | undefined {
  if (!parts.time) return undefined;
  let date = parts.date;
  if (date && date.y === 0) date = context ? { ...date, y: context.y } : undefined;
  date ??= context;
  if (!date) return undefined;
  const z = parts.zone?.zone ?? zone ?? UTC;
  const { h, mi, s, ms } = parts.time;
  const v = z.toUtc(date.y, date.mo, date.d, h, mi, s, ms);
  return Number.isFinite(v) ? v : undefined;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A front-matter time: ISO 8601 (`2026-11-22T19:37:36Z`, `2026-11-22 19:37 UTC`) or a date. */
export function readIsoTime(raw: string): TimeValue | undefined {
  const text = raw.trim();
  const d = DATE_ONLY.exec(text);
  if (d) {
    const date = { y: Number(d[1]), mo: Number(d[2]), d: Number(d[3]) };
    if (!validDate(date)) return undefined;
    return { raw, ms: Date.UTC(date.y, date.mo - 1, date.d), zoned: false, dateOnly: true };
  }
  const t = scanIso(text, 0, UTC);
  if (!t || t.end !== text.length) return undefined;
  return { raw, ms: t.ms, zoned: t.zoned, dateOnly: false };
}

/** The calendar date (UTC) of an epoch ms. */
export function utcDate(ms: number): YearMonthDay {
  const d = new Date(ms);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate() };
}
