/** nginx / Apache access logs: common, combined, and combined with timing and request-id extras. */
import type { Attrs } from '../../core/event.js';
import { levelFromHttpStatus } from '../../core/level.js';
import { digits, scanClf, scanIso } from '../../core/time.js';
import { detectByParse, type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';

// One alternation per quoted field, no nested quantifiers: linear on hostile lines.
const LINE =
  /^(\S+) (\S+) (\S+) \[([^\]]{10,40})\] "((?:[^"\\]|\\.)*)" (\d{3}|-) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?(.*)$/;

// Extra `key=value` fields that common log_format additions use, and the attribute each fills.
type Role =
  | 'latencyMs'
  | 'upstreamLatencyMs'
  | 'upstreamConnectMs'
  | 'upstreamHeaderMs'
  | 'requestId'
  | 'upstreamStatus';
const ROLES = new Map<string, Role>([
  ['rt', 'latencyMs'],
  ['request_time', 'latencyMs'],
  ['urt', 'upstreamLatencyMs'],
  ['upstream_response_time', 'upstreamLatencyMs'],
  ['uct', 'upstreamConnectMs'],
  ['upstream_connect_time', 'upstreamConnectMs'],
  ['uht', 'upstreamHeaderMs'],
  ['upstream_header_time', 'upstreamHeaderMs'],
  ['rid', 'requestId'],
  ['request_id', 'requestId'],
  ['req_id', 'requestId'],
  ['requestid', 'requestId'],
  ['x_request_id', 'requestId'],
  ['trace_id', 'requestId'],
  ['ups', 'upstreamStatus'],
  ['upstream_status', 'upstreamStatus'],
]);
const HEX_ID = /^[0-9a-f]{16,64}$/i;

/**
 * Seconds as nginx writes them (`0.042`; upstream lists `0.002, 0.040` or `0.002 : 0.040`, the
 * last one served) to ms. Read digit by digit: this runs several times per line.
 */
function seconds(value: string): number | undefined {
  let i = Math.max(value.lastIndexOf(','), value.lastIndexOf(':')) + 1;
  while (value.charCodeAt(i) === 32) i++;
  let whole = 0;
  let digitsSeen = 0;
  let c = value.charCodeAt(i);
  while (c >= 48 && c <= 57) {
    whole = whole * 10 + (c - 48);
    digitsSeen++;
    c = value.charCodeAt(++i);
  }
  let ms = whole * 1000;
  if (c === 46) {
    let scale = 100;
    c = value.charCodeAt(++i);
    while (c >= 48 && c <= 57) {
      ms += (c - 48) * scale;
      scale /= 10;
      digitsSeen++;
      c = value.charCodeAt(++i);
    }
  }
  if (digitsSeen === 0 || i !== value.length) return undefined;
  return Math.round(ms * 1000) / 1000;
}

function setExtra(attrs: Attrs, key: string, value: string): void {
  if (value === '-' || value.length === 0) return;
  const role = ROLES.get(key) ?? ROLES.get(key.toLowerCase());
  if (role === undefined) attrs[`extra.${key}`] = value;
  else if (role === 'requestId') attrs.requestId = value;
  else if (role === 'upstreamStatus') {
    const n = Number(value.slice(value.lastIndexOf(' ') + 1));
    attrs.upstreamStatus = Number.isInteger(n) ? n : value;
  } else {
    const ms = seconds(value);
    if (ms !== undefined) attrs[role] = ms;
  }
}

/**
 * ingress-nginx's default `log-format-upstream` after the user agent: `$request_length
 * $request_time [$proxy_upstream_name] [$proxy_alternative_upstream_name] $upstream_addr
 * $upstream_response_length $upstream_response_time $upstream_status $req_id`. The upstream
 * fields list every upstream tried (`10.0.0.1:80, 10.0.0.2:80`); the last one answered.
 */
const INGRESS =
  /^ *(\d+) (\d+\.\d+) \[([^\]]*)\] \[([^\]]*)\] ([^\s,]+(?:, [^\s,]+)*) ([^\s,]+(?:, [^\s,]+)*) ([^\s,]+(?:, [^\s,]+)*) ([^\s,]+(?:, [^\s,]+)*)(?: ([0-9a-f]{16,64}))?/;

function readIngress(text: string, attrs: Attrs): boolean {
  const m = INGRESS.exec(text);
  if (m === null) return false;
  attrs.requestLength = Number(m[1]);
  attrs.latencyMs = seconds(m[2]!)!;
  if (m[3]!.length > 0) attrs.upstreamName = m[3]!;
  if (m[4]!.length > 0) attrs.upstreamAlternative = m[4]!;
  if (m[5] !== '-') attrs.upstreamAddr = m[5]!;
  const upstreamMs = seconds(m[7]!);
  if (upstreamMs !== undefined) attrs.upstreamLatencyMs = upstreamMs;
  const status = Number(m[8]!.slice(m[8]!.lastIndexOf(' ') + 1));
  if (Number.isInteger(status) && status > 0) attrs.upstreamStatus = status;
  if (m[9] !== undefined) attrs.requestId = m[9];
  return true;
}

/** `0.042`, or an upstream list (`0.002, 0.040`, `0.002 : 0.040`): what nginx writes for times. */
const SECONDS_LIST = /^\d+\.\d+(?:(?:, | : )\d+\.\d+)*$/;

/** Traefik's duration, the last field of its access log (`2ms`): a number with its unit. */
const MILLIS = /^\d+(?:\.\d+)?ms$/;

/** The text after the referrer and user agent: `key=value`, `key="value"`, or bare positional values. */
function readExtras(text: string, attrs: Attrs): void {
  if (readIngress(text, attrs)) return;
  let positional = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && text.charCodeAt(i) === 32) i++;
    if (i >= n) break;
    // A key is letters, digits, _ . - up to '='.
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 61 || c === 32 || c === 34) break;
      j++;
    }
    let key: string | undefined;
    if (j < n && text.charCodeAt(j) === 61 && j > i) {
      key = text.slice(i, j);
      j++;
    } else j = i;
    let value: string;
    if (text.charCodeAt(j) === 34) {
      const close = text.indexOf('"', j + 1);
      const end = close < 0 ? n : close;
      value = text.slice(j + 1, end);
      i = end + 1;
    } else {
      const sp = text.indexOf(' ', j);
      const end = sp < 0 ? n : sp;
      value = text.slice(j, end);
      i = end;
    }
    if (key !== undefined) setExtra(attrs, key, value);
    else if (MILLIS.test(value)) {
      if (attrs.latencyMs === undefined) attrs.latencyMs = Number(value.slice(0, -2));
    } else if (value !== '-' && value.length > 0) {
      // Positional extras: `$request_time $upstream_response_time`, then maybe `$request_id`.
      // nginx writes both with a fraction (`0.042`): a bare whole number is something else (a
      // request count, a length) and must not be read as seconds.
      const ms = positional < 2 && SECONDS_LIST.test(value) ? seconds(value) : undefined;
      if (ms !== undefined) {
        attrs[positional === 0 ? 'latencyMs' : 'upstreamLatencyMs'] = ms;
        positional++;
      } else if (HEX_ID.test(value)) attrs.requestId = value;
    }
  }
}

/** Lazy mode: time and status found by scanning, without the regex and attributes. */
function lazyParse(line: string, ctx: ParseContext): ParsedEntry | null {
  const open = line.indexOf(' [');
  if (open < 5) return null;
  // `host ident user [`: exactly three fields before the time.
  let spaces = 0;
  for (let i = 0; i < open; i++) {
    if (line.charCodeAt(i) === 32) {
      if (++spaces > 2 || line.charCodeAt(i + 1) === 32) return null;
    }
  }
  if (spaces !== 2) return null;
  const close = line.indexOf(']', open + 2);
  if (close < 0 || close - open - 2 < 10 || close - open - 2 > 40) return null;
  if (line.charCodeAt(close + 1) !== 32 || line.charCodeAt(close + 2) !== 34) return null;
  const stamp = line.slice(open + 2, close);
  const t = scanClf(stamp, 0, ctx.zone) ?? scanIso(stamp, 0, ctx.zone);
  if (t === undefined) return null;
  // The request, up to its unescaped closing quote: the first quote after an even run of
  // backslashes (found with indexOf, which is much faster than reading char by char).
  const from = close + 3;
  let i = line.indexOf('"', from);
  for (;;) {
    if (i < 0) return null;
    let b = i - 1;
    while (b >= from && line.charCodeAt(b) === 92) b--;
    if ((i - 1 - b) % 2 === 0) break;
    i = line.indexOf('"', i + 1);
  }
  if (line.charCodeAt(i + 1) !== 32) return null;
  const status = digits(line, i + 2, 3);
  const dash = status < 0 && line.charCodeAt(i + 2) === 45;
  if ((status < 0 && !dash) || line.charCodeAt(i + (dash ? 3 : 5)) !== 32) return null;
  return {
    ts: t.ms,
    tsText: stamp,
    zoned: t.zoned,
    level: status < 0 ? 'info' : levelFromHttpStatus(status),
    message: '',
  };
}

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  if (ctx.lazy) return lazyParse(line, ctx);
  const m = LINE.exec(line);
  if (m === null) return null;
  const stamp = m[4]!;
  const t = scanClf(stamp, 0, ctx.zone) ?? scanIso(stamp, 0, ctx.zone);
  if (t === undefined) return null;
  const request = m[5]!;
  const attrs: Attrs = { clientIp: m[1]! };
  if (m[3] !== '-') attrs.user = m[3]!;
  const sp1 = request.indexOf(' ');
  if (sp1 > 0) {
    attrs.method = request.slice(0, sp1);
    const sp2 = request.lastIndexOf(' ');
    if (sp2 > sp1) {
      attrs.path = request.slice(sp1 + 1, sp2);
      attrs.protocol = request.slice(sp2 + 1);
    } else attrs.path = request.slice(sp1 + 1);
  }
  const status = m[6] === '-' ? undefined : Number(m[6]);
  if (status !== undefined) attrs.status = status;
  if (m[7] !== '-') attrs.bytes = Number(m[7]);
  if (m[8] !== undefined && m[8] !== '-') attrs.referrer = m[8];
  if (m[9] !== undefined && m[9] !== '-') attrs.userAgent = m[9];
  const rest = m[10];
  if (rest !== undefined && rest.length > 0) readExtras(rest, attrs);
  return {
    ts: t.ms,
    tsText: stamp,
    zoned: t.zoned,
    level: status === undefined ? 'info' : levelFromHttpStatus(status),
    message: status === undefined ? `"${request}"` : `"${request}" ${status}`,
    attrs,
  };
}

export const access: LogFormat = {
  id: 'access',
  aliases: ['nginx-access', 'apache-access', 'combined', 'common', 'clf'],
  description:
    'nginx/Apache access log: common, combined, with $request_time, $request_id, $time_iso8601',
  multiline: false,
  lazy: true,
  detect: (sample, ctx) => detectByParse(access, sample, ctx),
  parse,
};
