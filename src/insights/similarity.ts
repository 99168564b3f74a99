/** TF-IDF vectors over normalised words and their cosine: how alike two postmortems' contributing factors read. */

/** Words too common in any English prose to say anything about a cause. */
const STOP = new Set(
  (
    'a an and are as at be been before being but by did do does for from had has have he her his ' +
    'how i if in into is it its me more most no not of on once only or other our out over same she ' +
    'so some such than that the their them then there these they this those through to too under ' +
    'until up very was we were what when where which while who why will with would you your after ' +
    'again all any because both during each few further here just nor off own should can could'
  ).split(' '),
);

/**
 * Lower-case letter/digit runs without diacritics, stop words or one-letter words; a plural `s`
 * is dropped so "timeouts" meets "timeout".
 */
export function normaliseWords(text: string): string[] {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  const out: string[] = [];
  for (const w of words ?? []) {
    if (w.length < 2 || STOP.has(w)) continue;
    out.push(w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);
  }
  return out;
}

export type Vector = Map<string, number>;

/**
 * One unit-length TF-IDF vector per document. The smoothed idf, ln((1 + N) / (1 + df)) + 1, keeps
 * a word every document shares above zero, so two identical documents in a corpus of two still
 * compare as 1; it has no constant to tune per data set.
 */
export function tfidfVectors(docs: readonly string[][]): Vector[] {
  const df = new Map<string, number>();
  for (const words of docs) for (const w of new Set(words)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = docs.length;
  return docs.map((words) => {
    const tf = new Map<string, number>();
    for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
    const v: Vector = new Map();
    let norm = 0;
    for (const [w, c] of tf) {
      const x = c * (Math.log((1 + n) / (1 + (df.get(w) ?? 0))) + 1);
      v.set(w, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    for (const [w, x] of v) v.set(w, x / norm);
    return v;
  });
}

/** Cosine of two unit vectors, and the shared words that weigh most in it (up to `top`). */
export function cosine(a: Vector, b: Vector, top = 5): { score: number; words: string[] } {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  const parts: [string, number][] = [];
  let score = 0;
  for (const [w, x] of small) {
    const y = big.get(w);
    if (y === undefined) continue;
    score += x * y;
    parts.push([w, x * y]);
  }
  parts.sort((p, q) => q[1] - p[1] || p[0].localeCompare(q[0]));
  // Rounding keeps identical texts at exactly 1 despite floating-point sums.
  return {
    score: Math.min(1, Math.round(score * 1e9) / 1e9),
    words: parts.slice(0, top).map((p) => p[0]),
  };
}

/** |A ∩ B| / |A ∪ B| of two lists as sets (case-insensitive), and what they share. */
export function overlap(
  a: readonly string[],
  b: readonly string[],
): { score: number; shared: string[] } {
  const key = (s: string): string => s.trim().toLowerCase();
  const bs = new Set(b.map(key));
  const as = new Set(a.map(key));
  const seen = new Set<string>();
  const shared: string[] = [];
  for (const x of a)
    if (bs.has(key(x)) && !seen.has(key(x))) {
      seen.add(key(x));
      shared.push(x.trim());
    }
  const union = new Set([...as, ...bs]).size;
  return { score: union === 0 ? 0 : shared.length / union, shared };
}
