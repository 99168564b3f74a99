/** Reading the values of a W3C row: splitting it, and the numbers, agents and times it holds. */
import { digits, scanIso } from '../../core/time.js';
import type { Zone } from '../../core/zone.js';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * The values of a line, or undefined past `max`. CloudFront separates them with tabs (one each,
 * values never empty: `-`); IIS with single spaces, spaces inside values written as `+`. Quoted
 * strings (`"a ""b"""`, as the W3C draft allows) are read whole in space-separated lines.
 */
export function split(line: string, tabbed: boolean, max: number): string[] | undefined {
  const out: string[] = [];
  const n = line.length;
  if (tabbed) {
    let from = 0;
    for (;;) {
      if (out.length === max) return undefined;
      const tab = line.indexOf('\t', from);
      out.push(line.slice(from, tab < 0 ? n : tab));
      if (tab < 0) return out;
      from = tab + 1;
    }
  }
  let i = 0;
  for (;;) {
    while (i < n && line.charCodeAt(i) === 32) i++;
    if (i >= n) return out;
    if (out.length === max) return undefined;
    if (line.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) return undefined;
        value += line.slice(j, q);
        if (line.charCodeAt(q + 1) !== 34) {
          j = q + 1;
          break;
        }
        value += '"';
        j = q + 2;
      }
      out.push(value);
      i = j;
    } else {
      const sp = line.indexOf(' ', i);
      const end = sp < 0 ? n : sp;
      out.push(line.slice(i, end));
      i = end;
    }
  }
}

/** IIS writes ms as an integer; CloudFront writes seconds with a fraction (`0.002`). */
export function timeTaken(value: string): number | undefined {
  const n = Number(value);
  if (value.length === 0 || !Number.isFinite(n) || n < 0) return undefined;
  return value.includes('.') ? Math.round(n * 1e6) / 1e3 : n;
}

export function int(value: string): number | undefined {
  const n = Number(value);
  return value.length > 0 && value.length <= 15 && Number.isInteger(n) ? n : undefined;
}

export function userAgent(value: string, tabbed: boolean): string {
  // CloudFront percent-encodes the agent; IIS replaces its spaces with `+`.
  if (!tabbed) return value.replaceAll('+', ' ');
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * `date` + `time` as written: UTC by the W3C draft (IIS, CloudFront and Azure always), so a
 * case-wide zone does not shift them; only `#Time Format: Local` makes the source's zone apply.
 */
export function readTime(day: string, time: string, zone: Zone): number | undefined {
  if (day.length !== 10 || digits(day, 0, 4) < 0 || !isDigit(time.charCodeAt(0))) return undefined;
  const text = `${day} ${time}`;
  const t = scanIso(text, 0, zone);
  return t !== undefined && t.end === text.length ? t.ms : undefined;
}
