/** Event messages packed as UTF-8 in fixed-size chunks: a million strings would cost the heap several times their bytes. */

/** 8 MiB: large enough that a scan touches few chunks, small enough that the last one wastes little. */
const CHUNK_BITS = 23;
const CHUNK_SIZE = 1 << CHUNK_BITS;
/** Longer messages are cut: the list shows one line, and the drill-down reads the full raw line. */
export const MAX_MESSAGE_BYTES = 2000;

export interface MessageMatcher {
  /** A lower-cased needle for a substring search, or a regular expression. */
  kind: 'text' | 'regex';
  needle: string;
  regex?: RegExp;
}

/**
 * Messages are appended in event order, each followed by `\n` (newlines inside a message become
 * spaces), so a chunk can be scanned as one string and a hit mapped back to its event.
 */
export class MessageStore {
  private readonly chunks: Buffer[] = [];
  private used = CHUNK_SIZE;
  /** Global start (chunk << CHUNK_BITS | position) of each message; grows by doubling. */
  private starts = new Uint32Array(1 << 16);
  private lengths = new Uint16Array(1 << 16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Bytes held: the chunks plus the two offset columns. */
  get bytes(): number {
    return this.chunks.length * CHUNK_SIZE + this.starts.byteLength + this.lengths.byteLength;
  }

  add(message: string): void {
    let text = message.includes('\n') ? message.replace(/[\r\n]+/g, ' ') : message;
    if (text.length > MAX_MESSAGE_BYTES) text = text.slice(0, MAX_MESSAGE_BYTES);
    let len = Buffer.byteLength(text);
    if (len > MAX_MESSAGE_BYTES) {
      // Multi-byte text: cut on a character boundary by re-slicing the string.
      while (len > MAX_MESSAGE_BYTES) {
        text = text.slice(0, Math.floor(text.length * 0.9));
        len = Buffer.byteLength(text);
      }
    }
    if (this.used + len + 1 > CHUNK_SIZE) {
      this.chunks.push(Buffer.allocUnsafe(CHUNK_SIZE));
      this.used = 0;
    }
    const chunk = this.chunks[this.chunks.length - 1]!;
    chunk.write(text, this.used, 'utf8');
    chunk[this.used + len] = 0x0a;
    if (this.count === this.starts.length) {
      const starts = new Uint32Array(this.starts.length * 2);
      starts.set(this.starts);
      this.starts = starts;
      const lengths = new Uint16Array(this.lengths.length * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    this.starts[this.count] = (((this.chunks.length - 1) << CHUNK_BITS) | this.used) >>> 0;
    this.lengths[this.count] = len;
    this.count++;
    this.used += len + 1;
  }

  /** Trims the offset columns to the messages held, once reading is done. */
  seal(): void {
    this.starts = this.starts.slice(0, this.count);
    this.lengths = this.lengths.slice(0, this.count);
  }

  get(i: number): string {
    const start = this.starts[i]!;
    const chunk = this.chunks[start >>> CHUNK_BITS]!;
    const pos = start & (CHUNK_SIZE - 1);
    return chunk.toString('utf8', pos, pos + this.lengths[i]!);
  }

  /**
   * Calls `hit(i)` for each message index in [from, to) that matches, in order, until `hit`
   * returns false. Chunks are decoded as latin1 so that string positions are byte positions;
   * lower-casing that string keeps its length, so an ASCII needle matches case-insensitively and
   * any other needle (searched as its UTF-8 bytes) matches exactly.
   */
  scan(matcher: MessageMatcher, from: number, to: number, hit: (i: number) => boolean): void {
    if (from >= to) return;
    // Lowered after the latin1 view, as the text is: UTF-8 lead bytes change case there too.
    const needle = Buffer.from(matcher.needle, 'utf8').toString('latin1').toLowerCase();
    let i = from;
    while (i < to) {
      const start = this.starts[i]!;
      const c = start >>> CHUNK_BITS;
      const chunk = this.chunks[c]!;
      // The messages of [i, j) all sit in chunk c.
      const j = this.chunkEnd(c, i, to);
      const pos0 = start & (CHUNK_SIZE - 1);
      const last = this.starts[j - 1]! & (CHUNK_SIZE - 1);
      const end = last + this.lengths[j - 1]! + 1;
      let text = chunk.toString('latin1', pos0, end);
      if (matcher.kind === 'text') text = text.toLowerCase();
      let k = i;
      let at = 0;
      for (;;) {
        let found: number;
        if (matcher.kind === 'text') found = text.indexOf(needle, at);
        else {
          const re = matcher.regex!;
          re.lastIndex = at;
          const m = re.exec(text);
          found = m ? m.index : -1;
        }
        if (found < 0) break;
        // The message holding position `found`: the last k with start <= found.
        k = this.messageAt(c, pos0 + found, k, j);
        if (!hit(k)) return;
        k++;
        if (k >= j) break;
        at = (this.starts[k]! & (CHUNK_SIZE - 1)) - pos0;
      }
      i = j;
    }
  }

  /** The first message index ≥ i (and ≤ to) that lives in a later chunk than c. */
  private chunkEnd(c: number, i: number, to: number): number {
    let lo = i;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! >>> CHUNK_BITS <= c) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private messageAt(c: number, pos: number, lo: number, hi: number): number {
    const key = ((c << CHUNK_BITS) | pos) >>> 0;
    let a = lo;
    let b = hi - 1;
    while (a < b) {
      const mid = (a + b + 1) >>> 1;
      if (this.starts[mid]! <= key) a = mid;
      else b = mid - 1;
    }
    return a;
  }
}

/** `q` as the API takes it: `/re/flags` is a regular expression, anything else a substring. */
export function parseMatcher(q: string): MessageMatcher | string {
  const re = /^\/(.+)\/([a-z]*)$/s.exec(q);
  if (!re) return { kind: 'text', needle: q.toLowerCase() };
  const flags = re[2]!;
  if (/[^ims]/.test(flags)) return `regex flags may be i, m and s, got "${flags}"`;
  try {
    // `g` for lastIndex; always case-insensitive as the substring search is, and `m` so that
    // `^` and `$` match at each message's ends (the store separates them with newlines).
    const regex = new RegExp(re[1]!, `gim${flags.replace(/[im]/g, '')}`);
    return { kind: 'regex', needle: re[1]!, regex };
  } catch (err) {
    return `q is not a valid regular expression: ${(err as Error).message}`;
  }
}
