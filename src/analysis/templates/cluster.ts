/** A template cluster: its tokens generalise as messages join; its id never changes. */
import { WILDCARD } from './sink.js';
import { PLAIN, WILDCARD_HASH, type Tokens } from './tokenize.js';
import { classOf, HEX, LETTER } from './chars.js';

export interface Where {
  file: string;
  line: number;
}

/** What the miner reports about one template. */
export interface Cluster {
  /** Stable: given in order of creation, from 1. */
  id: number;
  /** The tokens joined by single spaces, with `<*>` for the variable parts. */
  template: string;
  tokens: string[];
  count: number;
  /** Earliest and latest event time seen (UTC ms), when the events had one. */
  firstTs?: number;
  lastTs?: number;
  /** Where the first message came from. */
  first?: Where;
  /** The first few places seen (the first one included). */
  examples: Where[];
  /** The first message, cut to a few hundred characters. */
  sample: string;
}

/** Places kept per cluster. */
export const MAX_EXAMPLES = 3;
const MAX_SAMPLE = 300;

export class MutableCluster implements Cluster {
  count = 0;
  /** Token hashes, `<*>`'s where the template generalised. */
  readonly hashes: Int32Array;
  /** 1 where the template has a word that may settle (see MinerOptions.settleAfter). */
  readonly words: Uint8Array;
  readonly tokens: string[];
  firstTs?: number;
  lastTs?: number;
  first?: Where;
  readonly examples: Where[] = [];
  readonly sample: string;
  private joined: string | undefined;

  constructor(
    readonly id: number,
    from: Tokens,
  ) {
    const n = from.length;
    this.hashes = from.hash.slice(0, n);
    this.tokens = from.tokens();
    this.words = new Uint8Array(n);
    for (let i = 0; i < n; i++)
      if (from.kind[i] === PLAIN && isWord(this.tokens[i]!)) this.words[i] = 1;
    const m = from.message;
    this.sample = m.length > MAX_SAMPLE ? m.slice(0, MAX_SAMPLE) + '…' : m;
  }

  get template(): string {
    return (this.joined ??= this.tokens.join(' '));
  }

  /** Counts one message and remembers its time and place. */
  see(ts: number | undefined, where: Where | undefined): void {
    this.count++;
    if (ts !== undefined && ts === ts) {
      if (this.firstTs === undefined || ts < this.firstTs) this.firstTs = ts;
      if (this.lastTs === undefined || ts > this.lastTs) this.lastTs = ts;
    }
    if (where !== undefined && this.examples.length < MAX_EXAMPLES) {
      // Copied: callers may reuse one object for every message.
      const w = { file: where.file, line: where.line };
      this.first ??= w;
      this.examples.push(w);
    }
  }

  /** Whether the template matches every token of the message (wildcards match anything). */
  fits(from: Tokens): boolean {
    const h = this.hashes;
    const n = h.length;
    if (from.length !== n) return false;
    const m = from.hash;
    for (let i = 0; i < n; i++) if (h[i] !== m[i] && h[i] !== WILDCARD_HASH) return false;
    return true;
  }

  /** Turns the positions where the message differs into `<*>` (same length: see the tree). */
  generalise(from: Tokens): void {
    const h = this.hashes;
    const m = from.hash;
    for (let i = 0; i < h.length; i++) {
      if (h[i] !== m[i] && h[i] !== WILDCARD_HASH) {
        h[i] = WILDCARD_HASH;
        this.tokens[i] = WILDCARD;
        this.words[i] = 0;
        this.joined = undefined;
      }
    }
  }

  /** A plain snapshot, safe to hand out. */
  snapshot(): Cluster {
    const c: Cluster = {
      id: this.id,
      template: this.template,
      tokens: this.tokens.slice(),
      count: this.count,
      examples: this.examples.slice(),
      sample: this.sample,
    };
    if (this.firstTs !== undefined) c.firstTs = this.firstTs;
    if (this.lastTs !== undefined) c.lastTs = this.lastTs;
    if (this.first !== undefined) c.first = this.first;
    return c;
  }
}

/** A token with a letter in it: `root` is a word, `()` is not. */
function isWord(token: string): boolean {
  for (let i = 0; i < token.length; i++)
    if (classOf(token.charCodeAt(i)) & (HEX | LETTER)) return true;
  return false;
}
