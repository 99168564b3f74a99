/** Character classes for the single-pass tokenizer and masker: one table lookup per character. */

export const DIGIT = 1;
/** a–f, A–F: with digits, the alphabet of hex ids and hashes. */
export const HEX = 2;
/** Any other letter, including every non-ASCII character (words in other scripts). */
export const LETTER = 4;
export const SPACE = 8;
/** Characters that may open a path, URL or e-mail address: `/`, `\`, `@`. */
export const SPECIAL = 16;
/** Punctuation that joins the parts of one value (`10.0.0.1:80`, `2024-05-01`, `blk_-12`). */
export const JOINER = 32;
/** `.`, which every host name has. */
export const DOT = 64;

export const ALNUM = DIGIT | HEX | LETTER;

/** Classes of the ASCII characters; every other code unit is a LETTER. */
export const TABLE = new Uint8Array(128);
for (let c = 48; c <= 57; c++) TABLE[c] = DIGIT;
for (let c = 65; c <= 90; c++) TABLE[c] = c <= 70 ? HEX : LETTER;
for (let c = 97; c <= 122; c++) TABLE[c] = c <= 102 ? HEX : LETTER;
for (const c of [9, 10, 11, 12, 13, 32]) TABLE[c] = SPACE;
for (const c of '/\\@') TABLE[c.charCodeAt(0)] = SPECIAL;
for (const c of '.:-_+,') TABLE[c.charCodeAt(0)] = JOINER;
TABLE[47] = SPECIAL | JOINER; // /
TABLE[46] = JOINER | DOT; // .

/** The class bits of a UTF-16 code unit. */
export function classOf(code: number): number {
  return code < 128 ? TABLE[code]! : LETTER;
}
