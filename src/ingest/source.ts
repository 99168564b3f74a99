/** What a source is and what reading it found: the rows of `aftermath sources`. */
import type { Diagnostic } from '../core/diagnostic.js';

export interface SourceSpec {
  /** Source id shown in the timeline. */
  name: string;
  /** File path, `-` for stdin, or a git repository directory. */
  path: string;
  /** Forced format id (else detected). */
  format?: string;
  /** Zone for zone-less timestamps, and where it came from. */
  tz?: string;
  tzOrigin?: 'flag' | 'config';
  /** A git repository: read with `git log` rather than as a file. */
  kind?: 'file' | 'git';
}

export interface SourceSummary {
  source: string;
  file: string;
  format: string | undefined;
  /** 0..1; 1 when forced. */
  confidence: number;
  forced: boolean;
  runnerUp?: { format: string; confidence: number };
  bytes: number;
  gzip: boolean;
  lines: number;
  blank: number;
  entries: number;
  continuations: number;
  unparsed: number;
  /** Entries earlier than the one before them (kept in place). */
  outOfOrder: number;
  truncatedLines: number;
  /** Lines that could not be kept (see the diagnostics). */
  dropped: number;
  firstTs: number;
  lastTs: number;
  minTs: number;
  maxTs: number;
  /** Zone used for zone-less timestamps. */
  zone: string;
  /** Why that zone, in words, e.g. `timestamps carry their own offset`. */
  zoneReason: string;
  /** Share of entries whose timestamp carried a zone. */
  zonedShare: number;
  /** Events that passed the filters (since/until/level/grep). */
  emitted: number;
  /** Set when the source was not read (binary, unreadable, not a log). */
  skipped?: string;
  diagnostics: Diagnostic[];
}

export function emptySummary(spec: SourceSpec): SourceSummary {
  return {
    source: spec.name,
    file: spec.path,
    format: spec.format,
    confidence: 0,
    forced: spec.format !== undefined,
    bytes: 0,
    gzip: false,
    lines: 0,
    blank: 0,
    entries: 0,
    continuations: 0,
    unparsed: 0,
    outOfOrder: 0,
    truncatedLines: 0,
    dropped: 0,
    firstTs: NaN,
    lastTs: NaN,
    minTs: NaN,
    maxTs: NaN,
    zone: spec.tz ?? 'UTC',
    zoneReason: '',
    zonedShare: 0,
    emitted: 0,
    diagnostics: [],
  };
}
