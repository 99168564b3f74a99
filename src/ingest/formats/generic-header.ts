/** The header after a generic line's time: level, thread, logger and pid; then the message. */
import {
  bracket,
  closeBracket,
  isDashes,
  isNumber,
  levelOf,
  loggerEnd,
  readSpring,
  type Header,
} from './generic-header-items.js';
import { levelWord } from './generic-level.js';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlnum = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
// Word characters of header tokens: logger names keep their dots, dashes and slashes.
const isWord = (c: number): boolean =>
  isAlnum(c) || c === 95 || c === 46 || c === 45 || c === 36 || c === 47;
const isSep = (c: number): boolean =>
  c === 32 || c === 9 || c === 58 || c === 124 || c === 44 || c === 93 || c === 62;
const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

// Hadoop names threads after the file they write (`[DataStreamer for file /tmp/… block BP-…]`).
const HEADER_CHARS = 400;
const HEADER_WORDS = 5;
const BRACKET_CHARS = 240;

/**
 * Reads the header after the time: level word (`INFO`, `[warn]`, `:DEBUG:`, `level=error`),
 * `[thread]`, `[1234]` pid, `logger:` / `Logger  : ` / `a.b.Logger - `, in any order, until the
 * first word that is none of these; the message starts there.
 */
export function readHeader(s: string, from: number): Header {
  const n = s.length;
  const limit = Math.min(n, from + HEADER_CHARS);
  const h: Header = { attrs: {}, msg: -1 };
  let end = from; // past the last header item
  let words = 0;
  let glued = false; // level directly followed by `:` (Python's `LEVEL:name:message`)
  let pending = -1; // start of the first non-header word, when it might be a logger
  let pendingEnd = -1;
  let levelEnd = -1; // past the level word, while the header is still being read
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
      // Thread names hold brackets of their own (ZooKeeper's `[QuorumPeer[myid=1]/…:Class@774]`).
      const close = closeBracket(s, i, BRACKET_CHARS);
      if (close < 0) break;
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
    // HDFS-style `yyMMdd HHmmss 148 INFO …`: a number right before the level is the thread id.
    if (
      words === 1 &&
      h.msg < 0 &&
      h.level === undefined &&
      isNumber(w) &&
      levelFollows(s, i, limit)
    ) {
      h.attrs.thread = w;
      end = i;
      continue;
    }
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
        end = levelEnd = i;
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
      const after = loggerEnd(s, start, i, glued, levelEnd >= 0 && onlyBlanks(s, levelEnd, start));
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

/** Whether the word after position `i` (past blanks) is an upper-case level word. */
function levelFollows(s: string, i: number, limit: number): boolean {
  let k = i;
  while (s.charCodeAt(k) === 32) k++;
  let e = k;
  while (e < limit && isWord(s.charCodeAt(e))) e++;
  const word = s.slice(k, e);
  return e > k && word === word.toUpperCase() && levelWord(word, false) !== undefined;
}

function onlyBlanks(s: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

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
