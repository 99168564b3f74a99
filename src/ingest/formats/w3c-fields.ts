/** The `#Fields:` columns of W3C logs, and a row read into attributes by them. */
import type { Attrs } from '../../core/event.js';
import { levelFromHttpStatus } from '../../core/level.js';
import { digits } from '../../core/time.js';
import { UTC } from '../../core/zone.js';
import type { ParseContext, ParsedEntry } from '../format.js';
import { int, readTime, split, timeTaken, userAgent } from './w3c-values.js';

// Per-file state set by the directives: the columns, the day of the last `#Date:` (for logs
// that write `time` without `date`), and whether times are local (`#Time Format: Local`).
export const FIELDS = 'w3c.fields';
export const DAY = 'w3c.day';
export const LOCAL = 'w3c.local';

// Columns read into well-known attributes; the others become `w3c.<field>`.
const enum Col {
  Other,
  Date,
  Time,
  ClientIp,
  ClientPort,
  ServerIp,
  ServerPort,
  Method,
  Stem,
  Query,
  Status,
  TimeTaken,
  UserAgent,
  Referrer,
  User,
  Bytes,
  Protocol,
  VHost,
  HostHeader,
  Host,
  RequestId,
}

const COLUMNS: Record<string, Col> = {
  date: Col.Date,
  time: Col.Time,
  'c-ip': Col.ClientIp,
  'c-port': Col.ClientPort,
  's-ip': Col.ServerIp,
  's-port': Col.ServerPort,
  'cs-method': Col.Method,
  'cs-uri-stem': Col.Stem,
  'cs-uri-query': Col.Query,
  'sc-status': Col.Status,
  'time-taken': Col.TimeTaken,
  'cs(User-Agent)': Col.UserAgent,
  'cs(Referer)': Col.Referrer,
  'cs-username': Col.User,
  'sc-bytes': Col.Bytes,
  'cs-version': Col.Protocol,
  'cs-protocol-version': Col.Protocol,
  'cs-host': Col.VHost,
  'cs(Host)': Col.VHost,
  'x-host-header': Col.HostHeader,
  's-computername': Col.Host,
  'x-edge-request-id': Col.RequestId,
};

export interface Fields {
  cols: Col[];
  /** Attribute key of each `Other` column, made once per `#Fields:` line. */
  keys: string[];
  hasTime: boolean;
}

/** The columns a `#Fields:` line names, resolved once for the rows after it. */
export function compile(names: readonly string[]): Fields {
  const cols = names.map((n) => COLUMNS[n] ?? Col.Other);
  return {
    cols,
    keys: names.map((n, i) => (cols[i] === Col.Other ? `w3c.${n}` : '')),
    hasTime: cols.includes(Col.Time),
  };
}

// IIS's default selection: lines grepped or tailed out of a log lose their header.
export const IIS_DEFAULT = compile(
  'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken'.split(
    ' ',
  ),
);

/** A row read by its columns; null when the values do not fit them or the time is not valid. */
export function readEntry(line: string, f: Fields, ctx: ParseContext): ParsedEntry | null {
  const tabbed = line.includes('\t');
  const values = split(line, tabbed, f.cols.length);
  if (values === undefined || values.length !== f.cols.length) return null;
  const attrs: Attrs = {};
  let day = ctx.state[DAY] as string | undefined;
  let time = '';
  let stem: string | undefined;
  let query: string | undefined;
  let status: number | undefined;
  const rest: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const col = f.cols[i]!;
    if (col === Col.Date) day = v;
    else if (col === Col.Time) time = v;
    else if (col === Col.Other) rest.push(v);
    if (v === '-' || v.length === 0) continue;
    switch (col) {
      case Col.Date:
      case Col.Time:
        break;
      case Col.ClientIp:
        attrs.clientIp = v;
        break;
      case Col.ClientPort:
        attrs.clientPort = int(v) ?? v;
        break;
      case Col.ServerIp:
        attrs.serverIp = v;
        break;
      case Col.ServerPort:
        attrs.serverPort = int(v) ?? v;
        break;
      case Col.Method:
        attrs.method = v;
        break;
      case Col.Stem:
        stem = v;
        break;
      case Col.Query:
        query = v;
        break;
      case Col.Status: {
        status = int(v);
        if (status !== undefined) attrs.status = status;
        break;
      }
      case Col.TimeTaken: {
        const ms = timeTaken(v);
        if (ms !== undefined) attrs.latencyMs = ms;
        break;
      }
      case Col.UserAgent:
        attrs.userAgent = userAgent(v, tabbed);
        break;
      case Col.Referrer:
        attrs.referrer = v;
        break;
      case Col.User:
        attrs.user = v;
        break;
      case Col.Bytes: {
        const n = int(v);
        if (n !== undefined) attrs.bytes = n;
        break;
      }
      case Col.Protocol:
        attrs.protocol = v;
        break;
      case Col.VHost:
        // The name the client asked for (x-host-header, CloudFront) wins over the distribution's.
        attrs.vhost ??= v;
        break;
      case Col.HostHeader:
        attrs.vhost = v;
        break;
      case Col.Host:
        attrs.host = v;
        break;
      case Col.RequestId:
        attrs.requestId = v;
        break;
      default:
        attrs[f.keys[i]!] = v;
    }
  }
  const local = ctx.state[LOCAL] === true;
  const ts = day === undefined ? undefined : readTime(day, time, local ? ctx.zone : UTC);
  if (ts === undefined) return null;
  if (stem !== undefined) attrs.path = query === undefined ? stem : `${stem}?${query}`;
  let message: string;
  if (attrs.method !== undefined || attrs.path !== undefined) {
    const request = [attrs.method, attrs.path, attrs.protocol].filter((s) => s !== undefined);
    message = `"${request.join(' ')}"` + (status === undefined ? '' : ` ${status}`);
  } else {
    // Not an HTTP log (Windows Firewall, SMTP): the row as written, without its time, is the message.
    message = rest.join(' ');
  }
  return {
    ts,
    tsText: `${day} ${time}`,
    zoned: !local,
    level: status === undefined ? 'info' : levelFromHttpStatus(status),
    message,
    attrs,
  };
}

/** Without a `#Fields:` line only IIS's default columns are tried, and only on their shape. */
export function looksLikeIisDefault(line: string): boolean {
  const v = split(line, false, 15);
  if (v === undefined || v.length !== 15) return false;
  const method = v[3]!;
  for (let i = 0; i < method.length; i++) {
    const c = method.charCodeAt(i);
    if (c < 65 || c > 90) return false;
  }
  return method.length > 0 && v[11]!.length === 3 && digits(v[11]!, 0, 3) >= 0;
}
