/** PostgreSQL csvlog (log_destination=csvlog), 22–26 columns, records spanning lines. */
import { type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';
import { readCsvLine, type CsvCursor } from './postgres-csv-record.js';
import { applyField, MESSAGE, PID, SEVERITY } from './postgres-csv-columns.js';
import { pgSeverity } from './postgres-severity.js';
import { scanPgTime } from './postgres-time.js';

// 9.0–12 write 23 columns, 13 adds backend_type, 14 leader_pid and query_id; 8.4 wrote 22.
const MIN_COLUMNS = 22;

// A quoted field that stays open this long is a lost quote, not a value: the record is dropped
// so that the lines after it are read as records again.
const MAX_RECORD_LINES = 5000;
const MAX_FIELD_CHARS = 1 << 20;

interface CsvState {
  cursor: CsvCursor;
  /** The entry of the open record. */
  entry: ParsedEntry | undefined;
  lines: number;
  /** Fields that ended on the continuation line parse read last, for amend to apply. */
  done: [number, string][];
  consumed: string | undefined;
}

function csvState(ctx: ParseContext): CsvState {
  let s = ctx.state['postgres-csv'] as CsvState | undefined;
  if (s === undefined) {
    s = {
      cursor: { field: 0, open: undefined },
      entry: undefined,
      lines: 0,
      done: [],
      consumed: undefined,
    };
    ctx.state['postgres-csv'] = s;
  }
  return s;
}

function record(
  line: string,
  ctx: ParseContext,
): { entry: ParsedEntry; cursor: CsvCursor } | undefined {
  const t = scanPgTime(line, ctx.zone);
  if (t === undefined || line.charCodeAt(t.end) !== 44) return undefined;
  const fields: string[] = [];
  const cursor: CsvCursor = { field: 1, open: undefined };
  const ended = readCsvLine(line, t.end + 1, cursor, (i, v) => {
    fields[i] = v;
  });
  const severity = pgSeverity(fields[SEVERITY] ?? '');
  if (severity === undefined || severity.attach !== undefined) return undefined;
  if (!isDigits(fields[PID] ?? '')) return undefined;
  if (ended && cursor.field < MIN_COLUMNS) return undefined;
  const entry: ParsedEntry = {
    ts: t.ms,
    tsText: line.slice(0, t.end),
    zoned: t.zoned,
    level: severity.level,
    message: '',
    attrs: { pgSeverity: fields[SEVERITY]! },
  };
  for (let i = 1; i < fields.length; i++) {
    const v = fields[i];
    if (v !== undefined) applyField(entry, i, v);
  }
  if (cursor.field === MESSAGE && cursor.open !== undefined) entry.message = cursor.open;
  return { entry, cursor };
}

function isDigits(s: string): boolean {
  if (s.length === 0 || s.length > 10) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function start(
  state: CsvState,
  line: string,
  ctx: ParseContext,
  r = record(line, ctx),
): ParsedEntry | null {
  if (r === undefined) return null;
  state.entry = r.entry;
  state.cursor = r.cursor;
  state.lines = 1;
  state.done = [];
  state.consumed = undefined;
  return r.entry;
}

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  const state = csvState(ctx);
  if (state.cursor.open === undefined) return start(state, line, ctx);
  // Inside a quoted field a line may hold anything, a timestamp too; only a whole valid record
  // on one line ends the open one early (its closing quote was lost), as does a runaway field.
  const first = line.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    const r = record(line, ctx);
    if (r !== undefined && r.cursor.open === undefined) return start(state, line, ctx, r);
  }
  if (state.lines >= MAX_RECORD_LINES || state.cursor.open.length > MAX_FIELD_CHARS) {
    state.cursor = { field: 0, open: undefined };
    return start(state, line, ctx);
  }
  // A continuation line: read here, so detection (which only parses) stays in step with records.
  state.lines++;
  const done: [number, string][] = [];
  readCsvLine(line, 0, state.cursor, (i, v) => done.push([i, v]));
  state.done = done;
  state.consumed = line;
  return null;
}

function amend(entry: ParsedEntry, line: string, ctx: ParseContext): void {
  const state = csvState(ctx);
  if (state.entry !== entry || state.consumed !== line) {
    // A line after a closed record: not csvlog, kept with the entry it follows.
    entry.message += '\n' + line;
    return;
  }
  for (const [i, v] of state.done) applyField(entry, i, v);
  const cursor = state.cursor;
  if (cursor.field === MESSAGE && cursor.open !== undefined) entry.message = cursor.open;
  state.done = [];
  state.consumed = undefined;
}

// Lines that continue a quoted field belong to the record before them: neither for nor against.
function detect(sample: readonly string[], ctx: ParseContext): number {
  const state = csvState(ctx);
  let parsed = 0;
  let missed = 0;
  for (const line of sample) {
    if (line.trim().length === 0) continue;
    state.consumed = undefined;
    if (parse(line, ctx) !== null) parsed++;
    else if (state.consumed !== line) missed++;
  }
  return parsed === 0 ? 0 : parsed / (parsed + missed);
}

export const postgresCsv: LogFormat = {
  id: 'postgres-csv',
  aliases: ['csvlog', 'postgresql-csv', 'pg-csv'],
  description: 'PostgreSQL csvlog: 22–26 columns (8.4 to 17), quoted fields spanning lines',
  multiline: true,
  detect,
  parse,
  amend,
};
