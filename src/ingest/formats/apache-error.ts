/** Apache httpd error log: 2.4's `[time] [module:level] [pid P:tid T] [client ip:port] AHnnnnn: …` and 2.2's. */
import type { Attrs } from '../../core/event.js';
import { parseLevel, type Level } from '../../core/level.js';
import { scanRfc2822 } from '../../core/time.js';
import { detectByParse, type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

// httpd's levels, trace1…trace8 included.
function level(name: string): Level | undefined {
  if (name.startsWith('trace') && name.length === 6 && isDigit(name.charCodeAt(5))) return 'trace';
  return parseLevel(name);
}

// `[pid 1234:tid 140211]` or `[pid 1234]` at i: index after `] `, or -1.
function readPid(s: string, i: number, attrs: Attrs): number {
  if (!s.startsWith('[pid ', i)) return -1;
  let j = i + 5;
  let pid = 0;
  const start = j;
  while (j - start < 10 && isDigit(s.charCodeAt(j))) pid = pid * 10 + (s.charCodeAt(j++) - 48);
  if (j === start) return -1;
  attrs.pid = pid;
  if (s.startsWith(':tid ', j)) {
    j += 5;
    const tidStart = j;
    let tid = 0;
    while (j - tidStart < 20 && isDigit(s.charCodeAt(j))) tid = tid * 10 + (s.charCodeAt(j++) - 48);
    if (j === tidStart) return -1;
    attrs.tid = tid;
  }
  return s.charCodeAt(j) === 93 ? j + 1 : -1;
}

// `[client 203.0.113.9:51234]` (2.4), `[client 203.0.113.9]` (2.2), `[client [2001:db8::1]:5]`, or
// `[remote …]` (the TCP peer, when a proxy stands in front) at i: index after `]`, or -1.
function readClient(s: string, i: number, attrs: Attrs): number {
  const remote = s.startsWith('[remote ', i);
  if (!remote && !s.startsWith('[client ', i)) return -1;
  let j = i + 8;
  let ipEnd: number;
  if (s.charCodeAt(j) === 91) {
    ipEnd = s.indexOf(']', j + 1);
    if (ipEnd < 0 || ipEnd - j > 48) return -1;
    attrs[remote ? 'remoteIp' : 'clientIp'] = s.slice(j + 1, ipEnd);
    j = ipEnd + 1;
  } else {
    ipEnd = j;
    while (ipEnd - j < 48 && s.charCodeAt(ipEnd) !== 93 && s.charCodeAt(ipEnd) !== 32) ipEnd++;
    // The port follows the only colon; an address with several is a bare IPv6 one.
    const colon = s.indexOf(':', j);
    const next = colon >= 0 ? s.indexOf(':', colon + 1) : -1;
    const port = colon >= 0 && colon < ipEnd && (next < 0 || next >= ipEnd) ? colon : -1;
    attrs[remote ? 'remoteIp' : 'clientIp'] = s.slice(j, port >= 0 ? port : ipEnd);
    j = port >= 0 ? port : ipEnd;
  }
  if (s.charCodeAt(j) === 58) {
    const start = ++j;
    let port = 0;
    while (j - start < 5 && isDigit(s.charCodeAt(j))) port = port * 10 + (s.charCodeAt(j++) - 48);
    if (j > start && !remote) attrs.clientPort = port;
  }
  return s.charCodeAt(j) === 93 ? j + 1 : -1;
}

// `mod_authz_core.c(815): ` that debug and trace levels write before the client.
const LOCATION = /^[\w.-]{1,64}\.c\(\d{1,6}\): /;

const CODE = /(?:^|: )(AH\d{5}): /;
const OS_ERROR = /^\((\d{1,6})\)[^:]{1,80}: /;

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  if (line.charCodeAt(0) !== 91) return null;
  const t = scanRfc2822(line, 1, ctx.zone);
  if (
    t === undefined ||
    t.zoned ||
    line.charCodeAt(t.end) !== 93 ||
    line.charCodeAt(t.end + 1) !== 32
  ) {
    return null;
  }
  let j = t.end + 2;
  if (line.charCodeAt(j) !== 91) return null;
  const close = line.indexOf('] ', j + 1);
  if (close < 0 || close - j > 40) return null;
  const attrs: Attrs = {};
  const colon = line.lastIndexOf(':', close);
  let lvl: Level | undefined;
  if (colon > j) {
    attrs.module = line.slice(j + 1, colon);
    lvl = level(line.slice(colon + 1, close));
  } else lvl = level(line.slice(j + 1, close));
  if (lvl === undefined) return null;
  j = close + 2;
  const afterPid = readPid(line, j, attrs);
  if (afterPid >= 0) j = line.charCodeAt(afterPid) === 32 ? afterPid + 1 : afterPid;
  else if (attrs.module !== undefined) return null; // 2.4 always writes the pid
  if (line.charCodeAt(j) !== 91) {
    const loc = LOCATION.exec(line.slice(j, j + 80));
    if (loc !== null) {
      attrs.sourceFile = loc[0].slice(0, -2);
      j += loc[0].length;
    }
  }
  const afterClient = readClient(line, j, attrs);
  if (afterClient >= 0) j = line.charCodeAt(afterClient) === 32 ? afterClient + 1 : afterClient;
  let end = line.length;
  const ref = line.lastIndexOf(', referer: ');
  if (ref >= j) {
    attrs.referrer = line.slice(ref + 11);
    end = ref;
  }
  const message = line.slice(j, end);
  const os = OS_ERROR.exec(message);
  if (os !== null) attrs.errno = Number(os[1]);
  const code = CODE.exec(message.length > 300 ? message.slice(0, 300) : message);
  if (code !== null) attrs.code = code[1];
  return { ts: t.ms, tsText: line.slice(1, t.end), zoned: false, level: lvl, message, attrs };
}

export const apacheError: LogFormat = {
  id: 'apache-error',
  aliases: ['httpd-error', 'apache2-error'],
  description: 'Apache httpd error log (2.4 and 2.2 layouts), module, pid/tid, client, AH codes',
  // Child processes (CGI, mod_wsgi daemons) write their stderr straight into the log.
  multiline: true,
  detect: (sample, ctx) => detectByParse(apacheError, sample, ctx),
  parse,
};
