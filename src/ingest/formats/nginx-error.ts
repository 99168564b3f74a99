/** nginx error log: `2026/11/22 19:40:42 [error] pid#tid: *cid message, client: …, request: "…"`. */
import type { Attrs } from '../../core/event.js';
import { parseLevel } from '../../core/level.js';
import { scanIso } from '../../core/time.js';
import { detectByParse, type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

// Context nginx appends to a message, always in this order; `host` is the request's Host header,
// named vhost so it does not pass for the machine's host.
const CONTEXT: Record<string, string> = {
  client: 'clientIp',
  server: 'server',
  request: 'request',
  subrequest: 'subrequest',
  upstream: 'upstream',
  host: 'vhost',
  referrer: 'referrer',
  login: 'user',
};

// Reads `digits` then `stop` at i: [value, index after stop], or undefined.
function number(s: string, i: number, stop: number): [number, number] | undefined {
  let j = i;
  let v = 0;
  while (j - i < 12 && isDigit(s.charCodeAt(j))) v = v * 10 + (s.charCodeAt(j++) - 48);
  return j > i && s.charCodeAt(j) === stop ? [v, j + 1] : undefined;
}

const isKeyChar = (c: number): boolean => (c >= 97 && c <= 122) || c === 32 || c === 47 || c === 95;

// Index of the `:` ending a context key at i, or -1. Keys are lower-case words; the stream module
// writes `bytes from/to client:0/0` without a space after the colon.
function keyEnd(s: string, i: number): number {
  if (s.charCodeAt(i) < 97 || s.charCodeAt(i) > 122) return -1;
  let j = i + 1;
  while (j - i < 24 && isKeyChar(s.charCodeAt(j))) j++;
  return s.charCodeAt(j) === 58 ? j : -1;
}

/** Reads the `, key: value` list from i to the end into attrs; false when it is not one. */
function readContext(s: string, i: number, attrs: Attrs): boolean {
  let j = i;
  while (j < s.length) {
    if (s.charCodeAt(j) !== 44 || s.charCodeAt(j + 1) !== 32) return false;
    const colon = keyEnd(s, j + 2);
    if (colon < 0) return false;
    const key = s.slice(j + 2, colon);
    let value: string;
    j = s.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1;
    if (s.charCodeAt(j) === 34) {
      // Quoted values are not escaped: the value ends at a quote that ends the list or the line.
      let close = s.indexOf('", ', j + 1);
      while (close >= 0 && keyEnd(s, close + 3) < 0) close = s.indexOf('", ', close + 1);
      if (close < 0) {
        close = s.length - 1;
        if (close <= j || s.charCodeAt(close) !== 34) return false;
      }
      value = s.slice(j + 1, close);
      j = close + 1;
    } else {
      let next = s.indexOf(', ', j);
      if (next < 0) next = s.length;
      value = s.slice(j, next);
      j = next;
    }
    const name = CONTEXT[key] ?? `nginx.${key.replace(/ /g, '_')}`;
    if (name === 'request') readRequest(value, attrs);
    else attrs[name] = value;
  }
  return true;
}

function readRequest(request: string, attrs: Attrs): void {
  const sp1 = request.indexOf(' ');
  if (sp1 <= 0) return;
  attrs.method = request.slice(0, sp1);
  const sp2 = request.lastIndexOf(' ');
  if (sp2 > sp1) {
    attrs.path = request.slice(sp1 + 1, sp2);
    attrs.protocol = request.slice(sp2 + 1);
  } else attrs.path = request.slice(sp1 + 1);
}

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  if (line.charCodeAt(4) !== 47 || line.charCodeAt(19) !== 32 || line.charCodeAt(20) !== 91)
    return null;
  const t = scanIso(line, 0, ctx.zone);
  if (t === undefined || t.end !== 19) return null;
  const close = line.indexOf('] ', 21);
  if (close < 0 || close > 28) return null;
  const level = parseLevel(line.slice(21, close));
  if (level === undefined) return null;
  const pid = number(line, close + 2, 35);
  const tid = pid && number(line, pid[1], 58);
  if (pid === undefined || tid === undefined || line.charCodeAt(tid[1]) !== 32) return null;
  const attrs: Attrs = { pid: pid[0], tid: tid[0] };
  let start = tid[1] + 1;
  if (line.charCodeAt(start) === 42) {
    const cid = number(line, start + 1, 32);
    if (cid !== undefined) {
      attrs.connection = cid[0];
      start = cid[1];
    }
  }
  let end = line.indexOf(', client: ', start);
  if (end < 0 || !readContext(line, end, attrs)) end = line.length;
  return {
    ts: t.ms,
    tsText: line.slice(0, 19),
    zoned: t.zoned,
    level,
    message: line.slice(start, end),
    attrs,
  };
}

export const nginxError: LogFormat = {
  id: 'nginx-error',
  description:
    'nginx error log, with client/server/request/upstream/host context read into attributes',
  // FastCGI stderr and some modules write messages that span lines.
  multiline: true,
  detect: (sample, ctx) => detectByParse(nginxError, sample, ctx),
  parse,
  // A multi-line message ends with the context nginx appends.
  amend(entry, line) {
    const at = line.indexOf(', client: ');
    if (at < 0) return;
    const attrs: Attrs = {};
    if (readContext(line, at, attrs)) entry.attrs = { ...entry.attrs, ...attrs };
  },
};
