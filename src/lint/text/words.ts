/** Words of a sentence with their positions: `didn't`, `on-call`, `@alice` and `Bob's` are one word each. */

export interface Word {
  /** As written. */
  text: string;
  /** Lower case, typographic apostrophes as `'`. */
  lower: string;
  /** Lower case without a possessive `'s`. */
  base: string;
  possessive: boolean;
  /** Index in the sentence text. */
  start: number;
  end: number;
}

const WORD = /[@#]?[\p{L}\p{N}](?:[\p{L}\p{N}_]|['\u2019.\-/](?=[\p{L}\p{N}]))*/gu;

export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const lower = m[0].toLowerCase().replace(/\u2019/g, "'");
    const possessive = /'s$/.test(lower) && lower.length > 2;
    out.push({
      text: m[0],
      lower,
      base: possessive ? lower.slice(0, -2) : lower,
      possessive,
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return out;
}

/** Whether `ws[i…]` spells the given lower-case words. */
export function spells(ws: readonly Word[], i: number, seq: readonly string[]): boolean {
  if (i < 0 || i + seq.length > ws.length) return false;
  return seq.every((s, k) => ws[i + k]!.lower === s);
}

/** Irregular past participles; regular ones end in -ed. */
const IRREGULAR_PP = new Set(
  (
    'known seen done caught taken run gone made sent written read found given thought told built ' +
    'kept left put set shut spotted been got gotten understood brought chosen held hit let meant ' +
    'paid shown spoken withdrawn undone rung begun drawn driven eaten fallen forgotten frozen ' +
    'hidden ridden risen shaken stolen sworn torn thrown woken worn broken spun split spent lost'
  ).split(' '),
);

/** A past participle (`checked`, `caught`), the verb after "should have" in a counterfactual. */
export function isPastParticiple(w: Word | undefined): boolean {
  if (!w) return false;
  return (/^[a-z]{3,}ed$/.test(w.lower) && w.lower !== 'need') || IRREGULAR_PP.has(w.lower);
}
