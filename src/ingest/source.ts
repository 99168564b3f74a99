/** What a source is and what reading it found: the rows of `aftermath sources`. */
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import type { AssembleStats } from './assemble.js';

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
  /** When the machine booted (UTC ms): places dmesg's seconds-since-boot times. */
  bootTime?: number;
  /** Milliseconds added to every timestamp: a clock error corrected (case file or skew findings). */
  clockOffsetMs?: number;
}

/** The assembler's counts a summary reports as they are (documented in AssembleStats). */
type Counted = Pick<
  AssembleStats,
  | 'lines'
  | 'blank'
  | 'entries'
  | 'continuations'
  | 'unparsed'
  | 'outOfOrder'
  | 'dropped'
  | 'firstTs'
  | 'lastTs'
  | 'minTs'
  | 'maxTs'
>;

export interface SourceSummary extends Counted {
  source: string;
  file: string;
  format: string | undefined;
  /** 0..1; 1 when forced. */
  confidence: number;
  forced: boolean;
  runnerUp?: { format: string; confidence: number };
  bytes: number;
  gzip: boolean;
  truncatedLines: number;
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

/** Fills a source's summary from what the assembler counted, with the diagnostics it calls for. */
export function completeSummary(
  summary: SourceSummary,
  s: AssembleStats,
  spec: SourceSpec,
  truncatedLines: number,
): void {
  summary.lines = s.lines;
  summary.blank = s.blank;
  summary.entries = s.entries;
  summary.continuations = s.continuations;
  summary.unparsed = s.unparsed;
  summary.outOfOrder = s.outOfOrder;
  summary.dropped = s.dropped;
  summary.truncatedLines = truncatedLines;
  summary.firstTs = s.firstTs;
  summary.lastTs = s.lastTs;
  summary.minTs = Number.isFinite(s.minTs) ? s.minTs : NaN;
  summary.maxTs = Number.isFinite(s.maxTs) ? s.maxTs : NaN;
  summary.zonedShare = s.entries > 0 ? s.zoned / s.entries : 0;
  if (s.entries > 0 && s.zoned === s.entries)
    summary.zoneReason = 'timestamps carry their own zone';
  else if (spec.tzOrigin === 'flag')
    summary.zoneReason = `zone-less timestamps read in ${summary.zone} (--tz)`;
  else if (spec.tzOrigin === 'config')
    summary.zoneReason = `zone-less timestamps read in ${summary.zone} (case config)`;
  else
    summary.zoneReason = `zone-less timestamps read in UTC (default; set --tz or tz: in aftermath.yaml)`;
  if (s.unparsed > 0) {
    summary.diagnostics.push(
      diagnostic(
        'ingest/unparsed-lines',
        spec.path,
        'info',
        `${s.unparsed} of ${s.lines} lines did not parse as ${summary.format}; kept with the time of the entry before them`,
      ),
    );
  }
  if (s.outOfOrder > 0) {
    summary.diagnostics.push(
      diagnostic(
        'ingest/out-of-order',
        spec.path,
        'info',
        `${s.outOfOrder} entries are earlier than the entry before them; kept in file order`,
      ),
    );
  }
  if (s.dropped > 0) {
    summary.diagnostics.push(
      diagnostic(
        'ingest/dropped-lines',
        spec.path,
        'warning',
        `${s.dropped} lines before the first timestamp could not be placed in time and were not kept`,
      ),
    );
  }
}
