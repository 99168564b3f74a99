/** The event model: one log entry (or change, alert, …) with its place in the evidence. */
import type { Level } from './level.js';

/**
 * Structured attributes. Well-known keys are listed so every format spells them the same way;
 * formats may add others (flattened, dotted keys for nested JSON).
 */
export interface Attrs {
  host?: string;
  pid?: number;
  unit?: string;
  program?: string;
  pod?: string;
  namespace?: string;
  container?: string;
  stream?: string;
  status?: number;
  method?: string;
  path?: string;
  protocol?: string;
  clientIp?: string;
  latencyMs?: number;
  upstreamLatencyMs?: number;
  bytes?: number;
  referrer?: string;
  userAgent?: string;
  requestId?: string;
  traceId?: string;
  spanId?: string;
  user?: string;
  database?: string;
  durationMs?: number;
  statement?: string;
  sqlState?: string;
  facility?: string;
  killedPid?: number;
  killedProcess?: string;
  memoryKb?: number;
  sha?: string;
  author?: string;
  [key: string]: string | number | boolean | undefined;
}

export interface LogEvent {
  /** UTC epoch milliseconds (fractions allowed for sub-ms sources). */
  ts: number;
  /** The timestamp exactly as written in the evidence. */
  tsText: string;
  /** Whether the written timestamp carried its own zone or offset. */
  zoned: boolean;
  /** Source id (a name from the case config, else the file path). */
  source: string;
  /** File as given by the user (or `-` for stdin). */
  file: string;
  /** 1-based line number of the first line of the entry. */
  line: number;
  /** Byte offset of that line in the (decompressed) file. */
  offset: number;
  /** 1-based number of the last line, when the entry spans several lines. */
  endLine?: number;
  level: Level;
  message: string;
  attrs: Attrs;
  /** The original text; continuation lines are joined with `\n`. */
  raw: string;
  /** Format id that parsed the entry. */
  format: string;
  /** Set when the line could not be parsed and carries the previous entry's time. */
  unparsed?: boolean;
}
