/** A linear logfmt tokenizer: `key=value key="quoted \" value" bare` in one charCode pass. */

export interface KvCounts {
  pairs: number;
  /** Words without `=`. */
  bare: number;
}

const isSpace = (c: number): boolean => c === 32 || c === 9;

// Keys start like identifiers (`_`, `@`, letters); later characters may be anything but space, `=`, `"`.
function keyStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 64;
}

/**
 * Calls `pair` for each `key=value` and returns the counts; undefined when the line does not
 * open with a pair (the cheap reject for every other format's lines).
 */
export function readKvPairs(
  s: string,
  pair: (key: string, value: string) => void,
): KvCounts | undefined {
  const n = s.length;
  let i = 0;
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  if (!keyStart(s.charCodeAt(i))) return undefined;
  const counts: KvCounts = { pairs: 0, bare: 0 };
  while (i < n) {
    const start = i;
    let c = s.charCodeAt(i);
    while (i < n && c !== 61 && c !== 34 && !isSpace(c)) c = s.charCodeAt(++i);
    if (c === 61 && i > start) {
      const key = s.slice(start, i);
      i++;
      let value: string;
      if (s.charCodeAt(i) === 34) {
        const q = readQuoted(s, i + 1);
        value = q.value;
        i = q.end;
      } else {
        const vs = i;
        while (i < n && !isSpace(s.charCodeAt(i))) i++;
        value = s.slice(vs, i);
      }
      pair(key, value);
      counts.pairs++;
    } else {
      if (counts.pairs === 0) return undefined;
      if (c === 34) i = readQuoted(s, i + 1).end;
      else while (i < n && !isSpace(s.charCodeAt(i))) i++;
      if (i > start) counts.bare++;
    }
    while (i < n && isSpace(s.charCodeAt(i))) i++;
  }
  return counts;
}

/** Reads up to the closing quote (or the end of the line); unescapes only when needed. */
function readQuoted(s: string, from: number): { value: string; end: number } {
  const n = s.length;
  let i = from;
  let escaped = false;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 34) break;
    if (c === 92) {
      escaped = true;
      i += 2;
    } else i++;
  }
  const end = Math.min(i, n);
  const raw = s.slice(from, end);
  return { value: escaped ? unescape(raw) : raw, end: end < n ? end + 1 : n };
}

const HEX4 = /^[0-9a-fA-F]{4}$/;
const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };

function unescape(raw: string): string {
  let out = '';
  let last = 0;
  for (let i = raw.indexOf('\\'); i >= 0 && i < raw.length - 1; i = raw.indexOf('\\', i)) {
    const e = raw.charAt(i + 1);
    let rep = SIMPLE[e];
    let len = 2;
    if (rep === undefined && e === 'u') {
      const hex = raw.slice(i + 2, i + 6);
      if (HEX4.test(hex)) {
        rep = String.fromCharCode(Number.parseInt(hex, 16));
        len = 6;
      }
    }
    out += raw.slice(last, i) + (rep ?? e);
    i += len;
    last = i;
  }
  return out + raw.slice(last);
}
