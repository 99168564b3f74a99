/** Pieces the syslog family shares: `<PRI>`, `host prog[pid]:` tags, journalctl markers, level guess. */
import type { Attrs } from '../../core/event.js';
import { levelRank, parseLevel, type Level } from '../../core/level.js';
import type { ParsedEntry } from '../format.js';

const FACILITIES = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'authpriv',
  'ftp',
  'ntp',
  'security',
  'console',
  'solaris-cron',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
];

/** Facility name of a PRI's facility code (`PRI >> 3`). */
export function facilityName(code: number): string {
  return FACILITIES[code] ?? String(code);
}

/** `<PRI>` at `i`: [pri, index past `>`], or undefined when absent or out of range (0–191). */
export function readPri(s: string, i: number): [number, number] | undefined {
  if (s.charCodeAt(i) !== 60) return undefined;
  let pri = 0;
  let j = i + 1;
  for (; j < s.length && j - i <= 3; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) break;
    pri = pri * 10 + (c - 48);
  }
  if (j === i + 1 || s.charCodeAt(j) !== 62 || pri > 191) return undefined;
  return [pri, j + 1];
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

// Hostnames, IPv4/IPv6 addresses and FQDNs; anything else after the time is not a syslog host.
function isHostChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    isDigit(c) ||
    c === 45 ||
    c === 46 ||
    c === 95 ||
    c === 58
  );
}

// Tags never hold these; a word that does is the start of the message.
function isTagChar(c: number): boolean {
  return c > 32 && c !== 58 && c !== 91 && c !== 93 && c !== 127;
}

const MAX_HOST = 255;
const MAX_TAG = 64;

let tagLevel: Level | undefined;

/** The level a macOS `prog[pid] <Notice>:` tag carried, from the last {@link readHostTag} call. */
export function lastTagLevel(): Level | undefined {
  return tagLevel;
}

/**
 * Reads `prog[pid]: ` (or `prog: `) at `i`; returns the index of the message, -1 when there is
 * no tag. Sets attrs.program and attrs.pid.
 */
function readTag(s: string, i: number, attrs: Attrs): number {
  let j = i;
  while (j < s.length && j - i < MAX_TAG && isTagChar(s.charCodeAt(j))) j++;
  if (j === i) return -1;
  const end = j;
  const version = readVersion(s, j);
  if (version > 0) {
    attrs.program = s.slice(i, end);
    attrs.version = s.slice(end + 1, version);
    tagLevel = undefined;
    return version + 1 < s.length ? version + 2 : version + 1;
  }
  let pid = -1;
  if (s.charCodeAt(j) === 91) {
    j++;
    const start = j;
    pid = 0;
    while (j - start < 10 && isDigit(s.charCodeAt(j))) pid = pid * 10 + (s.charCodeAt(j++) - 48);
    if (j === start || s.charCodeAt(j) !== 93) return -1;
    j++;
  }
  // macOS system.log: `prog[pid] <Notice>: message`
  let level: Level | undefined;
  if (s.charCodeAt(j) === 32 && s.charCodeAt(j + 1) === 60) {
    const close = s.indexOf('>', j + 2);
    if (close < 0 || close - j > 12) return -1;
    level = parseLevel(s.slice(j + 2, close));
    if (level === undefined) return -1;
    j = close + 1;
  }
  if (s.charCodeAt(j) !== 58) return -1;
  const after = s.charCodeAt(j + 1);
  if (j + 1 < s.length && after !== 32 && after !== 9) return -1;
  attrs.program = s.slice(i, end);
  if (pid >= 0) attrs.pid = pid;
  tagLevel = level;
  return j + 1 < s.length ? j + 2 : j + 1;
}

/**
 * sysklogd stamps its own lines with its version instead of a pid (`syslogd 1.4.1: restart.`,
 * Debian's `syslogd 1.5.0#6: restart.`): at `j`, ` 1.4.1:` followed by a blank or the end;
 * returns the index of the `:`, or -1.
 */
function readVersion(s: string, j: number): number {
  if (s.charCodeAt(j) !== 32 || !isDigit(s.charCodeAt(j + 1))) return -1;
  let k = j + 1;
  let dots = 0;
  for (; k - j < 16; k++) {
    const c = s.charCodeAt(k);
    if (c === 46) dots++;
    else if (!isDigit(c) && c !== 35) break;
  }
  const after = s.charCodeAt(k + 1);
  if (dots === 0 || s.charCodeAt(k) !== 58) return -1;
  return k + 1 === s.length || after === 32 || after === 9 ? k : -1;
}

/**
 * Reads `host prog[pid]: ` at `i` and returns the index where the message starts, or -1. Unless
 * `strict`, the host may be missing when the first word is a tag (`prog[pid]: `, as senders without
 * a hostname write) and the tag may be missing. ISO-stamped lines are read strictly: without both,
 * too many application logs (`2026-… main: started`) would pass for syslog.
 */
export function readHostTag(s: string, i: number, attrs: Attrs, strict: boolean): number {
  tagLevel = undefined;
  if (!strict) {
    const asTag = readTag(s, i, attrs);
    if (asTag >= 0) return asTag;
  }
  let j = i;
  while (j < s.length && j - i <= MAX_HOST && isHostChar(s.charCodeAt(j))) j++;
  if (j === i || s.charCodeAt(j - 1) === 58) return -1;
  // `2026-… INFO main: started` is an application log, not host INFO.
  if (j - i >= 3 && j - i <= 8 && mayStartLevelWord(s.charCodeAt(i)) && isLevelWord(s.slice(i, j)))
    return -1;
  if (j === s.length) {
    if (strict) return -1;
    attrs.host = s.slice(i, j);
    return j;
  }
  if (s.charCodeAt(j) !== 32) return -1;
  attrs.host = s.slice(i, j);
  const tagged = readTag(s, j + 1, attrs);
  if (tagged < 0 && strict) return -1;
  return tagged >= 0 ? tagged : j + 1;
}

// A level word leading the message: `error: …`, `ERROR …`, `[warn] …`, `<crit> …`.
const LEADING =
  /^(?:\[([A-Za-z]{3,8})\]|<([A-Za-z]{3,8})>|([A-Za-z]{3,8}):|([A-Z]{3,8})(?![A-Za-z]))/;
// Only words that mean a level wherever they lead a message; `config:`, `context:`, `alert:` do not.
const WORDS: Record<string, Level> = {
  debug: 'debug',
  info: 'info',
  notice: 'notice',
  warn: 'warn',
  warning: 'warn',
  err: 'error',
  error: 'error',
  crit: 'critical',
  critical: 'critical',
  emerg: 'fatal',
  fatal: 'fatal',
  panic: 'fatal',
};

// The first letters of the level words (either case): most hosts are ruled out without a copy.
function mayStartLevelWord(c: number): boolean {
  switch (c | 32) {
    case 99 /* c */:
    case 100 /* d */:
    case 101 /* e */:
    case 102 /* f */:
    case 105 /* i */:
    case 110 /* n */:
    case 112 /* p */:
    case 116 /* t */:
    case 119 /* w */:
      return true;
    default:
      return false;
  }
}

function isLevelWord(word: string): boolean {
  const lower = word.toLowerCase();
  return WORDS[lower] !== undefined || lower === 'trace';
}

/**
 * The level of a message that carries none in its framing. Deliberately conservative: a level word
 * leading the message (`error:`, `ERROR`, `[warn]`, `panic:`), or a leading `Out of memory` /
 * `Failed to start` (systemd unit failures). Words inside a message (`0 errors`) are not read.
 */
export function guessLevel(message: string): Level | undefined {
  const c = message.charCodeAt(0);
  if (c === 79 && message.startsWith('Out of memory')) return 'error';
  if (c === 70 && message.startsWith('Failed to start ')) return 'error';
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 91 || c === 60)) return undefined;
  const m = LEADING.exec(message);
  if (m === null) return undefined;
  const word = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').toLowerCase();
  return WORDS[word];
}

/** The more severe of two levels. */
export function worse(a: Level | undefined, b: Level | undefined): Level | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return levelRank(b) > levelRank(a) ? b : a;
}

/** A line that continues the entry before it (a continuation entry without a time). */
export function continuation(message: string): ParsedEntry {
  return { ts: NaN, tsText: '', zoned: false, message, continues: true };
}

/**
 * journalctl's own lines. `-- Boot <id> --`, `-- No entries --`, `-- Logs begin at … --` and
 * `-- Journal begins at … --` become notice-level marker entries without a time of their own (NaN:
 * the assembler gives them the previous entry's time, or the next one's at the top of the file):
 * their written times say where the journal starts, not when anything happened. `journalctl -x`
 * catalog text (`-- Subject: …`, `░░ …`) continues the entry it explains. Null for anything else.
 */
export function journalLine(line: string): ParsedEntry | null {
  const c = line.charCodeAt(0);
  if (c === 0x2591 && line.charCodeAt(1) === 0x2591) return continuation(line);
  if (c !== 45 || line.charCodeAt(1) !== 45) return null;
  if (line.length === 2) return continuation(line);
  if (line.charCodeAt(2) !== 32) return null;
  const end = line.trimEnd();
  if (end.length < 6 || !end.endsWith(' --')) return continuation(line);
  const attrs: Attrs = { marker: markerKind(end) };
  if (attrs.marker === 'boot') {
    const id = end.slice(8, -3).trim();
    if (id.length > 0) attrs['journal._BOOT_ID'] = id;
  }
  return { ts: NaN, tsText: '', zoned: false, level: 'notice', message: end, attrs };
}

function markerKind(line: string): string {
  if (line.startsWith('-- Boot ')) return 'boot';
  if (line.startsWith('-- Reboot')) return 'boot';
  if (line.startsWith('-- No entries')) return 'no-entries';
  return 'journal-range';
}

/** Whether the sample looks like journalctl output: marker lines, or ISO times with `+0000` offsets. */
export function looksLikeJournalctl(sample: readonly string[]): boolean {
  for (const line of sample) {
    if (line.startsWith('-- ') && line.trimEnd().endsWith(' --')) return true;
    if (colonlessOffset(line)) return true;
  }
  return false;
}

// `2026-11-22T19:40:42[.ffffff]+0000 ` — journalctl's `%z`; rsyslog writes `+00:00`.
function colonlessOffset(line: string): boolean {
  if (!isDigit(line.charCodeAt(0)) || line.charCodeAt(10) !== 84) return false;
  let j = 19;
  if (line.charCodeAt(j) === 46) {
    j++;
    while (j < 30 && isDigit(line.charCodeAt(j))) j++;
  }
  const sign = line.charCodeAt(j);
  if (sign !== 43 && sign !== 45) return false;
  for (let k = 1; k <= 4; k++) if (!isDigit(line.charCodeAt(j + k))) return false;
  return line.charCodeAt(j + 5) === 32;
}

/** Lines that start no entry (indented continuations, journalctl catalog text), left out of detection. */
export function isContinuationLine(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c === 32 || c === 9) return true;
  if (c === 0x2591) return true;
  return c === 45 && line.startsWith('-- ') && !line.trimEnd().endsWith(' --');
}
