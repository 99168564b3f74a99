/** The snapshot line for one Loki entry: `{ ts, labels, line }`, read back by the `loki` format. */
import type { LokiEntry } from './response.js';

export interface LokiRecord {
  /** Nanoseconds since the epoch, as Loki sent them. */
  ts: string;
  labels: Record<string, string>;
  line: string;
  /** The line's length in characters when it was cut to fit a snapshot line. */
  truncated?: number;
}

// The ingest reader cuts lines at 1 MiB; a record must stay whole JSON below that, escapes included.
const MAX_RECORD_BYTES = 900 * 1024;
const FIRST_CUT = 256 * 1024;

/** The record, with the line cut (and `truncated` set) when the whole would not fit. */
export function snapshotRecord(e: LokiEntry): { record: LokiRecord; text: string } {
  const record: LokiRecord = { ts: e.tsText, labels: e.labels, line: e.line };
  let text = JSON.stringify(record);
  if (text.length <= MAX_RECORD_BYTES / 3 || Buffer.byteLength(text) <= MAX_RECORD_BYTES) {
    return { record, text };
  }
  let keep = Math.min(FIRST_CUT, e.line.length);
  for (;;) {
    const cut: LokiRecord = { ...record, line: e.line.slice(0, keep), truncated: e.line.length };
    text = JSON.stringify(cut);
    if (Buffer.byteLength(text) <= MAX_RECORD_BYTES || keep === 0) return { record: cut, text };
    keep = Math.floor(keep / 2);
  }
}
