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
  h.attrs.thread = content;
  return true;
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

/** Index past a logger's separator when the word at [start, end) is a logger name, else -1. */
export function loggerEnd(s: string, start: number, end: number, glued: boolean): number {
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

export function isDashes(w: string): boolean {
  for (let k = 0; k < w.length; k++) if (w.charCodeAt(k) !== 45) return false;
  return true;
}
