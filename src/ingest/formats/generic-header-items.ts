/** The items of a generic header: `[…]` groups, Spring Boot's block, loggers, `channel.LEVEL`. */
import type { Attrs } from '../../core/event.js';
import type { Level } from '../../core/level.js';
import { digits } from '../../core/time.js';
import { levelWord } from './generic-level.js';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

export interface Header {
  level?: Level;
  attrs: Attrs;
  /** Where the message starts. */
  msg: number;
}

/** A `[…]` group in the header: level, `module:level`, pid, `pid 1:tid 2`, or the thread. */
export function bracket(content: string, h: Header): boolean {
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
  const at = callerAt(content);
  if (at > 0) {
    // log4j `[%t:%C{1}@%L]` (ZooKeeper's layout): thread, then the class and line that logged.
    h.attrs.thread = content.slice(0, at);
    const caller = content.slice(at + 1);
    h.attrs.logger ??= caller.slice(0, caller.lastIndexOf('@'));
    h.attrs.caller = caller;
    return true;
  }
  h.attrs.thread = content;
  return true;
}

/** Where the `:` before a trailing `Class@123` is, or -1 when the group does not end so. */
function callerAt(content: string): number {
  const atSign = content.lastIndexOf('@');
  if (atSign < 0 || atSign === content.length - 1) return -1;
  for (let k = atSign + 1; k < content.length; k++) if (!isDigit(content.charCodeAt(k))) return -1;
  let k = atSign;
  while (k > 0 && isClassChar(content.charCodeAt(k - 1))) k--;
  if (k === atSign || k === 0 || content.charCodeAt(k - 1) !== 58) return -1;
  return isDigit(content.charCodeAt(k)) ? -1 : k - 1;
}

// Characters of Java class names: letters, digits, `_`, `$` (inner classes) and `.` (packages).
function isClassChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95 || c === 36 || c === 46
  );
}

/**
 * Whether s[start, end) is a Java logger named after a class with its package
 * (`dfs.DataNode$PacketResponder`, `org.apache.hadoop.mapred.Task`, `Configuration.deprecation`):
 * dotted identifiers, one of them a capitalised class name. `example.com`, `v1.2`, `README.md`
 * and exception classes are not.
 */
function isQualifiedClass(s: string, start: number, end: number): boolean {
  let segment = start;
  let dots = 0;
  let capitalised = false;
  for (let k = start; k <= end; k++) {
    const ch = k === end ? 46 : s.charCodeAt(k);
    if (ch === 46) {
      if (k === segment) return false;
      if (k < end) dots++;
      segment = k + 1;
      continue;
    }
    if (!isClassChar(ch) || (k === segment && isDigit(ch))) return false;
    const c0 = s.charCodeAt(segment);
    if (k > segment && c0 >= 65 && c0 <= 90 && ch >= 97 && ch <= 122) capitalised = true;
  }
  if (dots === 0 || !capitalised) return false;
  // `java.io.IOException: Connection reset` opens a message that a layout without `%c` wrote.
  const name = s.slice(s.lastIndexOf('.', end - 1) + 1, end);
  return !name.endsWith('Exception') && !name.endsWith('Error') && name !== 'Throwable';
}

/** Index of the `]` that closes the `[` at i, nested groups included; -1 past `max` characters. */
export function closeBracket(s: string, i: number, max: number): number {
  let depth = 0;
  const limit = Math.min(s.length, i + max + 1);
  for (let k = i; k < limit; k++) {
    const c = s.charCodeAt(k);
    if (c === 91) depth++;
    else if (c === 93 && --depth === 0) return k;
  }
  return -1;
}

/** After Spring Boot's `---`: `[app] [thread] logger : message`; returns where the message starts. */
export function readSpring(s: string, i: number, h: Header): number {
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

export function isNumber(w: string): boolean {
  return w.length > 0 && w.length <= 10 && digits(w, 0, w.length) >= 0;
}

/** A level word, or Monolog's `channel.LEVEL` (then the channel is the logger). */
export function levelOf(w: string, first: boolean, h: Header): Level | undefined {
  const direct = levelWord(w, first);
  if (direct !== undefined) return direct;
  const dot = w.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const lvl = levelWord(w.slice(dot + 1), false);
  if (lvl !== undefined) h.attrs.logger = w.slice(0, dot);
  return lvl;
}

/**
 * Index past a logger's separator when the word at [start, end) is a logger name, else -1.
 * `afterLevel`: only blanks stand between the level word and this one.
 */
export function loggerEnd(
  s: string,
  start: number,
  end: number,
  glued: boolean,
  afterLevel: boolean,
): number {
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
  // log4j `%c: %m` (Hadoop, HDFS, Spark): only a package-qualified class, as `Error: x` is a message
  if (c === 58 && s.charCodeAt(end + 1) === 32 && isQualifiedClass(s, start, end)) return end + 2;
  // Column layouts (the Windows CBS log: `Info   CSI    message`): a word padded to a column
  // right after the level. One space is how messages go on; two or more are padding.
  if (afterLevel && c === 32 && (s.charCodeAt(end + 1) === 32 || s.charCodeAt(end + 1) === 9)) {
    let k = end + 1;
    while (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 9) k++;
    if (k < s.length && !isNumber(s.slice(start, end))) return k;
  }
  return -1;
}

export function isDashes(w: string): boolean {
  for (let k = 0; k < w.length; k++) if (w.charCodeAt(k) !== 45) return false;
  return true;
}
