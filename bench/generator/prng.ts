/** A small seeded PRNG (sfc32): the generator's output depends on nothing but the seed and size. */

/** splitmix32 spreads one small integer seed over the four words sfc32 needs. */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const HEX = '0123456789abcdef';

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const mix = splitmix32(seed);
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    // sfc32 needs a few rounds before its output looks random for nearby seeds.
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Uniform unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** Picks by weight from a precomputed table (see {@link weighted}). */
  pickWeighted<T>(table: Weighted<T>): T {
    const x = this.float() * table.total;
    const { cumulative, items } = table;
    for (let i = 0; i < cumulative.length; i++) if (x < cumulative[i]!) return items[i]!;
    return items[items.length - 1]!;
  }

  /** Log-normal around `median` (multiplicative spread `sigma`): the shape of latencies. */
  logNormal(median: number, sigma: number): number {
    // Box–Muller; 1 - float() avoids log(0).
    const u = 1 - this.float();
    const v = this.float();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(sigma * z);
  }

  /** `n` lowercase hex digits (nginx `$request_id` is 32). */
  hex(n: number): string {
    let out = '';
    while (out.length < n) {
      let w = this.u32();
      for (let i = 0; i < 8 && out.length < n; i++) {
        out += HEX[w & 15];
        w >>>= 4;
      }
    }
    return out;
  }
}

export interface Weighted<T> {
  readonly items: readonly T[];
  readonly cumulative: readonly number[];
  readonly total: number;
}

export function weighted<T>(pairs: readonly (readonly [T, number])[]): Weighted<T> {
  let total = 0;
  const cumulative: number[] = [];
  for (const [, w] of pairs) cumulative.push((total += w));
  return { items: pairs.map(([item]) => item), cumulative, total };
}
