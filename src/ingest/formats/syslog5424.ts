/**
 * RFC 5424 syslog: `<PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD…] MSG`, structured data flattened
 * to `sd.<id>.<param>`; also the relay variant without `<PRI>1 ` (timestamp first), which is read
 * only when PROCID is a number or `-`, so that ordinary ISO-stamped lines are not taken for it.
 */
import type { Attrs } from '../../core/event.js';
import { levelFromSyslogSeverity, parseLevel, type Level } from '../../core/level.js';
import { scanIso, type ScannedTime } from '../../core/time.js';
import { detectByParse, type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';
import { programLine } from './program-lines.js';
import { facilityName, guessLevel, readPri } from './syslog-common.js';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

// End of the space-free header field at i (RFC 5424 PRINTUSASCII), or -1 when empty or too long.
function field(s: string, i: number, max: number): number {
  let j = i;
  while (j < s.length && j - i <= max) {
    const c = s.charCodeAt(j);
    if (c === 32) break;
    if (c < 33 || c > 126) return -1;
    j++;
  }
  return j === i || j - i > max || s.charCodeAt(j) !== 32 ? -1 : j;
}

/**
 * Reads `[id k="v" …]…` at i into attrs as `sd.<id>.<k>`; returns the index after the last `]`,
 * or -1 when malformed. `\"`, `\\` and `\]` are unescaped; other backslashes are kept (RFC 5424
 * 6.3.3).
 */
function readSd(s: string, i: number, attrs: Attrs): number {
  let j = i;
  while (s.charCodeAt(j) === 91) {
    j++;
    const idStart = j;
    while (j < s.length) {
      const c = s.charCodeAt(j);
      if (c === 32 || c === 93 || c === 61 || c === 34) break;
      j++;
    }
    if (j === idStart) return -1;
    const prefix = `sd.${s.slice(idStart, j)}.`;
    while (s.charCodeAt(j) === 32) {
      j++;
      const nameStart = j;
      while (j < s.length) {
        const c = s.charCodeAt(j);
        if (c === 61 || c === 32 || c === 93 || c === 34) break;
        j++;
      }
      if (j === nameStart || s.charCodeAt(j) !== 61 || s.charCodeAt(j + 1) !== 34) return -1;
      const name = s.slice(nameStart, j);
      j += 2;
      let value = '';
      let from = j;
      for (;;) {
        if (j >= s.length) return -1;
        const c = s.charCodeAt(j);
        if (c === 34) break;
        if (c === 92) {
          const n = s.charCodeAt(j + 1);
          if (n === 34 || n === 92 || n === 93) {
            value += s.slice(from, j);
            from = j + 1;
            j += 2;
            continue;
          }
        }
        j++;
      }
      value += s.slice(from, j);
      attrs[prefix + name] = value;
      j++;
    }
    if (s.charCodeAt(j) !== 93) return -1;
    j++;
  }
  return j;
}

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  let i = 0;
  let pri = -1;
  if (line.charCodeAt(0) === 60) {
    const p = readPri(line, 0);
    // VERSION is 1 in every RFC 5424 sender; a BSD line after `<PRI>` is syslog's.
    if (p === undefined || line.charCodeAt(p[1]) !== 49 || line.charCodeAt(p[1] + 1) !== 32)
      return null;
    pri = p[0];
    i = p[1] + 2;
  } else if (!isDigit(line.charCodeAt(0))) return null;
  let t: ScannedTime | undefined;
  let tsEnd: number;
  if (pri >= 0 && line.charCodeAt(i) === 45 && line.charCodeAt(i + 1) === 32) {
    tsEnd = i + 1; // NILVALUE: the entry takes its neighbour's time
  } else {
    if (line.charCodeAt(i + 10) !== 84) return null;
    t = scanIso(line, i, ctx.zone);
    if (t === undefined || !t.zoned || line.charCodeAt(t.end) !== 32) return null;
    tsEnd = t.end;
  }
  const hostEnd = field(line, tsEnd + 1, 255);
  const appEnd = hostEnd < 0 ? -1 : field(line, hostEnd + 1, 48);
  const procEnd = appEnd < 0 ? -1 : field(line, appEnd + 1, 128);
  const msgidEnd = procEnd < 0 ? -1 : field(line, procEnd + 1, 32);
  if (msgidEnd < 0) return null;
  const procid = line.slice(appEnd + 1, procEnd);
  const numericPid = /^\d{1,10}$/.test(procid);
  if (pri < 0 && !numericPid && procid !== '-') return null;
  const attrs: Attrs = {};
  const host = line.slice(tsEnd + 1, hostEnd);
  if (host !== '-') attrs.host = host;
  const app = line.slice(hostEnd + 1, appEnd);
  if (app !== '-') attrs.program = app;
  if (numericPid) attrs.pid = Number(procid);
  else if (procid !== '-') attrs.procid = procid;
  const msgid = line.slice(procEnd + 1, msgidEnd);
  if (msgid !== '-') attrs.msgid = msgid;
  if (pri >= 0) attrs.facility = facilityName(pri >> 3);
  let j = msgidEnd + 1;
  const sd = line.charCodeAt(j);
  if (sd === 45) j++;
  else if (sd === 91) j = readSd(line, j, attrs);
  else return null;
  if (j < 0 || (j < line.length && line.charCodeAt(j) !== 32)) return null;
  let start = j + 1;
  if (line.charCodeAt(start) === 0xfeff) start++;
  let message = start < line.length ? line.slice(start) : '';
  let level: Level | undefined;
  if (pri >= 0) level = levelFromSyslogSeverity(pri & 7);
  else level = sdLevel(attrs);
  const p = programLine(app, message, attrs, level);
  if (p !== undefined) ({ message, level } = p);
  return {
    ts: t === undefined ? NaN : t.ms,
    tsText: line.slice(i, tsEnd),
    zoned: t !== undefined,
    level: level ?? guessLevel(message) ?? 'info',
    message,
    attrs,
  };
}

// Relays that drop PRI put the sender's level into structured data (`[x@1 level="INFO"]`).
function sdLevel(attrs: Attrs): Level | undefined {
  for (const key in attrs) {
    if (key.startsWith('sd.') && key.endsWith('.level')) {
      const v = attrs[key];
      if (typeof v === 'string') return parseLevel(v);
    }
  }
  return undefined;
}

export const syslog5424: LogFormat = {
  id: 'syslog5424',
  aliases: ['rfc5424', 'syslog-rfc5424'],
  description: 'RFC 5424 syslog with structured data, with or without <PRI>VERSION',
  multiline: false,
  detect: (sample, ctx) => detectByParse(syslog5424, sample, ctx),
  parse,
};
