/**
 * AWS load balancer access logs as Elastic Load Balancing writes them to S3: Application Load
 * Balancer entries (`h2 2026-11-22T19:40:42.123456Z app/name/id client:port target:port …`) and
 * Classic Load Balancer entries (the same without the leading type, ending after the TLS fields).
 *
 * Fields are separated by single spaces; the request, user agent and later descriptive fields
 * are in double quotes. The three processing times are seconds, `-1` when the load balancer could
 * not send the request to a target or got no answer from it: then there is no latency to report,
 * and the status the client saw (`elb_status_code`) is the load balancer's own 502, 503 or 504.
 */
import type { Attrs } from '../../core/event.js';
import { levelFromHttpStatus } from '../../core/level.js';
import { scanIso } from '../../core/time.js';
import { UTC } from '../../core/zone.js';
import { detectByParse, type LogFormat, type ParsedEntry } from '../format.js';

/** ALB connection types (the first field); a Classic entry starts with its time. */
const TYPES = new Set(['http', 'https', 'h2', 'grpcs', 'ws', 'wss']);
// Enough for every documented ALB field and a few more: later additions are not read.
const MAX_FIELDS = 40;
const MAX_FIELD = 16_384;

/** Where each field of the line starts and ends (quotes excluded), read once, left to right. */
const starts = new Int32Array(MAX_FIELDS);
const ends = new Int32Array(MAX_FIELDS);

/**
 * Splits the line into fields; returns how many, or -1 when it is not a field list (a quoted
 * field that does not close, a field too long). A quoted field ends at a `"` that is not escaped
 * with a backslash and is followed by a space or the end of the line.
 */
function split(line: string): number {
  const n = line.length;
  let count = 0;
  let i = 0;
  while (i < n && count < MAX_FIELDS) {
    if (line.charCodeAt(i) === 34 /* " */) {
      let j = i + 1;
      for (;;) {
        j = line.indexOf('"', j);
        if (j < 0 || j - i > MAX_FIELD) return -1;
        let b = j - 1;
        while (b > i && line.charCodeAt(b) === 92) b--;
        const escaped = (j - 1 - b) % 2 === 1;
        if (!escaped && (j + 1 === n || line.charCodeAt(j + 1) === 32)) break;
        j++;
      }
      starts[count] = i + 1;
      ends[count] = j;
      count++;
      i = j + 2;
    } else {
      let j = line.indexOf(' ', i);
      if (j < 0) j = n;
      if (j === i || j - i > MAX_FIELD) return -1;
      starts[count] = i;
      ends[count] = j;
      count++;
      i = j + 1;
    }
  }
  return count;
}

/** Field k; a quoted one with its `\"` and `\\` escapes undone. */
function field(line: string, k: number): string {
  const text = line.slice(starts[k], ends[k]);
  return text.indexOf('\\') < 0 ? text : text.replace(/\\(["\\])/g, '$1');
}

/** Seconds as the load balancer writes them (`0.048`), in ms; undefined for `-1` or `-`. */
function seconds(text: string): number | undefined {
  if (text === '-' || text.startsWith('-')) return undefined;
  const s = Number(text);
  return Number.isFinite(s) && s >= 0 ? Math.round(s * 1_000_000) / 1000 : undefined;
}

/** A whole number field, or undefined for `-`. */
function count(text: string): number | undefined {
  if (text === '-') return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** A status code; undefined for `-`, and for the `0` Classic writes when no instance answered. */
function status(text: string): number | undefined {
  const n = count(text);
  return n !== undefined && n >= 100 && n < 1000 ? n : undefined;
}

/** `ip:port` (IPv6 too: the port follows the last colon); the address alone. */
function address(text: string): string | undefined {
  if (text === '-') return undefined;
  const colon = text.lastIndexOf(':');
  return colon > 0 ? text.slice(0, colon) : text;
}

/** `GET https://host:443/path?q HTTP/1.1`: method, the URL, its path and query, the protocol. */
function readRequest(request: string, attrs: Attrs): void {
  const sp1 = request.indexOf(' ');
  const sp2 = request.lastIndexOf(' ');
  if (sp1 <= 0 || sp2 <= sp1) return;
  const method = request.slice(0, sp1);
  const url = request.slice(sp1 + 1, sp2);
  // TCP and malformed requests are logged as `- - -`.
  if (method === '-' || url === '-') return;
  attrs.method = method;
  attrs.url = url;
  attrs.protocol = request.slice(sp2 + 1);
  const scheme = url.indexOf('://');
  const slash = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
  attrs.path = scheme < 0 ? url : slash < 0 ? '/' : url.slice(slash);
}

/** Quoted and bare optional fields: `-` (or empty) means not set. */
function optional(attrs: Attrs, key: string, value: string): void {
  if (value !== '-' && value.length > 0) attrs[key] = value;
}

/** The fields after `ssl_protocol` that only ALB writes, by position. */
const ALB_TAIL: readonly (string | undefined)[] = [
  'targetGroup',
  'traceId',
  'domain',
  undefined, // chosen_cert_arn
  'matchedRule',
  'requestCreated',
  'actions',
  'redirectUrl',
  'errorReason',
  'targets',
  'targetStatuses',
  'classification',
  'classificationReason',
  'connectionTraceId',
];

function parse(line: string): ParsedEntry | null {
  const n = split(line);
  if (n < 0) return null;
  // ALB: a type first; Classic: the time first.
  const alb = TYPES.has(field(line, 0));
  const at = alb ? 1 : 0;
  // Through ssl_protocol: 15 fields for Classic, 16 for ALB.
  if (n < at + 15) return null;
  const stamp = field(line, at);
  const t = scanIso(stamp, 0, UTC);
  if (t === undefined || t.end !== stamp.length || !t.zoned) return null;
  const elbStatus = status(field(line, at + 7));
  const targetStatus = status(field(line, at + 8));
  const request = field(line, at + 11);
  const processing = [at + 4, at + 5, at + 6].map((k) => field(line, k));
  // Shape checks, so that other space-separated logs with an ISO time are not read as these.
  if (field(line, at + 2).indexOf(':') < 0 && field(line, at + 2) !== '-') return null;
  for (const p of processing) if (p !== '-1' && seconds(p) === undefined) return null;
  if (line.charCodeAt(starts[at + 11]! - 1) !== 34 || line.charCodeAt(starts[at + 12]! - 1) !== 34)
    return null;
  const attrs: Attrs = { elb: field(line, at + 1) };
  if (alb) attrs.type = field(line, 0);
  const client = address(field(line, at + 2));
  if (client !== undefined) attrs.clientIp = client;
  optional(attrs, 'target', field(line, at + 3));
  const [reqMs, targetMs, respMs] = processing.map(seconds);
  if (reqMs !== undefined && targetMs !== undefined && respMs !== undefined)
    attrs.latencyMs = Math.round((reqMs + targetMs + respMs) * 1000) / 1000;
  else if (alb && n > at + 20) {
    // A `-1` hides how long the client waited, which is what a 504 is about: ALB also logs when
    // it received the request, so the wait is the time between the two (to the millisecond).
    const created = scanIso(field(line, at + 20), 0, UTC);
    if (created !== undefined && created.zoned && created.ms <= t.ms)
      attrs.latencyMs = Math.round((t.ms - created.ms) * 1000) / 1000;
  }
  if (targetMs !== undefined) attrs.upstreamLatencyMs = targetMs;
  if (elbStatus !== undefined) attrs.status = elbStatus;
  if (targetStatus !== undefined) attrs.upstreamStatus = targetStatus;
  const received = count(field(line, at + 9));
  const sent = count(field(line, at + 10));
  if (received !== undefined) attrs.bytesReceived = received;
  if (sent !== undefined) attrs.bytes = sent;
  readRequest(request, attrs);
  optional(attrs, 'userAgent', field(line, at + 12));
  optional(attrs, 'sslCipher', field(line, at + 13));
  optional(attrs, 'sslProtocol', field(line, at + 14));
  if (alb) {
    for (let k = 0; k < ALB_TAIL.length && at + 15 + k < n; k++) {
      const key = ALB_TAIL[k];
      if (key === undefined) continue;
      const value = field(line, at + 15 + k);
      const rule = key === 'matchedRule' ? count(value) : undefined;
      if (rule !== undefined) attrs.matchedRule = rule;
      else optional(attrs, key, value);
    }
  }
  // TCP listeners (Classic) and requests too malformed to read log `- - -`.
  const head = attrs.method === undefined ? `connection to ${attrs.target ?? '-'}` : `"${request}"`;
  let message = elbStatus === undefined ? head : `${head} ${elbStatus}`;
  // Why the load balancer answered itself: what a 502 or 504 needs beside it.
  if (elbStatus !== undefined && elbStatus >= 500 && targetStatus === undefined)
    message += ' (no target response)';
  const reason = attrs.errorReason;
  if (typeof reason === 'string') message += ` ${reason}`;
  return {
    ts: t.ms,
    tsText: stamp,
    zoned: true,
    level: elbStatus === undefined ? 'info' : levelFromHttpStatus(elbStatus),
    message,
    attrs,
  };
}

export const alb: LogFormat = {
  id: 'alb',
  aliases: ['elb', 'aws-alb', 'aws-elb'],
  description: 'AWS Application and Classic Load Balancer access logs (as written to S3)',
  multiline: false,
  detect: (sample, ctx) => detectByParse(alb, sample, ctx),
  parse,
};
