/** PostgreSQL stderr logs with the common `log_line_prefix` styles, their attached lines and statements. */
import type { Attrs } from '../../core/event.js';
import type { ScannedTime } from '../../core/time.js';
import { type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';
import { readMessage } from './postgres-message.js';
import { prefixPid, readPrefix } from './postgres-prefix.js';
import { pgSeverity, sqlStateAt, type PgSeverity } from './postgres-severity.js';
import { scanPgTime } from './postgres-time.js';

// A prefix longer than this is not a log_line_prefix; it also bounds the search on hostile lines.
const MAX_PREFIX = 400;

/** Where continuation lines (tab-indented statement text) of the last entry belong. */
interface PgState {
  entry: ParsedEntry | undefined;
  pid: number | undefined;
  /** `message`, `both` (message and statement), an attribute name, or `none`. */
  target: string;
}

function pgState(ctx: ParseContext): PgState {
  let s = ctx.state.postgres as PgState | undefined;
  if (s === undefined) {
    s = { entry: undefined, pid: undefined, target: 'none' };
    ctx.state.postgres = s;
  }
  return s;
}

interface Severity {
  start: number;
  colon: number;
  name: string;
  severity: PgSeverity;
}

// PostgreSQL writes `SEVERITY:  ` with two spaces, which other logs rarely do; the word must start
// the prefix or follow a space or RDS's colon.
function findSeverity(line: string, from: number): Severity | undefined {
  const limit = from + MAX_PREFIX;
  let pos = from;
  for (;;) {
    const colon = line.indexOf(':  ', pos);
    if (colon < 0 || colon > limit) return undefined;
    let start = colon;
    while (start > from && isUpperOrDigit(line.charCodeAt(start - 1))) start--;
    const before = start === from ? 32 : line.charCodeAt(start - 1);
    if (colon - start >= 3 && (before === 32 || before === 58)) {
      const name = line.slice(start, colon);
      const severity = pgSeverity(name);
      if (severity !== undefined) return { start, colon, name, severity };
    }
    pos = colon + 1;
  }
}

function isUpperOrDigit(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  const t = scanPgTime(line, ctx.zone);
  if (t === undefined) return null;
  const sep = line.charCodeAt(t.end);
  if (sep !== 32 && sep !== 58) return null;
  const sev = findSeverity(line, t.end + 1);
  if (sev === undefined) return null;
  if (ctx.lazy) return lazyEntry(line, t, sev, ctx);
  const attrs: Attrs = {};
  readPrefix(line, t.end + 1, sev.start, attrs);
  const tsText = line.slice(0, t.end);
  const text = line.slice(sev.colon + 3);
  const state = pgState(ctx);
  const attach = sev.severity.attach;
  if (attach !== undefined) {
    // DETAIL/STATEMENT… of the entry before, written by the same backend.
    const open = state.entry;
    if (open !== undefined && state.pid === attrs.pid) {
      if (open.attrs?.[attach] === undefined) {
        state.target = attach;
        return {
          ts: t.ms,
          tsText,
          zoned: t.zoned,
          message: '',
          continues: true,
          attrs: { [attach]: text },
        };
      }
      // A second DETAIL (or …) of one entry: amend formats own their message, so it goes there.
      open.message += `\n${sev.name}: ${text}`;
      state.target = 'message';
      return { ts: t.ms, tsText, zoned: t.zoned, message: '', continues: true };
    }
  }
  let message = text;
  // log_error_verbosity=verbose puts the SQLSTATE first: `ERROR:  42P01: relation …`.
  if (attach === undefined && message.charCodeAt(5) === 58 && message.charCodeAt(6) === 32) {
    if (message.startsWith('00000')) message = message.slice(7);
    else {
      const code = sqlStateAt(message, 0);
      if (code !== undefined) {
        attrs.sqlState = code;
        message = message.slice(7);
      }
    }
  }
  attrs.pgSeverity = sev.name;
  let target = 'message';
  if (attach !== undefined) {
    // An attached line with nothing to attach to (the file starts with it) stands alone.
    attrs[attach] = text;
    message = `${sev.name}: ${text}`;
    target = attach;
  } else if (readMessage(message, attrs) >= 0) target = 'both';
  const entry: ParsedEntry = {
    ts: t.ms,
    tsText,
    zoned: t.zoned,
    level: sev.severity.level,
    message,
    attrs,
  };
  state.entry = entry;
  state.pid = attrs.pid;
  state.target = target;
  return entry;
}

/**
 * Lazy mode: the time, the severity's level, and whether the line attaches to the entry before it,
 * decided as `parse` does (an attached severity from the backend of the last entry). The state
 * keeps that entry and pid; nothing is ever added to the lazy entry's empty message.
 */
function lazyEntry(line: string, t: ScannedTime, sev: Severity, ctx: ParseContext): ParsedEntry {
  const pid = prefixPid(line, t.end + 1, sev.start);
  const state = pgState(ctx);
  const tsText = line.slice(0, t.end);
  if (sev.severity.attach !== undefined && state.entry !== undefined && state.pid === pid)
    return { ts: t.ms, tsText, zoned: t.zoned, message: '', continues: true };
  const entry: ParsedEntry = {
    ts: t.ms,
    tsText,
    zoned: t.zoned,
    level: sev.severity.level,
    message: '',
  };
  state.entry = entry;
  state.pid = pid;
  state.target = 'none';
  return entry;
}

// The checker parses a line lazily and then fully: the full parse must start from this state.
function saveState(ctx: ParseContext): () => void {
  const state = pgState(ctx);
  const { entry, pid, target } = state;
  return () => {
    state.entry = entry;
    state.pid = pid;
    state.target = target;
  };
}

// PostgreSQL indents every further line of a message with one tab; without it the text is the
// statement as the client sent it.
function amend(entry: ParsedEntry, line: string, ctx: ParseContext): void {
  const text = line.charCodeAt(0) === 9 ? line.slice(1) : line;
  const state = pgState(ctx);
  if (state.entry !== entry) {
    entry.message += '\n' + text;
    return;
  }
  const target = state.target;
  if (target === 'message' || target === 'both') entry.message += '\n' + text;
  if (target === 'both') appendAttr(entry, 'statement', text);
  else if (target !== 'message' && target !== 'none') appendAttr(entry, target, text);
}

function appendAttr(entry: ParsedEntry, key: string, text: string): void {
  const attrs = (entry.attrs ??= {});
  const value = attrs[key];
  attrs[key] = typeof value === 'string' ? value + '\n' + text : text;
}

// Tab-indented lines after an entry are its statement's further lines: neither for nor against.
function detect(sample: readonly string[], ctx: ParseContext): number {
  let parsed = 0;
  let missed = 0;
  for (const line of sample) {
    if (line.trim().length === 0) continue;
    if (parse(line, ctx) !== null) parsed++;
    else if (parsed === 0 || line.charCodeAt(0) !== 9) missed++;
  }
  return parsed === 0 ? 0 : parsed / (parsed + missed);
}

export const postgres: LogFormat = {
  id: 'postgres',
  aliases: ['postgresql', 'pg'],
  description:
    "PostgreSQL stderr log: '%m [%p] ', '%m [%p] %q%u@%d ', pgBadger's '%t [%p]: [%l-1] user=%u,db=%d,…', RDS",
  multiline: true,
  lazy: true,
  detect,
  parse,
  amend,
  saveState,
};
