/**
 * Reads one token in one pass: its hash as the masker would write it, and whether it has a
 * masked part. The hot loop of the miner.
 */
import { ALNUM, classOf, DIGIT, DOT, HEX, LETTER, SPACE, SPECIAL, TABLE } from './chars.js';
import { FNV_OFFSET, FNV_PRIME, hashRange } from './hash.js';
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

// Literal copies for the per-character loop: V8 reloads an imported binding at each use there,
// which cost about a tenth of the scan. Checked against the originals once.
const LETTER_ = 4;
const SPACE_ = 8;
const ALNUM_ = 7;
const PRIME_ = 16777619;
if (LETTER_ !== LETTER || SPACE_ !== SPACE || ALNUM_ !== ALNUM || PRIME_ !== FNV_PRIME)
  throw new Error('read-token: literal copies out of date');

const span: Span = { start: 0, end: 0 };
const sink = new HashSink();

/** Hash and kind of the token `readToken` read last (module state: no object per token). */
export let tokenHash = 0;
export let tokenKind = PLAIN;

/**
 * Reads the token that starts at `start` (not whitespace); returns where it ends. One pass hashes
 * it as `maskValues` writes it (see mask.ts for the rules): a run of letters and digits is hashed
 * as it is read, and the hash rewound once it proves a value. Kept apart from the loop over tokens
 * so that V8 optimises it early: the first lines of a log are read before that happens.
 */
export function readToken(message: string, start: number, len: number): number {
  const table = TABLE;
  let i = start;
  let c = message.charCodeAt(i);
  let cls = c < 128 ? table[c]! : LETTER_;
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
        flags & DIGIT ||
        ((flags & LETTER) === 0 &&
          valueEnd >= 0 &&
          i - seg <= MAX_HEX_WORD &&
          joinedBy(message, valueEnd, seg, true))
      ) {
        let from = seg;
        let fromHash = segHash;
        const p = seg > start ? message.charCodeAt(seg - 1) : -1;
        if (
          (p === MINUS || p === PLUS) &&
          lead & DIGIT &&
          (seg - 1 === start || (classOf(message.charCodeAt(seg - 2)) & ALNUM) === 0)
        ) {
          from = seg - 1;
          fromHash = signHash;
        }
        h =
          valueEnd >= 0 && joinedBy(message, valueEnd, from, false)
            ? valueHash
            : hashRange(fromHash, WILDCARD, 0, 3);
        valueHash = h;
        valueEnd = i;
        values++;
      }
      if (cls & SPACE) break;
    }
    // Punctuation.
    seen |= cls;
    if (c === MINUS || c === PLUS) signHash = h;
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
  tokenHash = h;
  tokenKind = kind;
  return i;
}
