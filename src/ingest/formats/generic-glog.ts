/** glog / klog lines, read by their shape: the level letter opens them, before the time. */
import type { Level } from '../../core/level.js';
import { digits } from '../../core/time.js';
import type { ParseContext, ParsedEntry } from '../format.js';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

const GLOG_LEVEL: Record<string, Level> = { I: 'info', W: 'warn', E: 'error', F: 'fatal' };

/** glog / klog: `I0517 15:04:22.619632 1952452992 file.cc:253] message` (local time, no year). */
export function parseGlog(s: string, ctx: ParseContext): ParsedEntry | null {
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
