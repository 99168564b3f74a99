/**
 * Where the masker writes a token: as a string (when a template is made) or as a hash (for every
 * message). One masking routine drives both, so a hash always equals the hash of the string.
 */
import { FNV_OFFSET, hashRange } from './hash.js';

export const WILDCARD = '<*>';

export interface Sink {
  /** Appends s[from, to) as it is. */
  text(s: string, from: number, to: number): void;
  /** Appends `<*>`. */
  wildcard(): void;
}

export class StringSink implements Sink {
  out = '';
  text(s: string, from: number, to: number): void {
    if (to > from) this.out += s.slice(from, to);
  }
  wildcard(): void {
    this.out += WILDCARD;
  }
}

export class HashSink implements Sink {
  hash = FNV_OFFSET;
  /** Whether a `<*>` was written. */
  masked = false;
  reset(): void {
    this.hash = FNV_OFFSET;
    this.masked = false;
  }
  text(s: string, from: number, to: number): void {
    this.hash = hashRange(this.hash, s, from, to);
  }
  wildcard(): void {
    this.hash = hashRange(this.hash, WILDCARD, 0, 3);
    this.masked = true;
  }
}
