/**
 * Values that are masked whole inside a token: URLs, e-mail addresses and paths. Each finder is a
 * bounded forward or backward walk over the token, so a hostile token costs time linear in its
 * length (no regular expressions, no backtracking).
 */
import { ALNUM, classOf, DIGIT, HEX, LETTER } from './chars.js';
import { FNV_OFFSET, FNV_PRIME, hashString } from './hash.js';

/** A span found in a token: [start, end) is masked, the rest is kept. */
export interface Span {
  start: number;
  end: number;
}

/** Lookup tables (ASCII only): a Set lookup per character costs more than the rest of the scan. */
function table(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (const c of chars) t[c.charCodeAt(0)] = 1;
  return t;
}
const CLOSERS = table(',;:.)]}>\'"!?');
const OPENERS = table('=:(["\'<,{');
const LOCAL = table('._%+-');
const has = (t: Uint8Array, c: number): boolean => c < 128 && t[c] === 1;
const SLASH = 47;
const BACKSLASH = 92;
const AT = 64;
const COLON = 58;
const DOT = 46;

/** The end of a value that runs to the end of its token, before closing punctuation. */
function trimEnd(s: string, start: number, end: number): number {
  while (end > start && has(CLOSERS, s.charCodeAt(end - 1))) end--;
  return end;
}

const isAlnum = (c: number): boolean => (classOf(c) & ALNUM) !== 0;
const isLetter = (c: number): boolean => (classOf(c) & (HEX | LETTER)) !== 0 && c < 128;

/**
 * `scheme://rest`: the rest is masked, the scheme kept (`hdfs://<*>`). `at` is the index of `:`.
 */
function url(s: string, start: number, at: number, end: number, out: Span): boolean {
  let k = at;
  while (k > start && (isAlnum(s.charCodeAt(k - 1)) || s.charCodeAt(k - 1) === 43)) k--;
  if (k === at || !isLetter(s.charCodeAt(k))) return false;
  const e = trimEnd(s, at + 3, end);
  if (e <= at + 3) return false;
  out.start = at + 3;
  out.end = e;
  return true;
}

/** `local@domain.tld`, masked whole. `at` is the index of `@`. */
function email(s: string, start: number, at: number, end: number, out: Span): boolean {
  let l = at;
  while (l > start) {
    const c = s.charCodeAt(l - 1);
    if (!isAlnum(c) && !has(LOCAL, c)) break;
    l--;
  }
  if (l === at) return false;
  let r = at + 1;
  let lastDot = -1;
  while (r < end) {
    const c = s.charCodeAt(r);
    if (c === DOT) lastDot = r;
    else if (!isAlnum(c) && c !== 45) break;
    r++;
  }
  while (r > at + 1 && (s.charCodeAt(r - 1) === DOT || s.charCodeAt(r - 1) === 45)) r--;
  if (lastDot <= at + 1 || lastDot >= r - 2) return false;
  // The top-level domain is letters (`host@2016/9/27` or `a@1.2` are not addresses).
  for (let k = lastDot + 1; k < r; k++) if (!isLetter(s.charCodeAt(k))) return false;
  out.start = l;
  out.end = r;
  return true;
}

const NO = 0;
const FOUND = 1;
/** Rejected after reading to the end of the token: not worth trying again in this token. */
const SCANNED = 2;

/**
 * A path: `/a/b`, `./a`, `~/a`, `C:\a`, `\\host\share`, opening the token or after `=`, `:`, a
 * quote or a bracket, with at least two separators, so `/default-rack` and `4G/4G` stay words.
 */
function path(s: string, start: number, at: number, end: number, out: Span): number {
  const c = s.charCodeAt(at);
  let from = at;
  let sep = c;
  if (c === SLASH) {
    const p = at > start ? s.charCodeAt(at - 1) : -1;
    if (p === DOT || p === 126) {
      from = at - 1; // ./ ~/
      if (from > start && s.charCodeAt(from - 1) === DOT) from--; // ../
    }
  } else if (c === BACKSLASH) {
    if (at + 1 < end && s.charCodeAt(at + 1) === BACKSLASH) sep = BACKSLASH;
    else if (at >= start + 2 && s.charCodeAt(at - 1) === COLON && isLetter(s.charCodeAt(at - 2)))
      from = at - 2; // C:\
    else return NO;
  } else return NO;
  if (from > start && !has(OPENERS, s.charCodeAt(from - 1))) return NO;
  const e = trimEnd(s, at, end);
  let seps = 0;
  let named = false;
  for (let k = at; k < e; k++) {
    const d = s.charCodeAt(k);
    if (d === sep) seps++;
    else if ((classOf(d) & (HEX | LETTER | DIGIT)) !== 0) named = true;
  }
  if ((seps < 2 && from === at) || !named) return SCANNED;
  out.start = from;
  out.end = e;
  return FOUND;
}

/** Top-level domains common in logs: a dotted name ending in one is a host name. */
const TLDS = new Set(
  (
    'com net org edu gov mil int info biz io co ai app dev cloud local localdomain internal intra ' +
    'corp lan home arpa us uk de fr nl ru cn jp kr in br au ca it es se ch at be dk fi no pl cz eu ' +
    'tw hk sg'
  )
    .split(' ')
    .map(hashString),
);
const MAX_TLD = 11;
const isLabel = (c: number): boolean => c === 45 || (c < 128 && (classOf(c) & ALNUM) !== 0);

/**
 * A host name (`node-7.example.com`, three labels or more, ending in a known top-level domain) at
 * the end of s[start, end), before closing punctuation or a `:port`.
 */
export function findHostname(s: string, start: number, end: number, out: Span): boolean {
  let e = trimEnd(s, start, end);
  // `host.example.com:8080`: the port is a value of its own.
  let k = e;
  while (k > start && (classOf(s.charCodeAt(k - 1)) & DIGIT) !== 0) k--;
  if (k < e && k > start && s.charCodeAt(k - 1) === COLON) e = k - 1;
  // The last label: letters only, a known top-level domain.
  let dot = e;
  while (dot > start && isLetter(s.charCodeAt(dot - 1))) dot--;
  if (dot === e || e - dot > MAX_TLD || dot <= start || s.charCodeAt(dot - 1) !== DOT) return false;
  // Hashed in lower case as read: no string is made for the many dotted names that are no hosts.
  let th = FNV_OFFSET;
  for (let k = dot; k < e; k++) th = Math.imul(th ^ (s.charCodeAt(k) | 0x20), FNV_PRIME);
  if (!TLDS.has(th)) return false;
  let h = dot - 1;
  let dots = 1;
  while (h > start) {
    const c = s.charCodeAt(h - 1);
    if (c === DOT) {
      if (s.charCodeAt(h) === DOT) return false; // an empty label
      dots++;
    } else if (!isLabel(c)) break;
    h--;
  }
  if (dots < 2 || s.charCodeAt(h) === DOT || s.charCodeAt(h) === 45) return false;
  // After `@` it is the domain of an e-mail address, masked whole elsewhere.
  if (h > start && s.charCodeAt(h - 1) === AT) return false;
  out.start = h;
  out.end = e;
  return true;
}

/**
 * Finds the first URL, e-mail address or path in s[start, end); fills `out` and returns true, or
 * returns false when there is none.
 */
export function findSpan(s: string, start: number, end: number, out: Span): boolean {
  let paths = true;
  for (let k = start; k < end; k++) {
    const c = s.charCodeAt(k);
    if (c === COLON) {
      if (
        k + 2 < end &&
        s.charCodeAt(k + 1) === SLASH &&
        s.charCodeAt(k + 2) === SLASH &&
        url(s, start, k, end, out)
      )
        return true;
    } else if (c === AT) {
      if (email(s, start, k, end, out)) return true;
    } else if (paths && (c === SLASH || c === BACKSLASH)) {
      const r = path(s, start, k, end, out);
      if (r === FOUND) return true;
      // One full read per token keeps `=/=/=/…` linear.
      if (r === SCANNED) paths = false;
    }
  }
  return false;
}
