/**
 * The `log_line_prefix` fields between the timestamp and the severity: `[%p]`, `%u@%d`,
 * `%u@%d/%a`, `user=%u,db=%d,app=%a,client=%h`, `%r`, `%e`, `%c`, and RDS's `:%r:%u@%d:[%p]:`.
 */
import type { Attrs } from '../../core/event.js';
import { sqlStateAt } from './postgres-severity.js';

/** Reads the prefix in `line` from `start` to `end` into `attrs`. */
export function readPrefix(line: string, start: number, end: number, attrs: Attrs): void {
  let i = start;
  while (i < end) {
    let j = line.indexOf(' ', i);
    if (j < 0 || j > end) j = end;
    if (j > i) token(line.slice(i, j), attrs);
    i = j + 1;
  }
}

function token(text: string, attrs: Attrs): void {
  if (text.indexOf('=') >= 0) {
    for (const pair of text.split(',')) keyValue(pair, attrs);
    return;
  }
  // RDS joins its fields with colons (`:10.0.0.5(5432):shop@shop:[123]:`).
  if (text.indexOf(':') >= 0) {
    for (const part of text.split(':')) if (part.length > 0) field(part, attrs);
    return;
  }
  field(text, attrs);
}

function field(text: string, attrs: Attrs): void {
  const first = text.charCodeAt(0);
  if (first === 91 /* [ */) {
    bracketed(text, attrs);
    return;
  }
  const at = text.indexOf('@');
  if (at >= 0) {
    userAtDatabase(text, at, attrs);
    return;
  }
  const paren = text.indexOf('(');
  if (paren > 0 && text.charCodeAt(text.length - 1) === 41 /* ) */) {
    client(text, attrs);
    return;
  }
  if (text.length === 5) {
    const state = sqlStateAt(text, 0);
    if (state !== undefined) attrs.sqlState ??= state;
    return;
  }
  if (SESSION_ID.test(text)) attrs.sessionId ??= text;
}

// %c: the backend start time and pid in hex, `6560a7c4.168d`.
const SESSION_ID = /^[0-9a-f]{6,8}\.[0-9a-f]{1,8}$/;
// `[5381]` (%p) and `[5381-1]` (%p-%l); a later `[3-1]` is pgBadger's %l-1, not a pid.
const PID = /^\[(\d{1,10})(?:-\d{1,10})?\]$/;

function bracketed(text: string, attrs: Attrs): void {
  if (attrs.pid !== undefined) return;
  const m = PID.exec(text);
  if (m !== null) attrs.pid = Number(m[1]);
}

function known(value: string): boolean {
  return value.length > 0 && value !== '[unknown]';
}

function userAtDatabase(text: string, at: number, attrs: Attrs): void {
  const user = text.slice(0, at);
  let database = text.slice(at + 1);
  const slash = database.indexOf('/');
  if (slash >= 0) {
    const application = database.slice(slash + 1);
    database = database.slice(0, slash);
    if (known(application)) attrs.application ??= application;
  }
  if (known(user)) attrs.user ??= user;
  if (known(database)) attrs.database ??= database;
}

// %r: `127.0.0.1(45680)`; %h alone is a bare host and reaches here only through `client=`.
function client(text: string, attrs: Attrs): void {
  const paren = text.indexOf('(');
  const host = paren > 0 ? text.slice(0, paren) : text;
  if (host === '[local]' || host.length === 0) return;
  attrs.clientIp ??= host;
  if (paren > 0) {
    const port = Number(text.slice(paren + 1, -1));
    if (Number.isInteger(port) && port > 0) attrs.clientPort ??= port;
  }
}

function keyValue(pair: string, attrs: Attrs): void {
  const eq = pair.indexOf('=');
  if (eq <= 0) return;
  const value = pair.slice(eq + 1);
  if (!known(value)) return;
  switch (pair.slice(0, eq).toLowerCase()) {
    case 'user':
    case 'usr':
    case 'u':
      attrs.user ??= value;
      break;
    case 'db':
    case 'database':
    case 'd':
      attrs.database ??= value;
      break;
    case 'app':
    case 'application':
    case 'application_name':
    case 'a':
      attrs.application ??= value;
      break;
    case 'client':
    case 'host':
    case 'remote':
    case 'h':
    case 'r':
      client(value, attrs);
      break;
    case 'pid':
    case 'p': {
      const pid = Number(value);
      if (Number.isInteger(pid) && attrs.pid === undefined) attrs.pid = pid;
      break;
    }
    case 'sqlstate':
    case 'state':
    case 'e': {
      const state = value.length === 5 ? sqlStateAt(value, 0) : undefined;
      if (state !== undefined) attrs.sqlState ??= state;
      break;
    }
    case 'session':
    case 'sid':
    case 'c':
      attrs.sessionId ??= value;
      break;
    default:
      break;
  }
}

/**
 * The pid {@link readPrefix} would find in the prefix, without reading the other fields (lazy
 * mode). The first pid found wins there, so the scan stops at it; a field with `=` or `:` (lists,
 * RDS) sends the whole prefix through readPrefix.
 */
export function prefixPid(line: string, start: number, end: number): number | undefined {
  let i = start;
  while (i < end) {
    let j = line.indexOf(' ', i);
    if (j < 0 || j > end) j = end;
    for (let k = i; k < j; k++) {
      const c = line.charCodeAt(k);
      if (c === 61 /* = */ || c === 58 /* : */) {
        const attrs: Attrs = {};
        readPrefix(line, start, end, attrs);
        return typeof attrs.pid === 'number' ? attrs.pid : undefined;
      }
    }
    // Without `=` or `:` a field is read alone, and only a `[…]` field can hold the pid.
    if (j > i && line.charCodeAt(i) === 91) {
      const pid = bracketPid(line, i, j);
      if (pid !== undefined) return pid;
    }
    i = j + 1;
  }
  return undefined;
}

// The PID pattern above, matched on line[i, j) without slicing.
function bracketPid(line: string, i: number, j: number): number | undefined {
  if (line.charCodeAt(j - 1) !== 93 /* ] */) return undefined;
  let k = i + 1;
  let pid = 0;
  while (k < j - 1 && k - i <= 10 && isDigit(line.charCodeAt(k)))
    pid = pid * 10 + (line.charCodeAt(k++) - 48);
  if (k === i + 1) return undefined;
  if (k === j - 1) return pid;
  if (line.charCodeAt(k) !== 45 /* - */) return undefined;
  const from = k + 1;
  k = from;
  while (k < j - 1 && isDigit(line.charCodeAt(k))) k++;
  return k === j - 1 && k > from && k - from <= 10 ? pid : undefined;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
