/**
 * HAProxy's HTTP and TCP log lines (`option httplog`, `option tcplog`), read into the attributes
 * access logs use: the status, the timers, the termination state. They come through syslog (the
 * usual way: `haproxy[7]: 10.0.0.1:5555 [22/Nov/2026:19:40:42.123] fe be/srv …`) or raw on
 * stdout (`log stdout format raw` in containers), which the `haproxy` format reads with the accept
 * date as the time.
 *
 *   HTTP: client:port [accept date] frontend backend/server TR/Tw/Tc/Tr/Ta status bytes
 *         req-cookie resp-cookie termination actconn/feconn/beconn/srv_conn/retries
 *         srv_queue/backend_queue [{request headers}] [{response headers}] "request"
 *   TCP:  client:port [accept date] frontend backend/server Tw/Tc/Tt bytes termination
 *         actconn/feconn/beconn/srv_conn/retries srv_queue/backend_queue
 *
 * Timers are milliseconds, `-1` where a step was never reached (a `+` marks a total logged before
 * the end, with `option logasap`).
 */
import type { Attrs } from '../../core/event.js';
import { levelFromHttpStatus, levelRank, type Level } from '../../core/level.js';
import { scanClf } from '../../core/time.js';
import { detectByParse, type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';

/** What a HAProxy line gave besides its attributes. */
export interface HaproxyLine {
  level: Level;
  /** `"GET /path HTTP/1.1" 503 sH--`, or `TCP fe → be/srv` for TCP: what templates group on. */
  message: string;
  /** Index of the accept date (after `[`) and its end, in the text read. */
  dateStart: number;
  dateEnd: number;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** `-1`, `12` or `+12` (logasap): the number, NaN when it is not one. */
function timer(text: string): number {
  const t = text.charCodeAt(0) === 43 ? text.slice(1) : text;
  if (t.length === 0 || t.length > 12) return NaN;
  if (t === '-1') return -1;
  for (let i = 0; i < t.length; i++) if (!isDigit(t.charCodeAt(i))) return NaN;
  return Number(t);
}

/** The next space-free token from `i`: [start, end), or undefined at the end of the text. */
function token(s: string, i: number): [number, number] | undefined {
  if (i >= s.length) return undefined;
  let e = s.indexOf(' ', i);
  if (e < 0) e = s.length;
  return e > i ? [i, e] : undefined;
}

/*
 * The termination state's first letter says who ended the session: the client (C, c: abort,
 * timeout), the server (S, s), HAProxy itself (P proxy, R resource, I internal, D server down,
 * K killed by an admin, L local answer such as a redirect). A server or proxy ending is a failure
 * even without a status; a client going away is worth a look, not an error.
 */
const ENDED_BY: Readonly<Record<string, Level>> = {
  S: 'error',
  s: 'error',
  P: 'error',
  R: 'error',
  I: 'error',
  D: 'error',
  K: 'warn',
  C: 'warn',
  c: 'warn',
};

const worse = (a: Level, b: Level | undefined): Level =>
  b !== undefined && levelRank(b) > levelRank(a) ? b : a;

/**
 * Reads a HAProxy HTTP or TCP log line (the text after syslog's `haproxy[pid]: `) into `attrs`;
 * undefined when the text is not one (start-up notices, `Proxy x started.`, alerts).
 */
export function readHaproxy(s: string, attrs: Attrs): HaproxyLine | undefined {
  const client = token(s, 0);
  if (client === undefined || s.charCodeAt(client[1]) !== 32) return undefined;
  const colon = s.lastIndexOf(':', client[1]);
  if (colon <= client[0] || timer(s.slice(colon + 1, client[1])) < 0) return undefined;
  if (s.charCodeAt(client[1] + 1) !== 91 /* [ */) return undefined;
  const dateStart = client[1] + 2;
  const dateEnd = s.indexOf(']', dateStart);
  if (dateEnd < 0 || dateEnd - dateStart > 32 || s.charCodeAt(dateEnd + 1) !== 32) return undefined;
  const fields: string[] = [];
  let at = dateEnd + 2;
  // frontend, backend/server, timers, then 7 more for HTTP or 4 for TCP.
  for (let k = 0; k < 10; k++) {
    const t = token(s, at);
    if (t === undefined) break;
    fields.push(s.slice(t[0], t[1]));
    at = t[1] + 1;
  }
  // `fe/bind: SSL handshake failure`: a connection that failed before it became a request.
  if (fields[0]?.endsWith(':') === true && fields[0].indexOf('/') > 0) {
    const name = fields[0].slice(0, -1);
    const slashAt = name.indexOf('/');
    const text = s.slice(dateEnd + 2 + fields[0].length + 1).trim();
    if (text.length === 0) return undefined;
    attrs.clientIp = s.slice(client[0], colon).replace(/^\[|\]$/g, '');
    attrs.frontend = name.slice(0, slashAt);
    attrs.bind = name.slice(slashAt + 1);
    return { level: 'warn', message: text, dateStart, dateEnd };
  }
  if (fields.length < 7) return undefined;
  const [frontend, route, timersText] = fields as [string, string, string];
  const slash = route.indexOf('/');
  if (slash <= 0) return undefined;
  const timers = timersText.split('/').map(timer);
  if ((timers.length !== 5 && timers.length !== 3) || timers.some((t) => Number.isNaN(t)))
    return undefined;
  const http = timers.length === 5;
  const o: Attrs = {};
  o.clientIp = s.slice(client[0], colon).replace(/^\[|\]$/g, '');
  o.frontend = frontend.endsWith('~') ? frontend.slice(0, -1) : frontend;
  o.backend = route.slice(0, slash);
  const server = route.slice(slash + 1);
  if (server !== '<NOSRV>' && server !== '-') o.server = server;
  const total = timers[timers.length - 1]!;
  if (total >= 0) o.latencyMs = total;
  let level: Level = 'info';
  let message: string;
  let rest: number;
  if (http) {
    const [tr, tw, tc, tsrv] = timers as [number, number, number, number, number];
    if (tr >= 0) o.requestMs = tr;
    if (tw >= 0) o.queueMs = tw;
    if (tc >= 0) o.connectMs = tc;
    if (tsrv >= 0) o.upstreamLatencyMs = tsrv;
    if (fields.length < 10) return undefined;
    const [, , , statusText, bytesText, , , term, conns, queues] = fields;
    const status = timer(statusText!);
    const bytes = timer(bytesText!);
    if (!(status === -1 || (status >= 100 && status < 1000)) || Number.isNaN(bytes))
      return undefined;
    if (!readCounts(conns!, queues, o)) return undefined;
    if (status > 0) o.status = status;
    if (bytes >= 0) o.bytes = bytes;
    if (term !== '----') o.terminationState = term!;
    level = worse(status > 0 ? levelFromHttpStatus(status) : 'info', ENDED_BY[term!.charAt(0)]);
    rest = indexAfter(s, dateEnd + 2, 10);
    const request = readTail(s, rest, o);
    message = `${request === undefined ? '(no request)' : `"${request}"`} ${status > 0 ? status : '-'}`;
    if (term !== '----') message += ` ${term}`;
  } else {
    const [tw, tc] = timers as [number, number, number];
    if (tw >= 0) o.queueMs = tw;
    if (tc >= 0) o.connectMs = tc;
    const [, , , bytesText, term, conns, queues] = fields;
    const bytes = timer(bytesText!);
    if (Number.isNaN(bytes) || !readCounts(conns!, queues, o)) return undefined;
    if (bytes >= 0) o.bytes = bytes;
    if (term !== '--') o.terminationState = term!;
    level = worse(level, ENDED_BY[term!.charAt(0)]);
    message = `TCP ${o.frontend} → ${route}${term !== '--' ? ` ${term}` : ''}`;
  }
  Object.assign(attrs, o);
  return { level, message, dateStart, dateEnd };
}

/** `actconn/feconn/beconn/srv_conn/retries` and `srv_queue/backend_queue`. */
function readCounts(conns: string, queues: string | undefined, o: Attrs): boolean {
  const c = conns.split('/').map(timer);
  const q = (queues ?? '').split('/').map(timer);
  if (c.length !== 5 || c.some((n) => !(n >= 0)) || q.length !== 2 || q.some((n) => !(n >= 0)))
    return false;
  o.activeConnections = c[0]!;
  o.backendConnections = c[2]!;
  if (c[4]! > 0) o.retries = c[4]!;
  if (q[0]! > 0 || q[1]! > 0) {
    o.serverQueue = q[0]!;
    o.backendQueue = q[1]!;
  }
  return true;
}

/** Index after the n-th space-separated token from `i`. */
function indexAfter(s: string, i: number, n: number): number {
  let at = i;
  for (let k = 0; k < n; k++) {
    const e = s.indexOf(' ', at);
    if (e < 0) return s.length;
    at = e + 1;
  }
  return at;
}

/** Captured headers (`{…}`, up to two) and the quoted request at the end; returns the request. */
function readTail(s: string, i: number, o: Attrs): string | undefined {
  let at = i;
  for (const key of ['capturedRequestHeaders', 'capturedResponseHeaders']) {
    if (s.charCodeAt(at) !== 123 /* { */) break;
    const close = s.indexOf('} ', at);
    const end = close < 0 ? (s.endsWith('}') ? s.length - 1 : -1) : close;
    if (end < 0) break;
    if (end > at + 1) o[key] = s.slice(at + 1, end);
    at = end + 2;
  }
  if (s.charCodeAt(at) !== 34 /* " */) return undefined;
  const close = s.lastIndexOf('"');
  const request = s.slice(at + 1, close > at ? close : s.length);
  const sp1 = request.indexOf(' ');
  const sp2 = request.lastIndexOf(' ');
  if (sp1 > 0) {
    o.method = request.slice(0, sp1);
    o.path = sp2 > sp1 ? request.slice(sp1 + 1, sp2) : request.slice(sp1 + 1);
    if (sp2 > sp1) o.protocol = request.slice(sp2 + 1);
  }
  return request;
}

/**
 * For readers of syslog: a `haproxy` program's line read into `attrs`, its message replaced by the
 * request form and its level by the status or termination. Undefined for other lines.
 */
export function haproxyEntry(
  message: string,
  attrs: Attrs,
): { level: Level; message: string } | undefined {
  const h = readHaproxy(message, attrs);
  if (h) return { level: h.level, message: h.message };
  const level = healthLevel(message, attrs);
  return level && { level, message };
}

/**
 * HAProxy's own notices about its servers, which syslog without a priority would file as info:
 * `Server be/srv is DOWN, reason: …` (an error: traffic moves away or stops), `backend be has no
 * server available!` (critical: every request now fails), `Server be/srv is UP` (notice).
 */
function healthLevel(message: string, attrs: Attrs): Level | undefined {
  if (message.startsWith('backend ') && message.includes(' has no server available!')) {
    attrs.backend = message.slice(8, message.indexOf(' ', 8));
    return 'critical';
  }
  if (!message.startsWith('Server ')) return undefined;
  const end = message.indexOf(' ', 7);
  const route = message.slice(7, end);
  const slash = route.indexOf('/');
  if (end < 0 || slash <= 0) return undefined;
  const state = message.startsWith(' is DOWN', end)
    ? 'error'
    : message.startsWith(' is UP', end)
      ? 'notice'
      : undefined;
  if (state === undefined) return undefined;
  attrs.backend = route.slice(0, slash);
  attrs.server = route.slice(slash + 1);
  return state;
}

/** Raw lines on stdout (`log stdout format raw`): the accept date is the only time there is. */
function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  const c = line.charCodeAt(0);
  if (!(isDigit(c) || c === 91 || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return null;
  const attrs: Attrs = {};
  const h = readHaproxy(line, attrs);
  if (h === undefined) return null;
  const t = scanClf(line, h.dateStart, ctx.zone);
  if (t === undefined || t.end !== h.dateEnd) return null;
  return {
    ts: t.ms,
    tsText: line.slice(h.dateStart, h.dateEnd),
    zoned: t.zoned,
    level: h.level,
    message: h.message,
    attrs,
  };
}

export const haproxy: LogFormat = {
  id: 'haproxy',
  description:
    'HAProxy HTTP and TCP logs written raw (log stdout format raw); in syslog they are read by syslog',
  multiline: false,
  detect: (sample, ctx) => detectByParse(haproxy, sample, ctx),
  parse,
};
