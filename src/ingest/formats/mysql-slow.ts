/** MySQL and MariaDB slow query log files: `# Time:` / `# User@Host:` / `# Query_time:` blocks. */
import type { Attrs } from '../../core/event.js';
import type { LogFormat, ParseContext, ParsedEntry } from '../format.js';
import { scanMysqlTime } from './mysql-error.js';

/*
 * An entry's time is its `# Time:` line: the moment the server wrote it, after the statement
 * finished (MySQL 8's `log_slow_extra` shows `End:` equal to it). MySQL 5.6 and MariaDB leave the
 * line out when the entry is written in the same second as the stamped one before it, so such an
 * entry (it starts at `# User@Host:`) takes that stamp: the same moment, at the same precision.
 * Only when there is none (the file starts there) does `SET timestamp=` give the time, and that is
 * the second the statement started, up to its duration earlier.
 */

const STATE = 'mysql-slow';

/** Where the entry being read is: its header block, its `#` lines, or its statement. */
type Phase = 'header' | 'time' | 'meta' | 'statement';

interface SlowState {
  entry: ParsedEntry | undefined;
  phase: Phase;
  stamp: { ms: number; text: string; zoned: boolean } | undefined;
  /** MySQL writes `use db;` only when the database changed since the entry before. */
  schema: string | undefined;
  /** The statement's last line ended with a `;` that was left out. */
  semicolon: boolean;
}

function slowState(ctx: ParseContext): SlowState {
  let s = ctx.state[STATE] as SlowState | undefined;
  if (s === undefined) {
    s = { entry: undefined, phase: 'meta', stamp: undefined, schema: undefined, semicolon: false };
    ctx.state[STATE] = s;
  }
  return s;
}

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  const s = slowState(ctx);
  if (line.startsWith('# Time: ')) {
    const t = scanMysqlTime(line, 8, ctx.zone);
    if (t === undefined) return null;
    const text = line.slice(8, t.end);
    s.stamp = { ms: t.ms, text, zoned: t.zoned };
    return open(s, { ts: t.ms, tsText: text, zoned: t.zoned, level: 'info', message: '' }, 'time');
  }
  if (line.startsWith('# User@Host: ')) {
    // Right after `# Time:` it belongs to that entry (amend reads it).
    if (s.phase === 'time') return null;
    const st = s.stamp;
    const entry: ParsedEntry = st
      ? { ts: st.ms, tsText: st.text, zoned: st.zoned, level: 'info', message: '' }
      : { ts: NaN, tsText: '', zoned: false, level: 'info', message: '' };
    open(s, entry, 'meta');
    readUserHost(line.slice(13), entry.attrs!);
    return entry;
  }
  const header = readHeader(line);
  if (header === undefined) return null;
  // The server writes this banner whenever it opens the file: at startup and on FLUSH LOGS.
  s.schema = undefined;
  s.stamp = undefined;
  return open(
    s,
    { ts: NaN, tsText: '', zoned: false, level: 'info', message: line, attrs: header },
    'header',
  );
}

function open(s: SlowState, entry: ParsedEntry, phase: Phase): ParsedEntry {
  entry.attrs ??= {};
  if (phase !== 'header' && s.schema !== undefined) entry.attrs.schema = s.schema;
  s.entry = entry;
  s.phase = phase;
  s.semicolon = false;
  return entry;
}

// `/usr/sbin/mysqld, Version: 8.0.35 (MySQL Community Server - GPL). started with:`
function readHeader(line: string): Attrs | undefined {
  if (!line.endsWith(' started with:')) return undefined;
  const comma = line.indexOf(', Version: ');
  if (comma <= 0 || comma > 300) return undefined;
  const from = comma + 11;
  let end = line.indexOf(' ', from);
  if (end < 0) end = line.length;
  const version = line.slice(from, end);
  if (version.length === 0 || version.charCodeAt(0) < 48 || version.charCodeAt(0) > 57)
    return undefined;
  return { program: line.slice(0, comma), version: version.replace(/\.$/, '') };
}

function amend(entry: ParsedEntry, line: string, ctx: ParseContext): void {
  const s = slowState(ctx);
  if (s.entry !== entry) return;
  const attrs = (entry.attrs ??= {});
  if (s.phase === 'header') {
    // `Tcp port: 3306  Unix socket: /run/mysqld/mysqld.sock`, then the column titles.
    if (line.startsWith('Tcp port: ')) readListener(line, attrs);
    return;
  }
  if (s.phase !== 'statement') {
    if (line.charCodeAt(0) === 35 /* # */) {
      if (line.startsWith('# User@Host: ')) readUserHost(line.slice(13), attrs);
      else readValues(line.slice(1), attrs);
      if (attrs.errno !== undefined || attrs.killed !== undefined) entry.level = 'warn';
      s.phase = 'meta';
      return;
    }
    if (line.startsWith('use ') && line.endsWith(';')) {
      const db = unquote(line.slice(4, -1).trim());
      attrs.schema = db;
      s.schema = db;
      return;
    }
    // `SET timestamp=1700000000;`, or `SET last_insert_id=5,insert_id=6,timestamp=…;`.
    if (line.startsWith('SET ') && line.endsWith(';')) {
      const k = line.indexOf('timestamp=');
      if (k > 0) {
        const epoch = line.slice(k + 10, -1);
        const sec = Number(epoch);
        if (Number.isNaN(entry.ts) && epoch.length > 0 && Number.isFinite(sec)) {
          entry.ts = sec * 1000;
          entry.tsText = epoch;
          entry.zoned = true;
        }
        s.phase = 'statement';
        return;
      }
    }
  }
  addStatementLine(entry, attrs, s, line);
}

// The statement keeps its lines and indentation; only the final `;` the server adds is left out.
function addStatementLine(entry: ParsedEntry, attrs: Attrs, s: SlowState, line: string): void {
  let end = line.length;
  while (end > 0 && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
  const semicolon = end > 0 && line.charCodeAt(end - 1) === 59;
  const text = line.slice(0, semicolon ? end - 1 : end);
  if (s.phase !== 'statement' || attrs.statement === undefined) attrs.statement = text;
  else attrs.statement = `${attrs.statement}${s.semicolon ? ';' : ''}\n${text}`;
  s.phase = 'statement';
  s.semicolon = semicolon;
  entry.message = attrs.statement;
}

// `shop[shop] @ app-1.internal [10.0.3.14]  Id:    42` (MariaDB leaves out `Id:`).
function readUserHost(text: string, attrs: Attrs): void {
  const at = text.indexOf(' @ ');
  if (at < 0) return;
  const who = text.slice(0, at);
  const lb = who.indexOf('[');
  // The account that was granted (`priv_user`), else the name the client logged in with.
  const account = lb < 0 ? who : who.slice(0, lb);
  const login = lb < 0 ? '' : who.slice(lb + 1, who.endsWith(']') ? -1 : who.length);
  const user = account.length > 0 ? account : login;
  if (user.length > 0) attrs.user = user;
  const rest = text.slice(at + 3);
  const bracket = rest.indexOf('[');
  const host = (bracket < 0 ? rest : rest.slice(0, bracket)).trim();
  if (host.length > 0 && !host.includes(' ')) attrs.clientHost = host;
  if (bracket < 0) return;
  const close = rest.indexOf(']', bracket);
  if (close < 0) return;
  const ip = rest.slice(bracket + 1, close);
  if (ip.length > 0) attrs.clientIp = ip;
  const id = rest.indexOf('Id:', close);
  if (id >= 0) readValues(rest.slice(id), attrs);
}

/** The counters the servers write as `Key: value` pairs, by the names other formats use. */
const KEYS: Readonly<Record<string, [name: string, kind: 'ms' | 'n' | 's']>> = {
  Query_time: ['durationMs', 'ms'],
  Lock_time: ['lockMs', 'ms'],
  Rows_sent: ['rowsSent', 'n'],
  Rows_examined: ['rowsExamined', 'n'],
  Rows_affected: ['rowsAffected', 'n'],
  Bytes_sent: ['bytesSent', 'n'],
  Id: ['threadId', 'n'],
  Thread_id: ['threadId', 'n'],
  Schema: ['schema', 's'],
  // log_slow_extra (MySQL 8) and Percona: the statement failed or was killed.
  Errno: ['errno', 'n'],
  Last_errno: ['errno', 'n'],
  Killed: ['killed', 'n'],
};

/** `Query_time: 12.345678  Lock_time: 0.000123 Rows_sent: 1` into attrs; unknown keys are skipped. */
function readValues(text: string, attrs: Attrs): void {
  let key = '';
  for (const w of text.split(' ')) {
    if (w.length === 0) continue;
    if (w.endsWith(':')) {
      // A key with no value (`Schema:   QC_hit: No`) is followed by the next key.
      if (key === 'Schema') delete attrs.schema;
      key = w.slice(0, -1);
      continue;
    }
    const spec = KEYS[key];
    key = '';
    if (spec === undefined) continue;
    const [name, kind] = spec;
    if (kind === 's') {
      attrs[name] = w;
      continue;
    }
    const n = Number(w);
    if (!Number.isFinite(n)) continue;
    // Seconds with microseconds: rounded to the microsecond so 12.345678 s is 12345.678 ms.
    if (kind === 'ms') attrs[name] = Math.round(n * 1e6) / 1e3;
    else if (name === 'errno' || name === 'killed') {
      if (n !== 0) attrs[name] = n;
    } else attrs[name] = n;
  }
  // An empty `Schema:` says no database was selected, whatever `use` said before.
  if (key === 'Schema') delete attrs.schema;
}

// `Tcp port: 3306  Unix socket: /run/mysqld/mysqld.sock` under the banner (Unix builds).
function readListener(line: string, attrs: Attrs): void {
  let end = 10;
  while (end < line.length && end < 16 && line.charCodeAt(end) >= 48 && line.charCodeAt(end) <= 57)
    end++;
  if (end > 10) attrs.tcpPort = Number(line.slice(10, end));
  const k = line.indexOf('Unix socket: ', end);
  if (k >= 0 && k + 13 < line.length) attrs.socket = line.slice(k + 13).trim();
}

function unquote(name: string): string {
  return name.length > 1 && name.startsWith('`') && name.endsWith('`') ? name.slice(1, -1) : name;
}

/**
 * Reads the sample as the assembler would: lines that start entries and the `#`, `use` and `SET`
 * lines of an entry count for it, statement lines are neutral once the entry has a `Query_time`,
 * and any other line counts against it. No `Query_time` at all: not a slow log.
 */
function detect(sample: readonly string[], ctx: ParseContext): number {
  const s = slowState(ctx);
  let yes = 0;
  let no = 0;
  let queries = 0;
  let current: ParsedEntry | undefined;
  for (const line of sample) {
    if (line.trim().length === 0) continue;
    const e = parse(line, ctx);
    if (e !== null) {
      current = e;
      yes++;
    } else if (current === undefined) no++;
    else {
      const c = line.charCodeAt(0);
      const meta =
        s.phase === 'header' ||
        (s.phase !== 'statement' &&
          (c === 35 || line.startsWith('use ') || line.startsWith('SET ')));
      if (meta && line.includes('Query_time: ')) queries++;
      amend(current, line, ctx);
      if (meta) yes++;
      else if (current.attrs?.durationMs === undefined) no++;
    }
  }
  return queries === 0 ? 0 : yes / (yes + no);
}

export const mysqlSlow: LogFormat = {
  id: 'mysql-slow',
  aliases: ['slow-query', 'mysql-slow-query', 'mariadb-slow'],
  description:
    'MySQL 5.6–8.x and MariaDB slow query log files (# Time:, # User@Host:, # Query_time: blocks)',
  multiline: true,
  detect,
  parse,
  amend,
};
