/**
 * Lines of programs whose text has structure of its own, read further by the readers of system
 * logs (syslog, RFC 5424, journald): the kernel's (OOM kills, segfaults, panics) and HAProxy's
 * (requests with their status and timers, servers going down). One place decides which program
 * gets which reading.
 */
import type { Attrs } from '../../core/event.js';
import type { Level } from '../../core/level.js';
import { haproxyEntry } from './haproxy.js';
import { kernelAttrs } from './kernel.js';
import { worse } from './syslog-common.js';

export interface ProgramLine {
  message: string;
  level: Level | undefined;
}

// Reused: most lines are no program's of these, and those that are need no object of their own.
const line: ProgramLine = { message: '', level: undefined };

/**
 * The message and level of `program`'s line after reading it further (attributes go to `attrs`),
 * or undefined when there is nothing more to read. `level` is what the line said so far; the more
 * severe of the two is kept. The answer is reused by the next call.
 */
export function programLine(
  program: unknown,
  message: string,
  attrs: Attrs,
  level: Level | undefined,
): ProgramLine | undefined {
  if (program === 'kernel') {
    line.message = message;
    line.level = worse(level, kernelAttrs(message, attrs));
    return line;
  }
  if (program === 'haproxy') {
    const h = haproxyEntry(message, attrs);
    if (h === undefined) return undefined;
    line.message = h.message;
    line.level = worse(level, h.level);
    return line;
  }
  return undefined;
}
