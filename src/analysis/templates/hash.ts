/**
 * 32-bit FNV-1a over UTF-16 code units. Tokens are compared by hash in the hot path, so a line
 * that joins an existing template allocates no token strings; a collision (about one in four
 * billion per comparison) would only make two tokens look alike.
 */

export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 16777619;

/** Continues hash `h` over s[from, to). */
export function hashRange(h: number, s: string, from: number, to: number): number {
  for (let k = from; k < to; k++) h = Math.imul(h ^ s.charCodeAt(k), FNV_PRIME);
  return h;
}

export function hashString(s: string): number {
  return hashRange(FNV_OFFSET, s, 0, s.length);
}
