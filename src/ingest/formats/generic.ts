/** The fallback: any line that opens with a timestamp, with level, thread, logger and pid if present. */
import type { Attrs } from '../../core/event.js';
import type { Level } from '../../core/level.js';
import {
  digits,
  scanClf,
  scanEpoch,
  scanIso,
  scanRfc2822,
  scanSyslogTime,
  type ScannedTime,
} from '../../core/time.js';
import { detectByParse, type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';

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

function levelWord(w: string, first: boolean): Level | undefined {
  if (w.length < 3 || w.length > 11) return undefined;
  const c0 = w.charCodeAt(0);
  const c1 = w.charCodeAt(1);
  const upper = c0 >= 65 && c0 <= 90;
  if (upper && c1 >= 65 && c1 <= 90) return UPPER_ONLY[w] ?? ANY_CASE[w.toLowerCase()];
  // `Warning`, `error`: only first, and only the plain spellings.
  return first ? ANY_CASE[upper ? w.toLowerCase() : w] : undefined;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlnum = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
// Word characters of header tokens: logger names keep their dots, dashes and slashes.
const isWord = (c: number): boolean =>
  isAlnum(c) || c === 95 || c === 46 || c === 45 || c === 36 || c === 47;
const isSep = (c: number): boolean =>
  c === 32 || c === 9 || c === 58 || c === 124 || c === 44 || c === 93 || c === 62;

interface Header {
  level?: Level;
  attrs: Attrs;
  /** Where the message starts. */
  msg: number;
}

const HEADER_CHARS = 200;
const HEADER_WORDS = 5;

/**
 * Reads the header after the time: level word (`INFO`, `[warn]`, `:DEBUG:`, `level=error`),
 * `[thread]`, `[1234]` pid, `logger:` / `Logger  : ` / `a.b.Logger - `, in any order, until the
 * first word that is none of these; the message starts there.
 */
function readHeader(s: string, from: number): Header {
  const n = s.length;
  const limit = Math.min(n, from + HEADER_CHARS);
  const h: Header = { attrs: {}, msg: -1 };
  let end = from; // past the last header item
  let words = 0;
  let glued = false; // level directly followed by `:` (Python's `LEVEL:name:message`)
  let pending = -1; // start of the first non-header word, when it might be a logger
  let pendingEnd = -1;
  let i = from;
  while (i < limit && words < HEADER_WORDS) {
    const c = s.charCodeAt(i);
    if (c === 27 && s.charCodeAt(i + 1) === 91) {
      // ANSI colour: ESC [ 1 ; 31 m
      i += 2;
      while (i < limit && (isDigit(s.charCodeAt(i)) || s.charCodeAt(i) === 59)) i++;
      if (s.charCodeAt(i) === 109) i++;
      if (h.msg < 0) end = i;
      continue;
    }
    if (isSep(c)) {
      i++;
      continue;
    }
    if (c === 91 /* [ */) {
      const close = s.indexOf(']', i + 1);
      if (close < 0 || close - i > 80) break;
      words++;
      const content = s.slice(i + 1, close).trim();
      if (!bracket(content, h) && h.msg < 0) h.msg = i;
      i = close + 1;
      if (h.msg < 0) end = i;
      continue;
    }
    const start = i;
    while (i < limit && isWord(s.charCodeAt(i))) i++;
    if (i === start) {
      // Punctuation that is not a separator starts the message.
      if (h.msg < 0) h.msg = start;
      break;
    }
    const w = s.slice(start, i);
    if (isDashes(w)) {
      // Spring Boot: `LEVEL pid --- [app] [thread] logger : message`
      if (w.length === 3 && h.msg < 0 && h.level !== undefined) {
        h.msg = readSpring(s, i, h);
        break;
      }
      continue;
    }
    words++;
    if (h.msg < 0 && h.level !== undefined && s.startsWith(' --- ', i) && isNumber(w)) {
      h.attrs.pid ??= Number(w);
      end = i;
      continue;
    }
    if (s.charCodeAt(i) === 61 /* = */) {
      const key = w.toLowerCase();
      if (key === 'level' || key === 'lvl' || key === 'severity') {
        const vs = ++i;
        while (i < limit && isWord(s.charCodeAt(i))) i++;
        const lvl = levelWord(s.slice(vs, i).toUpperCase(), false);
        if (lvl !== undefined) h.level ??= lvl;
        if (h.msg < 0) end = i;
        continue;
      }
      if (h.msg < 0) h.msg = start;
      continue;
    }
    const lvl = h.level === undefined ? levelOf(w, words === 1, h) : undefined;
    if (lvl !== undefined) {
      h.level = lvl;
      if (h.msg < 0) {
        end = i;
        glued = s.charCodeAt(i) === 58;
      } else if (h.msg === pending && words === 2 && h.attrs.logger === undefined) {
        // `name - LEVEL - message` (Python's documented format)
        h.attrs.logger = s.slice(pending, pendingEnd);
        h.msg = -1;
        end = i;
      }
      continue;
    }
    if (h.msg < 0 && h.level !== undefined && h.attrs.logger === undefined) {
      const after = loggerEnd(s, start, i, glued);
      if (after >= 0) {
        h.attrs.logger = w;
        end = i = after;
        continue;
      }
    }
    if (h.msg < 0) {
      h.msg = start;
      if (isAlpha(s.charCodeAt(start))) {
        pending = start;
        pendingEnd = i;
      }
    }
    if (h.level !== undefined) break;
  }
  if (h.msg < 0) h.msg = skipSeparator(s, end);
  return h;
}

/** A `[…]` group in the header: level, `module:level`, pid, `pid 1:tid 2`, or the thread. */
function bracket(content: string, h: Header): boolean {
  const lvl = levelWord(content, true);
  if (lvl !== undefined) {
    h.level ??= lvl;
    return true;
  }
  if (h.msg >= 0 || content.length === 0) return false;
  const colon = content.lastIndexOf(':');
  if (colon > 0) {
    const sub = levelWord(content.slice(colon + 1), true);
    if (sub !== undefined && h.level === undefined) {
      h.level = sub;
      h.attrs.logger ??= content.slice(0, colon);
      return true;
    }
  }
  if (isNumber(content)) {
    h.attrs.pid ??= Number(content);
    return true;
  }
  if (content.startsWith('pid ')) {
    let k = 4;
    while (isDigit(content.charCodeAt(k))) k++;
    if (k > 4) h.attrs.pid ??= Number(content.slice(4, k));
    return true;
  }
  if (h.attrs.thread !== undefined) return false;
  h.attrs.thread = content;
  return true;
}

/** After Spring Boot's `---`: `[app] [thread] logger : message`; returns where the message starts. */
function readSpring(s: string, i: number, h: Header): number {
  const brackets: string[] = [];
  for (;;) {
    while (s.charCodeAt(i) === 32) i++;
    if (s.charCodeAt(i) !== 91 || brackets.length === 2) break;
    const close = s.indexOf(']', i + 1);
    if (close < 0 || close - i > 80) break;
    brackets.push(s.slice(i + 1, close).trim());
    i = close + 1;
  }
  const thread = brackets.pop();
  if (thread !== undefined && thread.length > 0) h.attrs.thread ??= thread;
  const app = brackets.pop();
  if (app !== undefined && app.length > 0) h.attrs.service ??= app;
  const sep = s.indexOf(' : ', i);
  if (sep < 0 || sep - i > 200) return i;
  const logger = s.slice(i, sep).trim();
  if (logger.length > 0) h.attrs.logger ??= logger;
  return sep + 3;
}

function isNumber(w: string): boolean {
  return w.length > 0 && w.length <= 10 && digits(w, 0, w.length) >= 0;
}

/** A level word, or Monolog's `channel.LEVEL` (then the channel is the logger). */
function levelOf(w: string, first: boolean, h: Header): Level | undefined {
  const direct = levelWord(w, first);
  if (direct !== undefined) return direct;
  const dot = w.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const lvl = levelWord(w.slice(dot + 1), false);
  if (lvl !== undefined) h.attrs.logger = w.slice(0, dot);
  return lvl;
}

/** Index past a logger's separator when the word at [start, end) is a logger name, else -1. */
function loggerEnd(s: string, start: number, end: number, glued: boolean): number {
  const c = s.charCodeAt(end);
  // LEVEL:name:message
  if (glued && c === 58 && s.charCodeAt(start - 1) === 58) return end + 1;
  // Spring Boot: `Logger       : message`
  let j = end;
  while (s.charCodeAt(j) === 32) j++;
  if (j > end && s.charCodeAt(j) === 58 && s.charCodeAt(j + 1) === 32) return j + 2;
  // log4j `%c - %m` with a dotted class name
  if (c === 32 && s.charCodeAt(end + 1) === 45 && s.charCodeAt(end + 2) === 32) {
    if (s.lastIndexOf('.', end) > start) return end + 3;
  }
  return -1;
}

function isDashes(w: string): boolean {
  for (let k = 0; k < w.length; k++) if (w.charCodeAt(k) !== 45) return false;
  return true;
}

const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Skips blanks and one `:`, `|` or `-` separator before the message. */
function skipSeparator(s: string, i: number): number {
  while (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9) i++;
  const c = s.charCodeAt(i);
  const next = s.charCodeAt(i + 1);
  if ((c === 58 || c === 124 || c === 45) && (next === 32 || next === 9)) {
    i += 2;
    while (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9) i++;
  }
  return i;
}

const GLOG_LEVEL: Record<string, Level> = { I: 'info', W: 'warn', E: 'error', F: 'fatal' };

/** glog / klog: `I0517 15:04:22.619632 1952452992 file.cc:253] message` (local time, no year). */
function parseGlog(s: string, ctx: ParseContext): ParsedEntry | null {
  const level = GLOG_LEVEL[s.charAt(0)];
  const mo = digits(s, 1, 2);
  const d = digits(s, 3, 2);
  if (level === undefined || mo < 1 || mo > 12 || d < 1 || d > 31 || s.charCodeAt(5) !== 32)
    return null;
  const hh = digits(s, 6, 2);
  const mi = digits(s, 9, 2);
  const sec = digits(s, 12, 2);
  if (hh < 0 || mi < 0 || sec < 0 || hh > 23 || mi > 59 || sec > 60) return null;
  if (s.charCodeAt(8) !== 58 || s.charCodeAt(11) !== 58) return null;
  let i = 14;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    let scale = 100;
    for (i++; i < 24 && isDigit(s.charCodeAt(i)); i++, scale /= 10)
      ms += (s.charCodeAt(i) - 48) * scale;
  }
  const tsEnd = i;
  while (s.charCodeAt(i) === 32) i++;
  const tid = i;
  while (isDigit(s.charCodeAt(i))) i++;
  if (i === tid || s.charCodeAt(i) !== 32) return null;
  const thread = s.slice(tid, i);
  const close = s.indexOf('] ', i);
  const closeEnd = close < 0 && s.endsWith(']') ? s.length - 1 : close;
  if (closeEnd < 0 || closeEnd - i > 200) return null;
  const whole = Math.floor(ms);
  const ts = ctx.zone.toUtc(ctx.year(mo), mo, d, hh, mi, sec, whole) + (ms - whole);
  return {
    ts,
    tsText: s.slice(0, tsEnd),
    zoned: false,
    level,
    message: s.slice(Math.min(s.length, closeEnd + 2)),
    attrs: { thread, caller: s.slice(i + 1, closeEnd) },
  };
}

function scanStart(s: string, i: number, ctx: ParseContext): ScannedTime | undefined {
  const c = s.charCodeAt(i);
  if (isDigit(c)) {
    return (
      scanIso(s, i, ctx.zone) ??
      scanClf(s, i, ctx.zone) ??
      scanRfc2822(s, i, ctx.zone) ??
      scanEpoch(s, i)
    );
  }
  if (c >= 65 && c <= 90) {
    return scanSyslogTime(s, i, ctx.zone, (m) => ctx.year(m)) ?? scanRfc2822(s, i, ctx.zone);
  }
  return undefined;
}

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  let i = 0;
  let c = line.charCodeAt(0);
  if (c >= 68 && c <= 87 && isDigit(line.charCodeAt(1))) return parseGlog(line, ctx);
  let closer = 0;
  if (c === 91 || c === 60) {
    closer = c === 91 ? 93 : 62;
    i = 1;
  }
  while (i < 64 && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  c = line.charCodeAt(i);
  if (!isDigit(c) && !(c >= 65 && c <= 90)) return null;
  const t = scanStart(line, i, ctx);
  if (t === undefined || isAlnum(line.charCodeAt(t.end))) return null;
  const tsText = line.slice(i, t.end);
  let j = t.end;
  if (closer !== 0) {
    while (line.charCodeAt(j) === 32) j++;
    if (line.charCodeAt(j) === closer) j++;
    else j = t.end;
  }
  const h = readHeader(line, j);
  let message = line.slice(h.msg).trimEnd();
  if (message.length === 0) message = line.slice(j).trim();
  const entry: ParsedEntry = { ts: t.ms, tsText, zoned: t.zoned, message };
  if (h.level !== undefined) entry.level = h.level;
  for (const _ in h.attrs) {
    entry.attrs = h.attrs;
    break;
  }
  return entry;
}

export const generic: LogFormat = {
  id: 'generic',
  aliases: ['text', 'timestamped'],
  description:
    'Any line that opens with a timestamp (ISO, RFC 2822, syslog, epoch, glog); stack traces attach',
  multiline: true,
  detect: (sample, ctx) => detectByParse(generic, sample, ctx, 0.5),
  parse,
};
