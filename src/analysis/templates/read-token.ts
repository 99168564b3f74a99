/**
 * Reads every token of a message in one pass: each token's hash as the masker would write it,
 * whether it has a masked part, and where it is. The hot loop of the miner, written as one
 * function over the whole message: a call per token, and the token arrays reached through an
 * object, cost more than reading the characters did.
 */
import { ALNUM, DIGIT, DOT, HEX, LETTER, SPACE, SPECIAL, TABLE } from './chars.js';
import { FNV_OFFSET, FNV_PRIME, hashRange, hashString } from './hash.js';
import { joinedBy, MAX_HEX_WORD, maskInto, MINUS, PLUS } from './mask.js';
import { HashSink, WILDCARD } from './sink.js';
import { findHostname, type Span } from './spans.js';

/** A token as it was written (no `<*>` in it). */
export const PLAIN = 0;
/** A token with a masked part (`uid=<*>`). */
export const MASKED = 1;
/** A token that is exactly `<*>`. */
export const WILD = 2;

export const WILDCARD_HASH = hashRange(FNV_OFFSET, WILDCARD, 0, WILDCARD.length);

/** What `scanTokens` found that needs a pass across tokens (see tokenize.ts). */
export const HAS_DATE_WORD = 1;
export const HAS_UNIT = 2;
export const HAS_RUN = 4;

// Literal copies for the per-character loop: V8 reloads an imported binding at each use there,
// which cost about a tenth of the scan. Checked against the originals once.
const LETTER_ = 4;
const SPACE_ = 8;
const ALNUM_ = 7;
const DIGIT_ = 1;
const PRIME_ = 16777619;
const MINUS_ = 45;
const PLUS_ = 43;
if (
  LETTER_ !== LETTER ||
  SPACE_ !== SPACE ||
  ALNUM_ !== ALNUM ||
  DIGIT_ !== DIGIT ||
  PRIME_ !== FNV_PRIME ||
  MINUS_ !== MINUS ||
  PLUS_ !== PLUS ||
  WILDCARD !== '<*>'
)
  throw new Error('read-token: literal copies out of date');

const words = (text: string): string[] => text.split(' ');

/** Day and month names, which stand between the numbers of a written date. */
export const DATE_HASHES = new Set(
  words(
    'mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday ' +
      'jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june ' +
      'july august september october november december',
  )
    .flatMap((w) => [w, w[0]!.toUpperCase() + w.slice(1), w.toUpperCase()])
    .map(hashString),
);
const MAX_DATE_WORD = 9;
/** A 4096-bit filter over the date words' hashes, so most words cost no Set lookup. */
const DATE_BITS = new Uint32Array(128);
for (const h of DATE_HASHES) DATE_BITS[(h >>> 5) & 127]! |= 1 << (h & 31);

/** Units of size and time, which belong to the number before them (`5.2 KB` is one value). */
const UNIT_WORDS = words(
  'B KB MB GB TB PB kB KiB MiB GiB TiB PiB kb Kb Mb Gb ns us µs ms s sec secs seconds min ' +
    'mins minutes h hr hrs hour hours d days nsec usec msec millis milliseconds microseconds ' +
    'nanoseconds',
);
const UNIT_HASHES = new Set(UNIT_WORDS.map(hashString));
const MAX_UNIT = Math.max(...UNIT_WORDS.map((w) => w.length));
const CLOSERS = ',;:.)]}';

/** Where the unit in s[start, end) ends (before closing punctuation), set by isUnit. */
export let unitEnd = 0;

/** Whether s[start, end) is a unit word, maybe followed by closing punctuation (`KB,`). */
export function isUnit(s: string, start: number, end: number): boolean {
  if (end - start > MAX_UNIT + 2) return false;
  let core = end;
  while (core > start && CLOSERS.includes(s[core - 1]!)) core--;
  unitEnd = core;
  return core > start && UNIT_HASHES.has(hashRange(FNV_OFFSET, s, start, core));
}

/** The arrays a scan fills; `grow` doubles them (keeping what is there). */
export interface TokenArrays {
  length: number;
  hash: Int32Array;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  grow(): void;
}

const span: Span = { start: 0, end: 0 };
const sink = new HashSink();

/**
 * Reads the tokens of message[0, len) into `out` (its `length` set) and returns the HAS_* bits of
 * the passes across tokens the message needs. A token is hashed as `maskValues` writes it (see
 * mask.ts for the rules): a run of letters and digits is hashed as it is read, and the hash rewound
 * once the run proves a value.
 */
export function scanTokens(out: TokenArrays, message: string, len: number): number {
  const table = TABLE;
  let hashes = out.hash;
  let kinds = out.kind;
  let starts = out.start;
  let ends = out.end;
  let n = 0;
  let needs = 0;
  let i = 0;
  while (i < len) {
    let c = message.charCodeAt(i);
    let cls = c < 128 ? table[c]! : LETTER_;
    if (cls & SPACE_) {
      i++;
      continue;
    }
    const start = i;
    let seen = 0;
    let h = FNV_OFFSET;
    let signHash = 0; // hash before the last `-` or `+`
    let values = 0;
    let valueEnd = -1; // end of the last value, and the hash just after its `<*>`
    let valueHash = 0;
    for (;;) {
      if (cls & ALNUM_) {
        const seg = i;
        const segHash = h;
        const lead = cls;
        let flags = 0;
        do {
          flags |= cls;
          h = Math.imul(h ^ c, PRIME_);
          if (++i >= len) {
            cls = SPACE_;
            break;
          }
          c = message.charCodeAt(i);
          cls = c < 128 ? table[c]! : LETTER_;
        } while (cls & ALNUM_);
        seen |= flags;
        if (
          flags & DIGIT_ ||
          ((flags & LETTER_) === 0 &&
            valueEnd >= 0 &&
            i - seg <= MAX_HEX_WORD &&
            joinedBy(message, valueEnd, seg, true))
        ) {
          let fromHash = segHash;
          let from = seg;
          if (seg > start && lead & DIGIT_) {
            const p = message.charCodeAt(seg - 1);
            if (p === MINUS_ || p === PLUS_) {
              const q = seg - 1 === start ? -1 : message.charCodeAt(seg - 2);
              if (q < 0 || (q < 128 ? table[q]! & ALNUM_ : LETTER_) === 0) {
                from = seg - 1;
                fromHash = signHash;
              }
            }
          }
          if (valueEnd >= 0 && joinedBy(message, valueEnd, from, false)) h = valueHash;
          // The hash of `<*>` after what came before: `<`, `*`, `>`.
          else h = Math.imul(Math.imul(Math.imul(fromHash ^ 60, PRIME_) ^ 42, PRIME_) ^ 62, PRIME_);
          valueHash = h;
          valueEnd = i;
          values++;
        }
        if (cls & SPACE_) break;
      }
      // Punctuation.
      seen |= cls;
      if (c === MINUS_ || c === PLUS_) signHash = h;
      h = Math.imul(h ^ c, PRIME_);
      if (++i >= len) break;
      c = message.charCodeAt(i);
      cls = c < 128 ? table[c]! : LETTER_;
      if (cls & SPACE_) break;
    }
    let kind = PLAIN;
    // A host name ends in a top-level domain: it has letters (`a` to `f` are HEX).
    if (
      seen & SPECIAL ||
      (seen & DOT && seen & (LETTER | HEX) && findHostname(message, start, i, span))
    ) {
      // Paths, URLs, e-mail addresses and host names: the full masker.
      sink.reset();
      maskInto(message, start, i, sink, seen);
      h = sink.hash;
      if (sink.masked) kind = h === WILDCARD_HASH ? WILD : MASKED;
    } else if (values > 0) kind = h === WILDCARD_HASH ? WILD : MASKED;

    if (n === hashes.length) {
      out.grow();
      hashes = out.hash;
      kinds = out.kind;
      starts = out.start;
      ends = out.end;
    }
    if (kind !== PLAIN) {
      if (n > 0 && kinds[n - 1] === kind && hashes[n - 1] === h) needs |= HAS_RUN;
    } else if (i - start <= MAX_DATE_WORD && DATE_BITS[(h >>> 5) & 127]! & (1 << (h & 31))) {
      needs |= HAS_DATE_WORD;
    } else if (n > 0 && kinds[n - 1] === WILD && isUnit(message, start, i)) {
      needs |= HAS_UNIT;
    }
    hashes[n] = h;
    kinds[n] = kind;
    starts[n] = start;
    ends[n] = i;
    n++;
  }
  out.length = n;
  return needs;
}
