/**
 * The Redis server log (also Valkey's, which keeps the layout), as `serverLogRaw` writes it:
 * `pid:role dd Mon yyyy HH:MM:SS.mmm L message` since 5.0, the same without the year in 3.x–4.x,
 * `[pid] dd Mon HH:MM:SS.mmm L message` in 2.x (without `.mmm` before 2.6), and
 * `pid:signal-handler (epochSeconds) message` from signal handlers. The level character is
 * `.` debug, `-` verbose, `*` notice, `#` warning.
 *
 * Redis writes some text raw, without a prefix: the ASCII-art logo at start-up and most of a crash
 * report (section banners, the stack trace, INFO output). Those lines continue the entry before
 * them, except the report's START and END banners, which open entries of their own (placed at the
 * time of the entry before them) so that the report does not hang off whatever was logged last.
 */
import type { Attrs } from '../../core/event.js';
import type { Level } from '../../core/level.js';
import { digits, MONTHS, scanRfc2822 } from '../../core/time.js';
import { detectByParse, type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;

// Process ids fit in 7 digits on Linux (pid_max ≤ 4194304); 10 leaves room for other systems.
const MAX_PID_DIGITS = 10;

// `C` is any process other than the one that set server.pid: RDB/AOF children, and also the
// first start-up lines, written before the server records its pid.
const ROLES: Readonly<Record<string, string>> = {
  M: 'master',
  S: 'replica',
  C: 'child',
  X: 'sentinel',
};

const LEVELS: Readonly<Record<string, Level>> = {
  '.': 'debug',
  '-': 'debug',
  '*': 'notice',
  '#': 'warn',
};

/**
 * Messages that say the server is failing, raised above the `#` Redis wrote for them. Each names
 * where Redis logs it; nothing is raised on a guess.
 */
const RAISED: readonly (readonly [prefix: string, level: Level])[] = [
  // server.c redisOutOfMemoryHandler: logged just before serverPanic aborts the process.
  ['Out Of Memory allocating ', 'critical'],
  // debug.c _serverPanic: the process aborts after this line.
  ['Guru Meditation: ', 'critical'],
  // debug.c _serverAssert: a failed assertion, then a crash report and abort.
  ['=== ASSERTION FAILED ===', 'critical'],
  ['=== RECURSIVE ASSERTION FAILED ===', 'critical'],
  // rdb.c: the background save could not start; writes then fail with MISCONF.
  ["Can't save in background: ", 'error'],
  // rdb.c backgroundSaveDoneHandler: the RDB child exited with an error.
  ['Background saving error', 'error'],
];

/** The level Redis wrote, raised by {@link RAISED} or a crash-by-signal report line. */
function levelOf(written: Level, message: string): Level {
  for (const [prefix, level] of RAISED) if (message.startsWith(prefix)) return level;
  // debug.c sigsegvHandler: `Redis 7.2.4 crashed by signal: 11, si_code: 1`.
  if (message.startsWith('Redis ') && message.indexOf(' crashed by signal: ', 6) > 0) {
    return 'critical';
  }
  return written;
}

/** Wall-clock fields of a year-less time, read before the year is asked for. */
interface Yearless {
  mo: number;
  d: number;
  h: number;
  mi: number;
  sec: number;
  ms: number;
  end: number;
}

/** `dd Mon HH:MM:SS[.mmm]` at i (2.x–4.x, no year), or undefined. */
function yearless(s: string, i: number): Yearless | undefined {
  const d = digits(s, i, 2);
  const mo = MONTHS[s.slice(i + 3, i + 6)];
  if (d < 1 || d > 31 || mo === undefined || s.charCodeAt(i + 2) !== 32) return undefined;
  if (s.charCodeAt(i + 6) !== 32) return undefined;
  const t = i + 7;
  const h = digits(s, t, 2);
  const mi = digits(s, t + 3, 2);
  const sec = digits(s, t + 6, 2);
  if (s.charCodeAt(t + 2) !== 58 || s.charCodeAt(t + 5) !== 58) return undefined;
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60) return undefined;
  let end = t + 8;
  let ms = 0;
  if (s.charCodeAt(end) === 46) {
    ms = digits(s, end + 1, 3);
    if (ms < 0 || isDigit(s.charCodeAt(end + 4))) return undefined;
    end += 4;
  }
  return { mo, d, h, mi, sec, ms, end };
}

/** The report banners Redis writes raw (`=== REDIS BUG REPORT START: Cut & paste …`). */
function banner(line: string): ParsedEntry | null {
  if (!line.startsWith('=== ')) return null;
  let j = 4;
  // The product name: REDIS, VALKEY.
  while (j < 24 && isUpper(line.charCodeAt(j))) j++;
  if (j === 4 || !line.startsWith(' BUG REPORT ', j)) return null;
  const what = line.slice(j + 12, j + 17);
  // START is written only when the server is crashing: a signal, a failed assertion, a panic.
  const level: Level | undefined =
    what === 'START' ? 'critical' : what.startsWith('END') ? 'warn' : undefined;
  if (level === undefined) return null;
  return { ts: NaN, tsText: '', zoned: false, level, message: line.trimEnd() };
}

/** `(1714024483) message` at i, after `pid:signal-handler `. */
function signalHandler(line: string, i: number, pid: number): ParsedEntry | null {
  if (line.charCodeAt(i) !== 40) return null;
  let j = i + 1;
  while (isDigit(line.charCodeAt(j)) && j - i <= 12) j++;
  if (j === i + 1 || line.charCodeAt(j) !== 41) return null;
  if (j + 1 < line.length && line.charCodeAt(j + 1) !== 32) return null;
  const tsText = line.slice(i + 1, j);
  const message = line.slice(j + 2);
  return {
    ts: Number(tsText) * 1000,
    tsText,
    zoned: true,
    // The handler's level is not written; every call Redis makes logs at LL_WARNING (but a
    // module child's SIGUSR1 exit, at verbose).
    level: levelOf('warn', message),
    message,
    attrs: { pid, role: 'signal-handler' },
  };
}

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  const c0 = line.charCodeAt(0);
  if (c0 === 61 /* = */) return banner(line);
  const bracket = c0 === 91; // 2.x: `[pid]`
  let j = bracket ? 1 : 0;
  const pidAt = j;
  while (isDigit(line.charCodeAt(j)) && j - pidAt < MAX_PID_DIGITS) j++;
  if (j === pidAt) return null;
  const pid = Number(line.slice(pidAt, j));
  const attrs: Attrs = { pid };
  if (bracket) {
    if (line.charCodeAt(j) !== 93 || line.charCodeAt(j + 1) !== 32) return null;
    j += 2;
  } else {
    if (line.charCodeAt(j) !== 58) return null;
    if (line.startsWith('signal-handler ', j + 1)) return signalHandler(line, j + 16, pid);
    const role = ROLES[line.charAt(j + 1)];
    if (role === undefined || line.charCodeAt(j + 2) !== 32) return null;
    attrs.role = role;
    j += 3;
  }
  const timeAt = j;
  let ts = NaN;
  let end: number;
  let bare: Yearless | undefined;
  // 5.0 and later write the year; 2.x–4.x do not (and then HH: stands where the year would).
  if (!bracket && digits(line, timeAt + 7, 4) >= 0) {
    const t = scanRfc2822(line, timeAt, ctx.zone);
    if (t === undefined || t.zoned || line.charCodeAt(timeAt + 2) !== 32) return null;
    ts = t.ms;
    end = t.end;
  } else {
    bare = yearless(line, timeAt);
    if (bare === undefined) return null;
    end = bare.end;
  }
  if (line.charCodeAt(end) !== 32) return null;
  const written = LEVELS[line.charAt(end + 1)];
  if (written === undefined) return null;
  const after = line.charCodeAt(end + 2);
  // `serverLog(LL_WARNING, "\n\n=== …")` in 2.x leaves `# ` and nothing more on its line.
  if (end + 2 < line.length && after !== 32) return null;
  const message = line.slice(end + 3);
  // The year is inferred from the sequence of months: only lines that are entries may count.
  if (bare !== undefined) {
    const { mo, d, h, mi, sec, ms } = bare;
    ts = ctx.zone.toUtc(ctx.year(mo), mo, d, h, mi, sec, ms);
  }
  return {
    ts,
    tsText: line.slice(timeAt, end),
    zoned: false,
    level: levelOf(written, message),
    message,
    attrs,
  };
}

export const redis: LogFormat = {
  id: 'redis',
  aliases: ['valkey'],
  description:
    'Redis server log: pid:role, time, level character; 2.x, signal handler, crash report',
  multiline: true,
  detect: (sample, ctx) => detectByParse(redis, sample, ctx),
  parse,
};
