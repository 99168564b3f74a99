/** Envoy and Istio sidecar text access logs: Envoy's default format, Istio's, TCP proxy entries. */
import type { Attrs } from '../../core/event.js';
import { levelFromHttpStatus, levelRank, type Level } from '../../core/level.js';
import { scanIso } from '../../core/time.js';
import { detectByParse, type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';

/*
 * Layouts read (from Envoy's and Istio's documentation), after `[%START_TIME%] "request"
 * %RESPONSE_CODE% %RESPONSE_FLAGS%`:
 *   Envoy default:  BYTES_RECEIVED BYTES_SENT DURATION UPSTREAM-SERVICE-TIME "XFF" "UA"
 *                   "REQUEST-ID" "AUTHORITY" "UPSTREAM_HOST"
 *   Istio >= 1.9:   RESPONSE_CODE_DETAILS CONNECTION_TERMINATION_DETAILS
 *                   "UPSTREAM_TRANSPORT_FAILURE_REASON", then the Envoy fields, then UPSTREAM_CLUSTER
 *                   UPSTREAM_LOCAL_ADDRESS DOWNSTREAM_LOCAL_ADDRESS DOWNSTREAM_REMOTE_ADDRESS
 *                   REQUESTED_SERVER_NAME ROUTE_NAME
 *   Istio 1.5–1.8:  "istio.mixer:status" "UPSTREAM_TRANSPORT_FAILURE_REASON", then as Istio >= 1.9.
 * TCP proxy entries write `"- - -"` for the request and `0` (or `-`) for the status.
 */

interface Token {
  text: string;
  quoted: boolean;
  /** Index just past the token. */
  end: number;
}

// Enough for the longest layout (Istio: 15 fields after the time, 6 after the Envoy ones).
const MAX_TOKENS = 21;
const ISTIO_TAIL = [
  'upstreamCluster',
  'upstreamLocalAddress',
  'downstreamLocalAddress',
  'downstreamRemoteAddress',
  'requestedServerName',
  'routeName',
] as const;

/**
 * Space-separated tokens from `i`; a quoted one ends at a quote followed by a space or the end
 * (Envoy does not escape quotes inside header values). Null when a quote never closes.
 */
function tokenize(line: string, i: number, max: number): Token[] | null {
  const out: Token[] = [];
  const n = line.length;
  while (out.length < max) {
    while (i < n && line.charCodeAt(i) === 32) i++;
    if (i >= n) break;
    if (line.charCodeAt(i) === 34) {
      let j = line.indexOf('"', i + 1);
      while (j >= 0 && j + 1 < n && line.charCodeAt(j + 1) !== 32) j = line.indexOf('"', j + 1);
      if (j < 0) return null;
      out.push({ text: line.slice(i + 1, j), quoted: true, end: j + 1 });
      i = j + 1;
    } else {
      let j = line.indexOf(' ', i);
      if (j < 0) j = n;
      out.push({ text: line.slice(i, j), quoted: false, end: j });
      i = j;
    }
  }
  return out;
}

function isDigits(s: string): boolean {
  if (s.length === 0 || s.length > 15) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `-` or comma-separated upper-case flag letters (`UF`, `UF,URX`). */
function isFlags(s: string): boolean {
  if (s === '-') return true;
  if (s.length === 0 || s.length > 64) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(c >= 65 && c <= 90) && c !== 44) return false;
  }
  return true;
}

const bare = (t: Token | undefined): t is Token => t !== undefined && !t.quoted;
const quoted = (t: Token | undefined): t is Token => t !== undefined && t.quoted;

/*
 * Levels by response-flag family (Envoy's RESPONSE_FLAGS documentation). They matter most where
 * the status does not tell: status 0 (no response was sent) and TCP proxy entries.
 * - The upstream or Envoy itself failed the request: no healthy host, connection failure,
 *   circuit breaking, retry limit, cluster not found, timeouts, resets, protocol errors, DNS
 *   failure, overload, local health check failing, rate-limit service error: error.
 * - The request was refused by policy or ended by the client: no route, local rate limit, external
 *   authorization denial, invalid header, downstream protocol error, downstream disconnect (DC:
 *   the client gave up, often because the service was slow, but no server error), stream idle
 *   timeout, max connection duration: warn.
 * - Fault injection (DI, FI) is deliberate: the status decides.
 */
const FLAG_LEVEL: ReadonlyMap<string, Level> = new Map<string, Level>([
  ...'UH UF UO URX NC UT LR UR UC LH UPE UMSDR OM DF DO RLSE'
    .split(' ')
    .map((f) => [f, 'error'] as const),
  ...'NR RL UAEX IH DPE DC SI DT'.split(' ').map((f) => [f, 'warn'] as const),
]);

function levelOf(status: number | undefined, flags: string | undefined): Level {
  let level: Level = status === undefined ? 'info' : levelFromHttpStatus(status);
  if (flags === undefined) return level;
  let start = 0;
  while (start <= flags.length) {
    let end = flags.indexOf(',', start);
    if (end < 0) end = flags.length;
    const l = FLAG_LEVEL.get(flags.slice(start, end));
    if (l !== undefined && levelRank(l) > levelRank(level)) level = l;
    start = end + 1;
  }
  return level;
}

/** `10.0.0.7:41234` → `10.0.0.7`; `[2001:db8::1]:443` → `2001:db8::1`. */
function withoutPort(address: string): string {
  if (address.charCodeAt(0) === 91) {
    const close = address.indexOf(']');
    return close > 0 ? address.slice(1, close) : address;
  }
  const colon = address.indexOf(':');
  // More than one colon is a bare IPv6 address: no port to strip.
  return colon > 0 && address.indexOf(':', colon + 1) < 0 ? address.slice(0, colon) : address;
}

function setText(attrs: Attrs, key: string, value: string | undefined): void {
  if (value !== undefined && value !== '-' && value.length > 0) attrs[key] = value;
}

interface Head {
  /** Index of BYTES_RECEIVED among the tokens. */
  next: number;
  istio: boolean;
  fields: [key: string, value: string][];
}

/** The Istio fields between the response flags and BYTES_RECEIVED, if any; null for no known layout. */
function readHead(t: Token[]): Head | null {
  const [a, b, c] = [t[3], t[4], t[5]];
  if (bare(a) && bare(b) && quoted(c) && bare(t[6]) && !isDigits(a.text)) {
    const fields: Head['fields'] = [
      ['responseCodeDetails', a.text],
      ['connectionTerminationDetails', b.text],
      ['upstreamFailureReason', c.text],
    ];
    return { next: 6, istio: true, fields };
  }
  if (quoted(a) && quoted(b)) {
    const fields: Head['fields'] = [
      ['policyStatus', a.text],
      ['upstreamFailureReason', b.text],
    ];
    return { next: 5, istio: true, fields };
  }
  return bare(a) ? { next: 3, istio: false, fields: [] } : null;
}

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  if (line.charCodeAt(0) !== 91 /* [ */) return null;
  const close = line.indexOf(']', 1);
  if (close < 11 || close > 48 || line.charCodeAt(close + 1) !== 32) return null;
  const time = scanIso(line, 1, ctx.zone);
  if (time === undefined || time.end !== close) return null;
  const t = tokenize(line, close + 1, MAX_TOKENS);
  if (t === null) return null;
  const [request, statusTok, flagsTok] = [t[0], t[1], t[2]];
  if (!quoted(request) || !bare(statusTok) || !bare(flagsTok) || !isFlags(flagsTok.text)) {
    return null;
  }
  if (statusTok.text !== '-' && (!isDigits(statusTok.text) || statusTok.text.length > 3)) {
    return null;
  }
  const tcp = request.text === '- - -';
  const sp1 = request.text.indexOf(' ');
  const sp2 = request.text.lastIndexOf(' ');
  if (sp1 <= 0 || sp2 <= sp1) return null;

  const head = readHead(t);
  if (head === null) return null;
  let k = head.next;
  const received = t[k];
  const sent = t[k + 1];
  const duration = t[k + 2];
  const upstreamTime = t[k + 3];
  if (!bare(received) || !bare(sent) || !bare(duration) || !bare(upstreamTime)) return null;
  if (!isDigits(received.text) || !isDigits(sent.text) || !isDigits(duration.text)) return null;
  if (upstreamTime.text !== '-' && !isDigits(upstreamTime.text)) return null;
  k += 4;
  const quotedFields: string[] = [];
  for (let q = 0; q < 5; q++) {
    const tok = t[k + q];
    if (!quoted(tok)) return null;
    quotedFields.push(tok.text);
  }
  const [forwardedFor, userAgent, requestId, authority, upstreamHost] = quotedFields;
  k += 5;

  const attrs: Attrs = {};
  if (!tcp) {
    attrs.method = request.text.slice(0, sp1);
    attrs.path = request.text.slice(sp1 + 1, sp2);
    attrs.protocol = request.text.slice(sp2 + 1);
  }
  const status = tcp || statusTok.text === '-' ? undefined : Number(statusTok.text);
  if (status !== undefined) attrs.status = status;
  const flags = flagsTok.text === '-' ? undefined : flagsTok.text;
  if (flags !== undefined) attrs.responseFlags = flags;
  for (const [key, value] of head.fields) setText(attrs, key, value);
  // Digits checked above.
  attrs.bytesReceived = Number(received.text);
  attrs.bytes = Number(sent.text);
  attrs.latencyMs = Number(duration.text);
  if (upstreamTime.text !== '-') attrs.upstreamLatencyMs = Number(upstreamTime.text);
  setText(attrs, 'userAgent', userAgent);
  setText(attrs, 'requestId', requestId);
  setText(attrs, 'authority', authority);
  setText(attrs, 'upstreamHost', upstreamHost);

  // The Istio tail: six bare fields. Anything else after the Envoy fields is kept whole.
  const last = t[k - 1]!;
  const tail = t.slice(k, k + ISTIO_TAIL.length);
  let restFrom = last.end;
  if (head.istio && tail.length === ISTIO_TAIL.length && tail.every((x) => !x.quoted)) {
    ISTIO_TAIL.forEach((key, i) => setText(attrs, key, tail[i]!.text));
    restFrom = tail[tail.length - 1]!.end;
  }
  const rest = line.slice(restFrom).trim();
  if (rest.length > 0) attrs.extra = rest;

  // The client is the first X-Forwarded-For hop when a proxy in front set it, else the peer.
  if (forwardedFor !== undefined && forwardedFor !== '-' && forwardedFor.length > 0) {
    const comma = forwardedFor.indexOf(',');
    attrs.clientIp = (comma < 0 ? forwardedFor : forwardedFor.slice(0, comma)).trim();
    if (comma >= 0) attrs.forwardedFor = forwardedFor;
  } else if (typeof attrs.downstreamRemoteAddress === 'string') {
    attrs.clientIp = withoutPort(attrs.downstreamRemoteAddress);
  }

  const suffix = flags === undefined ? '' : ` ${flags}`;
  // Where the connection went; a connection no listener chain took has only the address it hit.
  const target = attrs.upstreamCluster ?? attrs.upstreamHost ?? attrs.downstreamLocalAddress ?? '-';
  return {
    ts: time.ms,
    tsText: line.slice(1, close),
    zoned: time.zoned,
    level: levelOf(status, flags),
    message: tcp
      ? `TCP ${String(target)}${suffix}`
      : `"${request.text}" ${statusTok.text}${suffix}`,
    attrs,
  };
}

export const envoy: LogFormat = {
  id: 'envoy',
  aliases: ['istio', 'envoy-access'],
  description: 'Envoy / Istio sidecar text access log (default formats, TCP proxy entries)',
  multiline: false,
  detect: (sample, ctx) => detectByParse(envoy, sample, ctx),
  parse,
};
