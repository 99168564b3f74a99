/** MySQL and MariaDB error logs: 8.0's `[Label] [MY-nnnnnn] [Subsystem]`, 5.7, 5.6/MariaDB, 5.5. */
import type { Attrs } from '../../core/event.js';
import type { Level } from '../../core/level.js';
import { digits, scanIso, type ScannedTime } from '../../core/time.js';
import type { Zone } from '../../core/zone.js';
import { detectByParse, type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';

/**
 * The server's own time layouts at `i`: RFC 3339 (5.7+, `Z` or the `log_timestamps=SYSTEM`
 * offset), `2026-11-22 19:40:42` (5.6, MariaDB 10, zone-less; MariaDB pads the hour with a space)
 * and `261122  9:40:42` (5.5 and older, also MariaDB's slow log `# Time:`).
 */
export function scanMysqlTime(s: string, i: number, zone: Zone): ScannedTime | undefined {
  if (s.charCodeAt(i + 4) === 45 /* - */) {
    if (s.charCodeAt(i + 11) !== 32) return scanIso(s, i, zone);
    // `2026-11-22  9:40:42`: scanIso wants two hour digits.
    if (s.charCodeAt(i + 10) !== 32 || s.charCodeAt(i + 7) !== 45) return undefined;
    return wallClock(s, zone, digits(s, i, 4), digits(s, i + 5, 2), digits(s, i + 8, 2), i + 11);
  }
  if (s.charCodeAt(i + 6) !== 32) return undefined;
  const yy = digits(s, i, 2);
  if (yy < 0) return undefined;
  return wallClock(s, zone, 2000 + yy, digits(s, i + 2, 2), digits(s, i + 4, 2), i + 7);
}

// `%2d:%02d:%02d` at `h`, read in `zone`.
function wallClock(
  s: string,
  zone: Zone,
  y: number,
  mo: number,
  d: number,
  h: number,
): ScannedTime | undefined {
  const hh = s.charCodeAt(h) === 32 ? digits(s, h + 1, 1) : digits(s, h, 2);
  if (s.charCodeAt(h + 2) !== 58 || s.charCodeAt(h + 5) !== 58) return undefined;
  const mi = digits(s, h + 3, 2);
  const sec = digits(s, h + 6, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || hh < 0 || hh > 23) return undefined;
  if (mi < 0 || mi > 59 || sec < 0 || sec > 60) return undefined;
  const c = s.charCodeAt(h + 8);
  if (c >= 48 && c <= 57) return undefined;
  return { ms: zone.toUtc(y, mo, d, hh, mi, sec, 0), zoned: false, end: h + 8 };
}

// Every label the servers write; `Warn` only comes from the Docker images' entrypoint script.
const LABELS: Readonly<Record<string, Level>> = {
  // MySQL 8's `System` marks startup, shutdown and ready-for-connections: normal but significant.
  System: 'notice',
  Note: 'info',
  Warning: 'warn',
  Warn: 'warn',
  ERROR: 'error',
};

// 5.7 and MariaDB keep these subsystem names at the start of the message.
const MESSAGE_SUBSYSTEMS = ['InnoDB: ', 'WSREP: '];

function parseStamped(line: string, ctx: ParseContext): ParsedEntry | null {
  const t = scanMysqlTime(line, 0, ctx.zone);
  if (t === undefined || line.charCodeAt(t.end) !== 32) return null;
  const tsText = line.slice(0, t.end);
  let i = t.end + 1;
  // The signal handler writes its own banner: `2026-11-22T19:40:42Z UTC - mysqld got signal 11 ;`.
  if (line.startsWith('UTC - ', i)) {
    return { ts: t.ms, tsText, zoned: t.zoned, level: 'critical', message: line.slice(i + 6) };
  }
  const attrs: Attrs = {};
  let k = i;
  while (k < line.length && k - i < 20 && isHex(line.charCodeAt(k))) k++;
  if (k > i && line.charCodeAt(k) === 32) {
    const token = line.slice(i, k);
    if (isDecimal(token)) attrs.thread = Number(token);
    // 5.6's InnoDB writes the OS thread in hex: `2026-11-22 19:40:42 7f3a2b4c5700 InnoDB: …`.
    else if (line.startsWith(' InnoDB: ', k)) attrs.osThread = token;
    else return null;
    i = k + 1;
  }
  const c = line.charCodeAt(i);
  let level: Level = 'info';
  let message: string;
  if (c === 91 /* [ */) {
    const close = line.indexOf('] ', i);
    if (close < 0 || close - i > 8) return null;
    const label = LABELS[line.slice(i + 1, close)];
    if (label === undefined) return null;
    level = label;
    i = close + 2;
    i = readBrackets(line, i, attrs);
    message = line.slice(i);
  } else if (line.startsWith('mysqld_safe ', i)) {
    attrs.subsystem = 'mysqld_safe';
    message = line.slice(i + 12);
  } else {
    // 5.5's InnoDB writes its lines with no label, after two spaces.
    if (c === 32) i++;
    if (!line.startsWith('InnoDB: ', i)) return null;
    message = line.slice(i);
    if (message.startsWith('InnoDB: Error') || message.startsWith('InnoDB: Assertion failure'))
      level = 'error';
    else if (message.startsWith('InnoDB: Warning')) level = 'warn';
  }
  message = subsystemPrefix(message, attrs);
  if (isCrash(message)) level = 'critical';
  return { ts: t.ms, tsText, zoned: t.zoned, level, message, attrs };
}

/** 8.0's `[MY-012574] [InnoDB] ` and the entrypoint's `[Entrypoint]: `; returns where the text starts. */
function readBrackets(line: string, i: number, attrs: Attrs): number {
  if (line.startsWith('[Entrypoint]: ', i)) {
    attrs.subsystem = 'Entrypoint';
    return i + 14;
  }
  const close = line.indexOf('] ', i);
  if (line.charCodeAt(i) !== 91 || close < 0 || close - i > 16) return i;
  const code = line.slice(i + 1, close);
  if (!isErrorCode(code)) return i;
  attrs.errorCode = code;
  const j = close + 2;
  const end = line.indexOf('] ', j);
  if (line.charCodeAt(j) !== 91 || end < 0 || end - j > 40) return j;
  attrs.subsystem = line.slice(j + 1, end);
  return end + 2;
}

function subsystemPrefix(message: string, attrs: Attrs): string {
  const named = attrs.subsystem;
  // Early 8.0 builds repeat the subsystem: `[InnoDB] InnoDB: DDL log recovery : begin`.
  if (typeof named === 'string') {
    return message.startsWith(named + ': ') ? message.slice(named.length + 2) : message;
  }
  for (const prefix of MESSAGE_SUBSYSTEMS) {
    if (message.startsWith(prefix)) {
      attrs.subsystem = prefix.slice(0, -2);
      return message.slice(prefix.length);
    }
  }
  return message;
}

// `mysqld got signal 11 ;` (MariaDB, and 5.x's banner line): the server is going down.
function isCrash(text: string): boolean {
  const k = text.indexOf(' got signal ');
  return k > 0 && k < 40 && text.lastIndexOf(' ', k - 1) < 0;
}

// `MY-012574`; other prefixes are reserved for components.
function isErrorCode(code: string): boolean {
  const dash = code.indexOf('-');
  if (dash < 2 || dash > 4 || code.length - dash < 2) return false;
  for (let k = 0; k < dash; k++) {
    const ch = code.charCodeAt(k);
    if (ch < 65 || ch > 90) return false;
  }
  return isDecimal(code.slice(dash + 1));
}

function isDecimal(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const ch = s.charCodeAt(k);
    if (ch < 48 || ch > 57) return false;
  }
  return s.length > 0;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
}

const DAY = 86_400_000;
const LAST_TS = 'mysql-error.ts';

/**
 * 5.7 and 5.5 write the crash banner with the UTC time of day only (`19:40:42 UTC - mysqld got
 * signal 11 ;`): it takes the UTC date of the entry before it, the next day when that would put it
 * more than 12 hours back (the crash came after midnight). With no entry before, it is not read.
 */
function bareCrash(line: string, ctx: ParseContext): ParsedEntry | null {
  if (line.charCodeAt(2) !== 58 || !line.startsWith(' UTC - ', 8)) return null;
  const h = digits(line, 0, 2);
  const mi = digits(line, 3, 2);
  const sec = digits(line, 6, 2);
  const last = ctx.state[LAST_TS];
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60 || typeof last !== 'number')
    return null;
  const message = line.slice(15);
  if (!isCrash(message)) return null;
  let ts = Math.floor(last / DAY) * DAY + ((h * 60 + mi) * 60 + sec) * 1000;
  if (ts < last - DAY / 2) ts += DAY;
  return { ts, tsText: line.slice(0, 12), zoned: true, level: 'critical', message };
}

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  const e = parseStamped(line, ctx) ?? bareCrash(line, ctx);
  if (e !== null) ctx.state[LAST_TS] = e.ts;
  return e;
}

export const mysqlError: LogFormat = {
  id: 'mysql-error',
  aliases: ['mysql', 'mariadb', 'mysqld'],
  description:
    'MySQL 8/5.7/5.6/5.5 and MariaDB error logs, the Docker entrypoint lines; crash reports attach',
  multiline: true,
  detect: (sample, ctx) => detectByParse(mysqlError, sample, ctx),
  parse,
};
