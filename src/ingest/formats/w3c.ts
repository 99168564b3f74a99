/** W3C extended log files (IIS, Azure App Service, CloudFront): `#Fields:` names the columns. */
import type { Attrs } from '../../core/event.js';
import { levelFromHttpStatus } from '../../core/level.js';
import { digits, scanIso } from '../../core/time.js';
import { UTC, type Zone } from '../../core/zone.js';
import { detectByParse, type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';

/*
 * Directives (`#Software:`, `#Version:`, `#Date:`, `#Fields:`, `#Remark:`, `#Start-Date:`,
 * `#End-Date:`) are not dropped and not left unparsed: each block of them becomes one notice-level
 * "log header" entry (the first directive starts it, the others continue it). Its time is the
 * block's `#Date:` — set in place on the pending entry when that line comes, as IIS writes
 * `#Software` and `#Version` first. A block without one (CloudFront writes only `#Version` and
 * `#Fields`) keeps NaN, and the assembler gives it the time of the entry before it, or of the
 * first request when it opens the file. IIS starts a new block whenever it reopens the file
 * (service restart, configuration change), which is worth seeing on a timeline.
 */

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

interface Fields {
  cols: Col[];
  /** Attribute key of each `Other` column, made once per `#Fields:` line. */
  keys: string[];
  hasTime: boolean;
}

const FIELDS = 'w3c.fields';
const HEADER = 'w3c.header';
// `YYYY-MM-DD` of the last `#Date:`, for logs that write `time` without `date`.
const DAY = 'w3c.day';
const LOCAL = 'w3c.local';
const MAX_FIELDS = 128;
const BLANKS = /[ \t]+/;

function compile(names: readonly string[]): Fields {
  const cols = names.map((n) => COLUMNS[n] ?? Col.Other);
  return {
    cols,
    keys: names.map((n, i) => (cols[i] === Col.Other ? `w3c.${n}` : '')),
    hasTime: cols.includes(Col.Time),
  };
}

// IIS's default selection: lines grepped or tailed out of a log lose their header.
const IIS_DEFAULT = compile(
  'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken'.split(
    ' ',
  ),
);

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * The values of a line, or undefined past `max`. CloudFront separates them with tabs (one each,
 * values never empty: `-`); IIS with single spaces, spaces inside values written as `+`. Quoted
 * strings (`"a ""b"""`, as the W3C draft allows) are read whole in space-separated lines.
 */
function split(line: string, tabbed: boolean, max: number): string[] | undefined {
  const out: string[] = [];
  const n = line.length;
  if (tabbed) {
    let from = 0;
    for (;;) {
      if (out.length === max) return undefined;
      const tab = line.indexOf('\t', from);
      out.push(line.slice(from, tab < 0 ? n : tab));
      if (tab < 0) return out;
      from = tab + 1;
    }
  }
  let i = 0;
  for (;;) {
    while (i < n && line.charCodeAt(i) === 32) i++;
    if (i >= n) return out;
    if (out.length === max) return undefined;
    if (line.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) return undefined;
        value += line.slice(j, q);
        if (line.charCodeAt(q + 1) !== 34) {
          j = q + 1;
          break;
        }
        value += '"';
        j = q + 2;
      }
      out.push(value);
      i = j;
    } else {
      const sp = line.indexOf(' ', i);
      const end = sp < 0 ? n : sp;
      out.push(line.slice(i, end));
      i = end;
    }
  }
}

/** IIS writes ms as an integer; CloudFront writes seconds with a fraction (`0.002`). */
function timeTaken(value: string): number | undefined {
  const n = Number(value);
  if (value.length === 0 || !Number.isFinite(n) || n < 0) return undefined;
  return value.includes('.') ? Math.round(n * 1e6) / 1e3 : n;
}

function int(value: string): number | undefined {
  const n = Number(value);
  return value.length > 0 && value.length <= 15 && Number.isInteger(n) ? n : undefined;
}

function userAgent(value: string, tabbed: boolean): string {
  // CloudFront percent-encodes the agent; IIS replaces its spaces with `+`.
  if (!tabbed) return value.replaceAll('+', ' ');
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * `date` + `time` as written: UTC by the W3C draft (IIS, CloudFront and Azure always), so a
 * case-wide zone does not shift them; only `#Time Format: Local` makes the source's zone apply.
 */
function readTime(day: string, time: string, zone: Zone): number | undefined {
  if (day.length !== 10 || digits(day, 0, 4) < 0 || !isDigit(time.charCodeAt(0))) return undefined;
  const text = `${day} ${time}`;
  const t = scanIso(text, 0, zone);
  return t !== undefined && t.end === text.length ? t.ms : undefined;
}

function readEntry(line: string, f: Fields, ctx: ParseContext): ParsedEntry | null {
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
function looksLikeIisDefault(line: string): boolean {
  const v = split(line, false, 15);
  if (v === undefined || v.length !== 15) return false;
  const method = v[3]!;
  for (let i = 0; i < method.length; i++) {
    const c = method.charCodeAt(i);
    if (c < 65 || c > 90) return false;
  }
  return method.length > 0 && v[11]!.length === 3 && digits(v[11]!, 0, 3) >= 0;
}

interface Header {
  entry: ParsedEntry;
  software?: string;
}

const DIRECTIVES = new Set([
  'Time Format',
  'Version',
  'Fields',
  'Software',
  'Date',
  'Start-Date',
  'End-Date',
  'Remark',
]);

function headerMessage(software: string | undefined): string {
  return software === undefined ? 'log header' : `log header: ${software}`;
}

function readDirective(line: string, ctx: ParseContext): ParsedEntry | null {
  const colon = line.indexOf(':');
  const name = colon > 1 && colon < 16 ? line.slice(1, colon) : '';
  if (!DIRECTIVES.has(name)) return null;
  const value = line.slice(colon + 1).trim();
  const attrs: Attrs = {};
  let t: { ms: number; text: string } | undefined;
  let software: string | undefined;
  switch (name) {
    case 'Fields': {
      const names = value.split(BLANKS, MAX_FIELDS + 1).filter((n) => n.length > 0);
      if (names.length === 0 || names.length > MAX_FIELDS) return null;
      ctx.state[FIELDS] = compile(names);
      attrs['w3c.fields'] = names.join(' ');
      break;
    }
    case 'Date':
    case 'Start-Date':
    case 'End-Date': {
      // The value may be followed by a comment (`#Date: 2002-05-02 17:42:15  // …`).
      const s = scanIso(value, 0, ctx.state[LOCAL] === true ? ctx.zone : UTC);
      if (s === undefined) return null;
      t = { ms: s.ms, text: value.slice(0, s.end) };
      if (name !== 'End-Date') ctx.state[DAY] = value.slice(0, 10);
      attrs[`w3c.${name.toLowerCase()}`] = t.text;
      break;
    }
    case 'Software':
      software = value;
      attrs['w3c.software'] = value;
      break;
    case 'Version':
      attrs['w3c.version'] = value.split(' ', 1)[0]!;
      break;
    case 'Time Format':
      // Windows Firewall's pfirewall.log writes local time and says so: the source's zone applies.
      ctx.state[LOCAL] = value.toLowerCase() === 'local';
      attrs['w3c.time-format'] = value;
      break;
    default:
      attrs['w3c.remark'] = value;
  }
  const zoned = ctx.state[LOCAL] !== true;
  const open = ctx.state[HEADER] as Header | undefined;
  if (open !== undefined) {
    const e = open.entry;
    e.zoned = zoned;
    if (t !== undefined && Number.isNaN(e.ts)) {
      e.ts = t.ms;
      e.tsText = t.text;
    }
    if (software !== undefined) open.software ??= software;
    return {
      ts: NaN,
      tsText: '',
      zoned,
      message: headerMessage(open.software),
      attrs,
      continues: true,
      completes: true,
    };
  }
  const entry: ParsedEntry = {
    ts: t?.ms ?? NaN,
    tsText: t?.text ?? '',
    zoned,
    level: 'notice',
    message: headerMessage(software),
    attrs,
  };
  const header: Header = { entry };
  if (software !== undefined) header.software = software;
  ctx.state[HEADER] = header;
  return entry;
}

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  if (line.charCodeAt(0) === 35 /* # */) return readDirective(line, ctx);
  ctx.state[HEADER] = undefined;
  let end = line.length;
  while (end > 0 && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
  const text = end === line.length ? line : line.slice(0, end);
  const f = ctx.state[FIELDS] as Fields | undefined;
  if (f !== undefined) return f.hasTime ? readEntry(text, f, ctx) : null;
  return looksLikeIisDefault(text) ? readEntry(text, IIS_DEFAULT, ctx) : null;
}

export const w3c: LogFormat = {
  id: 'w3c',
  aliases: ['iis', 'cloudfront', 'w3c-extended'],
  description: 'W3C extended log files: IIS, Azure App Service, CloudFront (#Fields: header)',
  multiline: false,
  detect: (sample, ctx) => detectByParse(w3c, sample, ctx),
  parse,
};
