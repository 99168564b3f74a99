/**
 * The kernel ring buffer as `dmesg` prints it: `[  123.456789] msg` (seconds since boot), `-T`
 * (`[Sun Nov 22 19:40:42 2026] msg`, local time read in ctx.zone), `--time-format iso`
 * (`2026-11-22T19:40:42,123456+00:00 msg`), with `-x` (`kern  :err   : `) or `-r` (`<3>`) levels.
 *
 * Uptime has no wall clock. When the caller knows when the machine booted it puts the epoch ms in
 * `ctx.state.bootTimeMs` and times are boot time + uptime. Otherwise times are uptime after the
 * epoch (1970-01-01) and carry `attrs.clock = 'uptime'`, so the sources report can say that the
 * file cannot be merged by time; a made-up boot time would put the entries in a plausible but false
 * place on the timeline. Every uptime entry keeps `attrs.uptimeS`.
 */
import type { Attrs } from '../../core/event.js';
import { levelFromSyslogSeverity, type Level } from '../../core/level.js';
import { scanIso, scanRfc2822, type ScannedTime } from '../../core/time.js';
import { detectByParse, type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';
import { kernelAttrs } from './kernel.js';
import { continuation, facilityName, guessLevel, worse } from './syslog-common.js';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLower = (c: number): boolean => c >= 97 && c <= 122;

// `dmesg -x` level names, in syslog severity order.
const SEVERITIES = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'];

// Apache 2.2 error logs share the `-T` bracket; their next word is a bracketed level.
const APACHE_LEVEL = /^\[(?:emerg|alert|crit|error|warn|notice|info|debug)\]/;

// Reads `kern  :err   : ` at 0; returns [facility, severity, end] or undefined.
function decodePrefix(s: string): [string, number, number] | undefined {
  let j = 0;
  while (j < 12 && (isLower(s.charCodeAt(j)) || isDigit(s.charCodeAt(j)))) j++;
  if (j === 0) return undefined;
  const facility = s.slice(0, j);
  while (s.charCodeAt(j) === 32) j++;
  if (s.charCodeAt(j) !== 58) return undefined;
  const start = ++j;
  while (j - start < 8 && isLower(s.charCodeAt(j))) j++;
  const severity = SEVERITIES.indexOf(s.slice(start, j));
  if (severity < 0) return undefined;
  while (s.charCodeAt(j) === 32) j++;
  if (s.charCodeAt(j) !== 58 || s.charCodeAt(j + 1) !== 32) return undefined;
  return [facility, severity, j + 2];
}

// `[  123.456789]` at i: [seconds, index after `]`], or undefined.
function readUptime(s: string, i: number): [number, number] | undefined {
  let j = i + 1;
  while (s.charCodeAt(j) === 32 && j - i < 16) j++;
  const intStart = j;
  while (isDigit(s.charCodeAt(j)) && j - intStart < 12) j++;
  if (j === intStart || s.charCodeAt(j) !== 46) return undefined;
  const fracStart = ++j;
  while (isDigit(s.charCodeAt(j)) && j - fracStart < 9) j++;
  if (j === fracStart || s.charCodeAt(j) !== 93) return undefined;
  return [Number(s.slice(intStart, j)), j + 1];
}

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  const c0 = line.charCodeAt(0);
  // Records with several lines print the rest indented under the first.
  if (c0 === 32 || c0 === 9) return continuation(line.trimStart());
  let i = 0;
  let level: Level | undefined;
  let facility: string | undefined;
  if (c0 === 60) {
    // `dmesg -r`: `<6>[    0.000000] …`, `<14>` for records from user space
    const close = line.indexOf('>');
    const n = close > 1 && close < 5 ? Number(line.slice(1, close)) : NaN;
    if (!Number.isInteger(n) || n < 0 || n > 191) return null;
    level = levelFromSyslogSeverity(n & 7);
    facility = facilityName(n >> 3);
    i = close + 1;
  } else if (isLower(c0)) {
    const p = decodePrefix(line);
    if (p === undefined) return null;
    [facility, , i] = p;
    level = levelFromSyslogSeverity(p[1]);
  }
  const c = line.charCodeAt(i);
  let t: ScannedTime | undefined;
  let uptime = NaN;
  let end: number;
  let tsText: string;
  if (c === 91) {
    if (isDigit(line.charCodeAt(i + 1)) || line.charCodeAt(i + 1) === 32) {
      const u = readUptime(line, i);
      if (u === undefined) return null;
      uptime = u[0];
      end = u[1];
    } else {
      // `-T` never prints fractions; a fraction is an Apache 2.4 error log.
      t = scanRfc2822(line, i + 1, ctx.zone);
      if (t === undefined || line.charCodeAt(t.end) !== 93 || line.charCodeAt(i + 20) === 46)
        return null;
      end = t.end + 1;
    }
    tsText = line.slice(i + 1, end - 1).trimStart();
  } else if (isDigit(c)) {
    // util-linux's iso format, exactly: comma, six digits, `±hh:mm`.
    if (
      line.charCodeAt(i + 10) !== 84 ||
      line.charCodeAt(i + 19) !== 44 ||
      line.charCodeAt(i + 29) !== 58
    ) {
      return null;
    }
    t = scanIso(line, i, ctx.zone);
    if (t === undefined || t.end !== i + 32) return null;
    end = t.end;
    tsText = line.slice(i, end);
  } else return null;
  const sp = line.charCodeAt(end);
  if (end < line.length && sp !== 32) return null;
  const message = end + 1 < line.length ? line.slice(end + 1) : '';
  if (t !== undefined && APACHE_LEVEL.test(message)) return null;
  const attrs: Attrs = {};
  if (facility !== undefined) attrs.facility = facility;
  let ts: number;
  let zoned: boolean;
  if (t !== undefined) {
    ts = t.ms;
    zoned = t.zoned;
  } else {
    const boot = ctx.state.bootTimeMs;
    attrs.uptimeS = uptime;
    if (typeof boot === 'number' && Number.isFinite(boot)) {
      ts = boot + uptime * 1000;
      zoned = true;
    } else {
      ts = uptime * 1000;
      zoned = false;
      attrs.clock = 'uptime';
    }
  }
  level = worse(level, kernelAttrs(message, attrs));
  return { ts, tsText, zoned, level: level ?? guessLevel(message) ?? 'info', message, attrs };
}

export const dmesg: LogFormat = {
  id: 'dmesg',
  aliases: ['kmsg', 'kernel'],
  description: 'dmesg: uptime, -T, --time-format iso; -x and -r levels',
  multiline: false,
  detect: (sample, ctx) =>
    detectByParse(
      dmesg,
      sample.filter((l) => !/^\s/.test(l)),
      ctx,
    ),
  parse,
};
