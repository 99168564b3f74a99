/**
 * Masks the variable parts of one token in a single pass. The rule is generic on purpose: a run of
 * letters and digits is a value when it has a digit in it (numbers, `12ms`, `10KB`, `0x1f`,
 * `ad364e35`, `node7`), and neighbouring values joined by `.:-_+,/` become one `<*>`, so IPs with
 * ports, dates, times, versions, UUIDs and `1.5s` each mask to a single wildcard. URLs, e-mail
 * addresses, paths and host names are masked whole (see spans.ts).
 */
import { ALNUM, classOf, DIGIT, DOT, HEX, JOINER, SPECIAL } from './chars.js';
import { StringSink, WILDCARD, type Sink } from './sink.js';
import { findHostname, findSpan, type Span } from './spans.js';

export { WILDCARD };

export const PLUS = 43;
export const MINUS = 45;
const COLON = 58;

// Hex words without digits (`abcd`) count only right after a value and a `:` or `-` (IPv6 groups,
// UUID parts), and only when short, so English words such as `added` or `faded` are kept.
export const MAX_HEX_WORD = 4;

const span: Span = { start: 0, end: 0 };

/**
 * The token s[start, end) (no whitespace in it) with its values replaced by `<*>`.
 *
 * @example maskToken('rhost=10.0.0.1:22', 0, 17) // 'rhost=<*>'
 */
export function maskToken(s: string, start: number, end: number): string {
  const sink = new StringSink();
  maskInto(s, start, end, sink);
  return sink.out;
}

/**
 * Writes the masked token s[start, end) to `sink`. `seen` is the union of the classes of its
 * characters (see chars.ts), when the caller knows it: it spares looking for what cannot be there.
 */
export function maskInto(
  s: string,
  start: number,
  end: number,
  sink: Sink,
  seen: number = DOT | SPECIAL,
): void {
  if (seen & DOT && findHostname(s, start, end, span)) {
    const hostStart = span.start;
    const hostEnd = span.end;
    maskSpans(s, start, hostStart, sink, seen);
    sink.wildcard();
    maskValues(s, hostEnd, end, sink);
  } else maskSpans(s, start, end, sink, seen);
}

/** URLs, e-mail addresses and paths whole, the rest value by value. */
function maskSpans(s: string, start: number, end: number, sink: Sink, seen: number): void {
  let from = start;
  // Every one of them has a `/`, `\` or `@`.
  while (seen & SPECIAL && from < end && findSpan(s, from, end, span)) {
    const b = span.end;
    maskValues(s, from, span.start, sink);
    sink.wildcard();
    from = b;
  }
  maskValues(s, from, end, sink);
}

/** Writes s[start, end) with every value (see the module comment) replaced by `<*>`. */
export function maskValues(s: string, start: number, end: number, sink: Sink): void {
  let literal = start; // start of the text not yet written
  let lastValueEnd = -1; // end of the last value written, for joining
  let i = start;
  while (i < end) {
    let cls = classOf(s.charCodeAt(i));
    if ((cls & ALNUM) === 0) {
      i++;
      continue;
    }
    const first = cls;
    const from = i;
    let digits = false;
    let hexOnly = true;
    do {
      if (cls & DIGIT) digits = true;
      else if ((cls & HEX) === 0) hexOnly = false;
      i++;
      if (i >= end) break;
      cls = classOf(s.charCodeAt(i));
    } while ((cls & ALNUM) !== 0);
    let value = digits;
    if (!value && hexOnly && lastValueEnd >= 0 && i - from <= MAX_HEX_WORD) {
      value = joinedBy(s, lastValueEnd, from, true);
    }
    if (!value) continue;
    let valueStart = from;
    // A sign belongs to the number when nothing word-like stands before it (`-12`, `blk_-12`).
    const p = from > start ? s.charCodeAt(from - 1) : -1;
    if (
      (p === MINUS || p === PLUS) &&
      (first & DIGIT) !== 0 &&
      (from - 1 === start || (classOf(s.charCodeAt(from - 2)) & ALNUM) === 0)
    )
      valueStart = from - 1;
    // Part of the value before (`10.0.0.1:80` is one value), or a new one.
    if (lastValueEnd < 0 || !joinedBy(s, lastValueEnd, valueStart, false)) {
      sink.text(s, literal, valueStart);
      sink.wildcard();
    }
    literal = i;
    lastValueEnd = i;
  }
  sink.text(s, literal, end);
}

/** Whether s[from, to) is a short run of joining punctuation (only `:`/`-` when `strict`). */
export function joinedBy(s: string, from: number, to: number, strict: boolean): boolean {
  if (to <= from || to - from > 2) return from === to;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (strict ? c !== COLON && c !== MINUS : (classOf(c) & JOINER) === 0) return false;
  }
  return true;
}
