/** The unit of extension for log formats: `{ id, detect(sample), parse(line, ctx) }`, one file each. */
import type { Attrs } from '../core/event.js';
import type { Level } from '../core/level.js';
import type { Zone } from '../core/zone.js';

/** What a format reads from one line. */
export interface ParsedEntry {
  /** UTC epoch ms; NaN when a later line of the entry supplies it (see {@link LogFormat.amend}). */
  ts: number;
  /** The timestamp as written. */
  tsText: string;
  /** Whether the written timestamp had a zone or offset. */
  zoned: boolean;
  level?: Level;
  message: string;
  attrs?: Attrs;
  /**
   * The line is a record of its own in the file but belongs to the previous entry
   * (PostgreSQL `DETAIL:`/`STATEMENT:` lines carry the full prefix).
   */
  continues?: boolean;
  /**
   * With `continues`: this line completes the pending entry and `message` replaces its message
   * (docker/CRI records split at 16 kB, read again whole).
   */
  completes?: boolean;
}

export interface ParseContext {
  /** Zone for zone-less timestamps. */
  readonly zone: Zone;
  /**
   * When true the caller needs only `ts`, `tsText`, `zoned`, `level` and `continues` (counting,
   * time ranges): a format may skip attributes and leave `message` empty. It must still return
   * null for exactly the lines it would reject in full. The reader checks a format's lazy
   * answers against full ones on the start of each file and stops using lazy mode on a mismatch.
   */
  lazy: boolean;
  /** Year for year-less timestamps (BSD syslog), given the month. */
  year(month: number): number;
  /** Scratch space for one file, for formats that keep state between lines. */
  readonly state: Record<string, unknown>;
  /**
   * Parses a line embedded in another format (docker json-file `log`, kubectl prefixes) with the
   * format detected for the embedded lines of this file; null when none reads it. `key` names the
   * writer (a compose service, a container's stream): each keeps a format of its own, as the
   * services of one compose file write different formats. Without a key all lines share one.
   */
  parseInner(text: string, key?: string): ParsedEntry | null;
  /**
   * Set on the context an embedded line is parsed with: the outer record (docker, kubectl, Loki)
   * already gives the time, so a format may accept a record without one (`ts` NaN) rather than
   * lose its level and fields.
   */
  readonly embedded?: boolean;
}

export interface LogFormat {
  /** kebab-case; the file name, the `--format` value, the test and fixture names. */
  readonly id: string;
  /** Other names accepted by `--format`. */
  readonly aliases?: readonly string[];
  /** One line for `aftermath formats`. */
  readonly description: string;
  /** Entries span lines: a line that does not parse continues the previous entry. */
  readonly multiline: boolean;
  /**
   * Files of this format are not written in time order (`git log` lists newest first): the reader
   * sorts their entries, which means holding them in memory. Only for small evidence.
   */
  readonly unordered?: boolean;
  /**
   * `parse` honours {@link ParseContext.lazy} and may be called twice on a line (the reader
   * checks lazy answers against full ones): it keeps no state between lines, or has `saveState`.
   */
  readonly lazy?: boolean;
  /**
   * For a lazy format that keeps state between lines in {@link ParseContext.state}: takes a copy of
   * that state and returns what puts it back, so the checker's second parse of a line sees the
   * state the line arrived with.
   */
  saveState?(ctx: ParseContext): () => void;
  /**
   * How sure the format is that the sample (the first non-empty lines of a file) is its own:
   * 0 (not mine) … 1 (certain). Usually the share of lines `parse` accepts, weighed by how
   * specific the format is; see {@link detectByParse}.
   */
  detect(sample: readonly string[], ctx: ParseContext): number;
  /** Parses one line; null when the line is not the start of an entry. Must never throw. */
  parse(line: string, ctx: ParseContext): ParsedEntry | null;
  /**
   * Enriches the pending entry from one of its continuation lines. A format with `amend` owns the
   * entry's message: continuation lines go to `raw` only.
   */
  amend?(entry: ParsedEntry, line: string, ctx: ParseContext): void;
}

/**
 * The usual detector: the share of sample lines that parse, times `weight` (how specific the
 * format is: 1 for a format no other reads, lower for formats that accept almost anything).
 * Multi-line formats count only the lines that start entries, and need at least one.
 */
export function detectByParse(
  format: Pick<LogFormat, 'parse' | 'multiline'>,
  sample: readonly string[],
  ctx: ParseContext,
  weight = 1,
): number {
  let seen = 0;
  let parsed = 0;
  let firstParsed = false;
  for (const line of sample) {
    if (line.trim().length === 0) continue;
    seen++;
    let ok = false;
    try {
      ok = format.parse(line, ctx) !== null;
    } catch {
      ok = false;
    }
    if (ok) {
      parsed++;
      if (seen === 1) firstParsed = true;
    }
  }
  if (seen === 0 || parsed === 0) return 0;
  if (!format.multiline) return (parsed / seen) * weight;
  // A multi-line format is judged on how many lines start entries, but continuation lines
  // (stack traces, XML bodies) are normal: a file that opens with an entry is half-way there.
  const share = Math.min(1, (parsed / seen) * 1.5);
  return (firstParsed ? Math.max(share, 0.5) : share) * weight;
}
