/** Attributes in the text of PostgreSQL messages: slow-query durations, statements, connections. */
import type { Attrs } from '../../core/event.js';

// `duration: 1044.449 ms  execute <unnamed>: SELECT …` (log_min_duration_statement) and the
// plain `duration: 0.052 ms` of log_duration; the portal name never holds a colon.
const DURATION =
  /^duration: (\d{1,12}(?:\.\d{1,6})?) ms(?: {2}(?:statement|(?:execute|bind|parse) [^:]{0,200}|fastpath function call): )?/;
// log_statement with the extended protocol: `execute <unnamed>: SELECT …`, `execute S_1: …`.
const EXECUTE = /^execute [^:]{1,200}: /;
const LOCK_WAIT =
  /^process \d+ (?:still waiting for|acquired) (\S+) on .{1,300} after (\d{1,12}(?:\.\d{1,6})?) ms/;
const SESSION_TIME = /^(\d{1,6}):(\d\d):(\d\d)\.(\d{3})/;

/**
 * Reads what the message says about itself into `attrs`. Returns where a statement starts in the
 * message (so continuation lines extend it too), or -1.
 */
export function readMessage(message: string, attrs: Attrs): number {
  switch (message.charCodeAt(0)) {
    case 100 /* d */:
      if (message.startsWith('duration: ')) return duration(message, attrs);
      if (message.startsWith('disconnection: session time: ')) {
        const tail = message.slice(29);
        const m = SESSION_TIME.exec(tail);
        if (m !== null) {
          attrs.sessionMs =
            ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]);
        }
        keyValues(tail, attrs);
      }
      return -1;
    case 115 /* s */:
      if (message.startsWith('statement: ')) {
        attrs.statement = message.slice(11);
        return 11;
      }
      return -1;
    case 101 /* e */: {
      const m = EXECUTE.exec(message);
      if (m === null) return -1;
      attrs.statement = message.slice(m[0].length);
      return m[0].length;
    }
    case 99 /* c */:
      if (message.startsWith('connection ')) keyValues(message.slice(11), attrs);
      return -1;
    case 112 /* p */: {
      const m = LOCK_WAIT.exec(message);
      if (m !== null) {
        attrs.lockMode = m[1]!;
        attrs.lockWaitMs = Number(m[2]);
      }
      return -1;
    }
    default:
      return -1;
  }
}

function duration(message: string, attrs: Attrs): number {
  const m = DURATION.exec(message);
  if (m === null) return -1;
  attrs.durationMs = Number(m[1]);
  if (!m[0].endsWith(': ')) return -1;
  attrs.statement = message.slice(m[0].length);
  return m[0].length;
}

// Connection and disconnection lines: `host=127.0.0.1 port=45680`, `user=shop database=shop
// application_name=shop-api`, `identity="shop" method=scram-sha-256 (…)`.
function keyValues(text: string, attrs: Attrs): void {
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf('=', i);
    if (eq < 0) return;
    let k = eq;
    while (k > i && text.charCodeAt(k - 1) !== 32) k--;
    const key = text.slice(k, eq);
    let end: number;
    let value: string;
    if (key === 'application_name') {
      // The name may hold spaces; only the SSL/GSS notes PostgreSQL adds can follow it.
      end = firstOf(text, eq + 1, [' SSL enabled (', ' GSS (']);
      value = text.slice(eq + 1, end);
    } else {
      end = text.indexOf(' ', eq + 1);
      if (end < 0) end = text.length;
      value = text.slice(eq + 1, end);
    }
    setConnectionAttr(attrs, key, value);
    i = end + 1;
  }
}

function firstOf(text: string, from: number, needles: readonly string[]): number {
  let best = text.length;
  for (const n of needles) {
    const k = text.indexOf(n, from);
    if (k >= 0 && k < best) best = k;
  }
  return best;
}

function setConnectionAttr(attrs: Attrs, key: string, value: string): void {
  if (value.length === 0 || value === '[unknown]') return;
  switch (key) {
    case 'user':
      attrs.user ??= value;
      break;
    case 'database':
      attrs.database ??= value;
      break;
    case 'application_name':
      attrs.application ??= value;
      break;
    case 'host':
      if (value !== '[local]') attrs.clientIp ??= value;
      break;
    case 'port': {
      const port = Number(value);
      if (Number.isInteger(port)) attrs.clientPort ??= port;
      break;
    }
    case 'method':
      attrs.authMethod = value;
      break;
    default:
      break;
  }
}
