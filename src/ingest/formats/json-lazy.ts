/**
 * Lazy JSON reading for counting and time ranges: the time and level found by key search,
 * without JSON.parse. Undefined means "cannot tell cheaply": the caller parses in full.
 */
import { levelFromNumber, parseLevel, type Level } from '../../core/level.js';
import { epochToMs, scanAnyTimestamp } from '../../core/time.js';
import type { ParseContext, ParsedEntry } from '../format.js';

// The highest-ranked keys of json-fields.ts, in rank order; others go to the full parse.
// Written without their opening quote: see valueStart.
const TIME_KEYS = ['time":', 'timestamp":', 'ts":', '@timestamp":'];
const LEVEL_KEYS = ['level":', 'severity":', 'lvl":'];
// Lines that open like journald exports (`{"__CURSOR"…`) or OTLP batches (`{"resourceLogs"…`)
// follow rules of the full parse. (A multi-character includes() per marker would cost more than
// the rest of the lazy read.)
function opensLikeOtherFormat(line: string): boolean {
  let i = 1;
  while (line.charCodeAt(i) === 32) i++;
  if (line.charCodeAt(i) !== 34) return false;
  const c = line.charCodeAt(i + 1);
  return (
    (c === 95 && line.charCodeAt(i + 2) === 95) || (c === 114 && line.startsWith('resource', i + 1))
  );
}

/**
 * Index just past `"key":` (and spaces), not inside an escaped string; -1 when absent. `bare` is
 * the key without its opening quote: searching from its first letter skips the many quotes a
 * search starting with `"` would stop at.
 */
function valueStart(line: string, bare: string): number {
  let from = 1;
  for (;;) {
    const i = line.indexOf(bare, from);
    if (i < 0) return -1;
    if (line.charCodeAt(i - 1) === 34 && line.charCodeAt(i - 2) !== 92 /* \ */) {
      let j = i + bare.length;
      while (line.charCodeAt(j) === 32) j++;
      return j;
    }
    from = i + bare.length;
  }
}

/** A plain string value (no escapes) at i, or undefined. */
function stringAt(line: string, i: number): string | undefined {
  if (line.charCodeAt(i) !== 34) return undefined;
  const end = line.indexOf('"', i + 1);
  if (end < 0) return undefined;
  const s = line.slice(i + 1, end);
  return s.includes('\\') ? undefined : s;
}

function numberAt(line: string, i: number): number | undefined {
  let j = i;
  while (j < line.length) {
    const c = line.charCodeAt(j);
    if ((c >= 48 && c <= 57) || c === 46 || c === 45 || c === 101 || c === 69 || c === 43) j++;
    else break;
  }
  if (j === i) return undefined;
  const n = Number(line.slice(i, j));
  return Number.isFinite(n) ? n : undefined;
}

export function lazyJson(line: string, ctx: ParseContext): ParsedEntry | null | undefined {
  const first = line.charCodeAt(0);
  if (first !== 123 || line.charCodeAt(line.length - 1) !== 125) return undefined;
  if (opensLikeOtherFormat(line)) return undefined;
  let ts: number | undefined;
  let tsText = '';
  let zoned = true;
  for (const key of TIME_KEYS) {
    const v = valueStart(line, key);
    if (v < 0) continue;
    const s = stringAt(line, v);
    if (s !== undefined) {
      if (s.length < 8 || s.length > 64) return undefined;
      const t = scanAnyTimestamp(s, 0, ctx.zone, (mo) => ctx.year(mo));
      if (t === undefined || t.end !== s.length) return undefined;
      ts = t.ms;
      zoned = t.zoned;
      tsText = s;
    } else {
      const n = numberAt(line, v);
      const ms = n === undefined ? undefined : epochToMs(n);
      if (ms === undefined) return undefined;
      ts = Math.round(ms * 1000) / 1000;
      tsText = String(n);
    }
    break;
  }
  if (ts === undefined) return undefined;
  let level: Level | undefined;
  for (const key of LEVEL_KEYS) {
    const v = valueStart(line, key);
    if (v < 0) continue;
    const s = stringAt(line, v);
    level = s !== undefined ? parseLevel(s) : levelFromNumber(numberAt(line, v) ?? NaN);
    break;
  }
  if (level === undefined) return undefined;
  return { ts, tsText, zoned, level, message: '' };
}
