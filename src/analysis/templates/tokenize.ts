/**
 * Splits a message on whitespace and masks its values in one pass, into reusable typed arrays:
 * one hash per token, plus where it is, so the miner compares numbers and makes strings only for
 * new templates. Then the passes across tokens: dates written in words, units after numbers,
 * runs of one masked token.
 */
import { FNV_OFFSET, FNV_PRIME, hashString } from './hash.js';
import { maskToken } from './mask.js';
import {
  DATE_HASHES,
  HAS_DATE_WORD,
  HAS_UNIT,
  isUnit,
  MASKED,
  PLAIN,
  scanTokens,
  unitEnd,
  WILD,
  WILDCARD_HASH,
  type TokenArrays,
} from './read-token.js';
import { WILDCARD } from './sink.js';

export { MASKED, PLAIN, WILD, WILDCARD_HASH };

/** The tokens of the last message scanned; the arrays are reused from message to message. */
export class Tokens implements TokenArrays {
  message = '';
  length = 0;
  hash = new Int32Array(64);
  kind = new Uint8Array(64);
  start = new Int32Array(64);
  end = new Int32Array(64);
  /** Tokens rewritten after masking (dates, units), by index. */
  private text: (string | undefined)[] = [];
  private rewritten = false;

  /** Scans a message, replacing what was there. */
  scan(message: string): this {
    this.message = message;
    if (this.rewritten) {
      this.text.length = 0;
      this.rewritten = false;
    }
    const needs = scanTokens(this, message, message.length);
    if (needs & HAS_DATE_WORD) this.maskDates();
    if (needs & (HAS_DATE_WORD | HAS_UNIT)) this.joinUnits();
    if (needs !== 0) this.collapse();
    return this;
  }

  /** A hash of the whole masked message: equal for messages whose tokens are all equal. */
  signature(): number {
    let h = Math.imul(FNV_OFFSET ^ this.length, FNV_PRIME);
    for (let i = 0; i < this.length; i++) h = Math.imul(h ^ this.hash[i]!, 0x5bd1e995);
    return h;
  }

  /** Token `i` as a string: what it was, or its masked form. */
  token(i: number): string {
    const t = this.text[i];
    if (t !== undefined) return t;
    const s = this.start[i]!;
    const e = this.end[i]!;
    return this.kind[i] === PLAIN ? this.message.slice(s, e) : maskToken(this.message, s, e);
  }

  /** Every token as a string. */
  tokens(): string[] {
    const out: string[] = new Array<string>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.token(i);
    return out;
  }

  grow(): void {
    const size = this.hash.length * 2;
    const int = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.hash = int(this.hash);
    this.start = int(this.start);
    this.end = int(this.end);
    const kind = new Uint8Array(size);
    kind.set(this.kind);
    this.kind = kind;
  }

  private rewrite(i: number, text: string, kind: number): void {
    this.text[i] = text;
    this.rewritten = true;
    this.hash[i] = kind === WILD ? WILDCARD_HASH : hashString(text);
    this.kind[i] = kind;
  }

  private isDateWord(i: number): boolean {
    return this.kind[i] === PLAIN && DATE_HASHES.has(this.hash[i]!);
  }

  /** A day or month name next to a masked value is part of a date (`Sat Jul  9 22:53:22 2005`). */
  private maskDates(): void {
    const n = this.length;
    for (let i = 0; i < n; i++) {
      if (this.kind[i] !== WILD) continue;
      for (let j = i - 1; j >= 0 && this.isDateWord(j); j--) this.rewrite(j, WILDCARD, WILD);
      let k = i + 1;
      for (; k < n && this.isDateWord(k); k++) this.rewrite(k, WILDCARD, WILD);
      i = k - 1;
    }
  }

  /** `<*> KB,` becomes `<*>,`: the unit is part of the value, its punctuation stays. */
  private joinUnits(): void {
    let w = 0;
    for (let r = 0; r < this.length; r++) {
      const s = this.start[r]!;
      const e = this.end[r]!;
      if (
        w > 0 &&
        this.kind[w - 1] === WILD &&
        this.kind[r] === PLAIN &&
        isUnit(this.message, s, e)
      ) {
        const closers = this.message.slice(unitEnd, e);
        this.rewrite(w - 1, WILDCARD + closers, closers.length > 0 ? MASKED : WILD);
        this.end[w - 1] = e;
        continue;
      }
      this.move(r, w++);
    }
    this.length = w;
  }

  /**
   * Runs of one masked token (`<*> <*> <*>`, `@<*> @<*>`) become one, so a list of values of any
   * length gives the same template.
   */
  private collapse(): void {
    let w = 0;
    for (let r = 0; r < this.length; r++) {
      const k = this.kind[r]!;
      if (w > 0 && k !== PLAIN && this.kind[w - 1] === k && this.hash[w - 1] === this.hash[r]) {
        continue;
      }
      this.move(r, w++);
    }
    this.length = w;
  }

  private move(from: number, to: number): void {
    if (from === to) return;
    this.hash[to] = this.hash[from]!;
    this.kind[to] = this.kind[from]!;
    this.start[to] = this.start[from]!;
    this.end[to] = this.end[from]!;
    if (this.rewritten) this.text[to] = this.text[from];
  }
}

const shared = new Tokens();

/**
 * The masked tokens of a message, as strings.
 *
 * @example tokenize('Took 12ms on 10.0.0.1:80') // ['Took', '<*>', 'on', '<*>']
 */
export function tokenize(message: string): string[] {
  return shared.scan(message).tokens();
}
