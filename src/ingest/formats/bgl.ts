/**
 * IBM Blue Gene/L RAS logs as the Sandia/LLNL release writes them (the Loghub `BGL` data set):
 * `- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS
 * KERNEL INFO instruction cache parity error corrected` — alert label (`-` for none), epoch
 * seconds, date, location, local time with microseconds, location again, type, component,
 * severity, message.
 *
 * The epoch seconds fix the instant; the local time (US Pacific, no zone written) adds the
 * microseconds when both name the same second, so no `--tz` is needed. The label is the data
 * set's own ground truth (which lines are alerts, by category), kept as `label` on every line and
 * as `alert` on alert lines only.
 */
import type { Attrs } from '../../core/event.js';
import type { Level } from '../../core/level.js';
import { digits } from '../../core/time.js';
import { detectByParse, type LogFormat, type ParsedEntry } from '../format.js';

// In rising order of severity; FAILURE is the highest, a hardware failure.
const LEVELS: ReadonlyMap<string, Level> = new Map([
  ['DEBUG', 'debug'],
  ['INFO', 'info'],
  ['WARNING', 'warn'],
  ['SEVERE', 'error'],
  ['ERROR', 'error'],
  ['FATAL', 'fatal'],
  ['FAILURE', 'fatal'],
]);

const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** End of the space-free token at i (at most `max` characters), or -1 when empty or too long. */
function token(s: string, i: number, max: number): number {
  let j = i;
  while (j < s.length && s.charCodeAt(j) !== 32) if (++j - i > max) return -1;
  return j > i ? j : -1;
}

interface LocalTime {
  ms: number; // as if UTC
  micros: number;
}

// `2005-06-03-15.42.50.675872` at i.
function localTime(s: string, i: number): LocalTime | undefined {
  const y = digits(s, i, 4);
  const mo = digits(s, i + 5, 2);
  const d = digits(s, i + 8, 2);
  const h = digits(s, i + 11, 2);
  const mi = digits(s, i + 14, 2);
  const sec = digits(s, i + 17, 2);
  const micros = digits(s, i + 20, 6);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59)
    return undefined;
  if (sec < 0 || sec > 60 || micros < 0) return undefined;
  for (const [k, c] of [
    [4, 45],
    [7, 45],
    [10, 45],
    [13, 46],
    [16, 46],
    [19, 46],
  ] as const) {
    if (s.charCodeAt(i + k) !== c) return undefined;
  }
  return { ms: Date.UTC(y, mo - 1, d, h, mi, sec), micros };
}

const put = (attrs: Attrs, key: string, value: string): void => {
  if (value !== 'NULL') attrs[key] = value;
};

function parse(line: string): ParsedEntry | null {
  const c0 = line.charCodeAt(0);
  if (c0 !== 45 && !isUpper(c0)) return null;
  const labelEnd = token(line, 0, 16);
  if (labelEnd < 0 || line.charCodeAt(labelEnd) !== 32) return null;
  const label = line.slice(0, labelEnd);
  if (label !== '-') {
    for (let k = 0; k < labelEnd; k++) if (!isUpper(line.charCodeAt(k))) return null;
  }
  const epochAt = labelEnd + 1;
  let j = epochAt;
  while (isDigit(line.charCodeAt(j)) && j - epochAt < 12) j++;
  if (j - epochAt < 9 || line.charCodeAt(j) !== 32) return null;
  const epoch = Number(line.slice(epochAt, j));
  // The date: `2005.06.03`
  const dateAt = j + 1;
  if (
    digits(line, dateAt, 4) < 0 ||
    line.charCodeAt(dateAt + 4) !== 46 ||
    digits(line, dateAt + 5, 2) < 0 ||
    line.charCodeAt(dateAt + 7) !== 46 ||
    digits(line, dateAt + 8, 2) < 0 ||
    line.charCodeAt(dateAt + 10) !== 32
  ) {
    return null;
  }
  const nodeAt = dateAt + 11;
  const nodeEnd = token(line, nodeAt, 64);
  if (nodeEnd < 0) return null;
  const timeAt = nodeEnd + 1;
  const local = localTime(line, timeAt);
  if (local === undefined || line.charCodeAt(timeAt + 26) !== 32) return null;
  const fields: number[] = [timeAt + 27];
  // Location again, type, component, severity.
  for (let k = 0; k < 4; k++) {
    const at = fields[fields.length - 1]!;
    const end = token(line, at, 64);
    if (end < 0 || (k < 3 && line.charCodeAt(end) !== 32)) return null;
    fields.push(end + 1);
  }
  const [repeatAt, typeAt, componentAt, levelAt, msgAt] = fields as [
    number,
    number,
    number,
    number,
    number,
  ];
  const severity = line.slice(levelAt, msgAt - 1);
  let ts = epoch * 1000;
  // The same second in both clocks (whole minutes apart): the local time's microseconds count.
  if ((ts - local.ms) % 60_000 === 0) ts += local.micros / 1000;
  const node = line.slice(nodeAt, nodeEnd);
  const repeat = line.slice(repeatAt, typeAt - 1);
  const attrs: Attrs = { label };
  if (label !== '-') attrs.alert = label;
  put(attrs, 'node', node);
  if (repeat !== node) put(attrs, 'nodeRepeat', repeat);
  put(attrs, 'type', line.slice(typeAt, componentAt - 1));
  put(attrs, 'component', line.slice(componentAt, levelAt - 1));
  attrs.severity = severity;
  const entry: ParsedEntry = {
    ts,
    tsText: line.slice(epochAt, dateAt - 1),
    zoned: true,
    message: msgAt < line.length ? line.slice(msgAt).trim() : '',
    attrs,
  };
  const level = LEVELS.get(severity);
  if (level !== undefined) entry.level = level;
  return entry;
}

export const bgl: LogFormat = {
  id: 'bgl',
  aliases: ['bluegene', 'blue-gene-l'],
  description: 'IBM Blue Gene/L RAS log (Loghub BGL): alert label, location, component, severity',
  multiline: false,
  detect: (sample, ctx) => detectByParse(bgl, sample, ctx),
  parse,
};
