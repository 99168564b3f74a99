/** Collects a structured record's fields (JSON leaves, logfmt pairs) into one parsed entry. */
import type { Attrs } from '../../core/event.js';
import {
  levelFromHttpStatus,
  levelFromNumber,
  levelFromSyslogSeverity,
  parseLevel,
  type Level,
} from '../../core/level.js';
import { epochToMs, scanAnyTimestamp } from '../../core/time.js';
import type { ParseContext, ParsedEntry } from '../format.js';
import { fieldRole } from './json-fields.js';

export type Scalar = string | number | boolean;

// Memory bounds per entry: a timeline holds millions of these.
export const MAX_ATTRS = 64;
export const MAX_VALUE_CHARS = 4096;
const MAX_MESSAGE_CHARS = 65_536;
const SUMMARY_FIELDS = 6;
const SUMMARY_CHARS = 200;

function cap(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) + '…' : s;
}

function toNumber(value: Scalar): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 24) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

// To µs, rounded, then to ms: `0.043` s is 43 ms, not 42.99999.
const SCALE = { sec: 1e6, ns: 1e-3 } as const;
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1e3,
  m: 6e4,
  h: 3.6e6,
};
const DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|μs|ms|s|m|h)){1,4}$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ns|us|µs|μs|ms|s|m|h)/g;

/** Go `time.Duration` text (`1.5s`, `2m3.1s`, `250µs`) in ms; undefined for bare numbers. */
export function durationTextMs(text: string): number | undefined {
  if (text.length > 40 || !DURATION.test(text)) return undefined;
  let ms = 0;
  for (const m of text.matchAll(DURATION_PART)) ms += Number(m[1]) * (UNIT_MS[m[2]!] ?? 0);
  return Math.round(ms * 1e6) / 1e6;
}

/** OpenTelemetry severityNumber 1-24 in six bands of four. */
function levelFromOtel(n: number): Level | undefined {
  if (!Number.isInteger(n) || n < 1 || n > 24) return undefined;
  return (['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const)[Math.floor((n - 1) / 4)];
}

function readLevel(value: Scalar): Level | undefined {
  if (typeof value === 'string') {
    const named = parseLevel(value);
    if (named !== undefined) return named;
    const n = toNumber(value);
    return n !== undefined && n <= 60 ? levelFromNumber(n) : undefined;
  }
  // pino/bunyan 10..60; larger numbers (Monolog 100..600, logback 20000) mean something else.
  return typeof value === 'number' && value <= 60 ? levelFromNumber(value) : undefined;
}

export class FieldRecord {
  readonly attrs: Attrs = {};
  /** Set by the reader when an `err`/`error` object is present. */
  hasError = false;
  private count = 0;
  private ts = NaN;
  private tsText = '';
  private zoned = false;
  private tsKey = '';
  private tsRank = Infinity;
  private level: Level | undefined;
  private levelRank = Infinity;
  private message: string | undefined;
  private messageKey = '';
  private messageRank = Infinity;
  private error: string | undefined;
  private errorRank = Infinity;
  private syslogSeverity: number | undefined;

  constructor(private readonly ctx: ParseContext) {}

  /** Stores an ordinary attribute, within the entry's bounds. */
  put(key: string, value: Scalar): void {
    if (this.count >= MAX_ATTRS || this.attrs[key] !== undefined) return;
    this.attrs[key] = typeof value === 'string' ? cap(value, MAX_VALUE_CHARS) : value;
    this.count++;
  }

  add(key: string, value: Scalar): void {
    const role = fieldRole(key);
    if (role === undefined) {
      this.put(key, value);
      return;
    }
    switch (role.kind) {
      case 'time': {
        const lostKey = this.tsKey;
        const lostText = this.tsText;
        if (role.rank < this.tsRank && this.readTime(value)) {
          if (lostKey !== '') this.put(lostKey, lostText);
          this.tsKey = key;
          this.tsRank = role.rank;
        } else this.put(key, value);
        return;
      }
      case 'level': {
        // `s` is a level only in MongoDB records, recognised by their `t.$date`.
        const lvl = key === 's' && this.tsKey !== 't.$date' ? undefined : readLevel(value);
        if (lvl === undefined) {
          if (typeof value === 'number' && value >= 0 && value <= 7) this.syslogSeverity = value;
          this.put(key, value);
        } else if (role.rank < this.levelRank) {
          this.level = lvl;
          this.levelRank = role.rank;
        }
        return;
      }
      case 'severityNumber': {
        const n = toNumber(value);
        const lvl = n === undefined ? undefined : levelFromOtel(n);
        if (lvl !== undefined && role.rank < this.levelRank) {
          this.level = lvl;
          this.levelRank = role.rank;
        }
        return;
      }
      case 'message': {
        if (role.rank >= this.messageRank || (key === 'event' && typeof value !== 'string')) {
          this.put(key, value);
          return;
        }
        if (this.message !== undefined) this.put(this.messageKey, this.message);
        this.message = String(value);
        this.messageKey = key;
        this.messageRank = role.rank;
        return;
      }
      case 'error':
        if (typeof value === 'boolean') {
          if (value) this.hasError = true;
          this.put(key, value);
        } else if (role.rank < this.errorRank && value !== '') {
          if (this.error !== undefined) this.put('error.other', this.error);
          this.error = cap(String(value), MAX_VALUE_CHARS);
          this.errorRank = role.rank;
          this.hasError = true;
        }
        return;
      case 'str':
        // nginx and friends write `-` or nothing for an absent header.
        if (value === '' || value === '-') return;
        if (this.attrs[role.target] === undefined) this.put(role.target, String(value));
        else if (role.target !== key) this.put(key, value);
        return;
      case 'int': {
        if (value === '' || value === '-') return;
        const n = toNumber(value);
        const ok =
          n !== undefined &&
          Number.isInteger(n) &&
          (role.target !== 'status' || (n >= 100 && n <= 599));
        if (ok && this.attrs[role.target] === undefined) this.put(role.target, n);
        else this.put(key === role.target ? `${key}Text` : key, value);
        return;
      }
      case 'ms':
      case 'sec':
      case 'ns':
      case 'dur': {
        if (value === '' || value === '-') return;
        let ms: number | undefined;
        if (role.kind === 'dur') ms = typeof value === 'string' ? durationTextMs(value) : undefined;
        else {
          const n = toNumber(value);
          if (n !== undefined) ms = role.kind === 'ms' ? n : Math.round(n * SCALE[role.kind]) / 1e3;
        }
        if (ms !== undefined && this.attrs[role.target] === undefined) this.put(role.target, ms);
        else this.put(key === role.target ? `${key}Text` : key, value);
        return;
      }
    }
  }

  private readTime(value: Scalar): boolean {
    if (typeof value === 'boolean') return false;
    let ms: number | undefined;
    let zoned = true;
    if (typeof value === 'number') {
      // Nanosecond epochs overflow a double's precision: keep whole microseconds.
      const n = epochToMs(value);
      if (n !== undefined) ms = Math.round(n * 1000) / 1000;
    } else if (value.length >= 8 && value.length <= 64) {
      const t = scanAnyTimestamp(value, 0, this.ctx.zone, (m) => this.ctx.year(m));
      if (t !== undefined && t.end === value.length) {
        ms = t.ms;
        zoned = t.zoned;
      } else {
        const n = toNumber(value);
        if (n !== undefined) ms = epochToMs(n);
      }
    }
    if (ms === undefined) return false;
    this.ts = ms;
    this.tsText = String(value);
    this.zoned = zoned;
    return true;
  }

  /** The entry, or null when no field held a time. */
  /** The entry; null without a time unless `timeless` (an embedded record: the outer one has it). */
  finish(timeless = false): ParsedEntry | null {
    if (Number.isNaN(this.ts) && !timeless) return null;
    const attrs = this.attrs;
    if (this.error !== undefined) attrs.error = this.error;
    let level = this.level;
    if (
      level === undefined &&
      this.syslogSeverity !== undefined &&
      this.messageKey === 'short_message'
    ) {
      level = levelFromSyslogSeverity(this.syslogSeverity);
    }
    if (level === undefined) {
      if (this.hasError) level = 'error';
      else if (typeof attrs.status === 'number') level = levelFromHttpStatus(attrs.status);
      else level = 'info';
    }
    let message = this.message ?? this.error ?? summary(attrs);
    // Writers often keep the newline println put there.
    let end = message.length;
    while (end > 0 && (message.charCodeAt(end - 1) === 10 || message.charCodeAt(end - 1) === 13))
      end--;
    if (end !== message.length) message = message.slice(0, end);
    return {
      ts: this.ts,
      tsText: this.tsText,
      zoned: this.zoned,
      level,
      message: cap(message, MAX_MESSAGE_CHARS),
      attrs,
    };
  }
}

/** For records without a message: the request line when there is one, else a few leading fields. */
function summary(attrs: Attrs): string {
  if (attrs.method !== undefined && attrs.path !== undefined) {
    const request = `${attrs.method} ${attrs.path}`;
    return cap(attrs.status === undefined ? request : `${request} ${attrs.status}`, SUMMARY_CHARS);
  }
  let out = '';
  let n = 0;
  for (const key in attrs) {
    if (n++ >= SUMMARY_FIELDS || out.length >= SUMMARY_CHARS) break;
    out += (out.length > 0 ? ' ' : '') + key + '=' + String(attrs[key]);
  }
  return cap(out, SUMMARY_CHARS);
}
