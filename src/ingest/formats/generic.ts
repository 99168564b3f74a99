/** The fallback: any line that opens with a timestamp, with level, thread, logger and pid if present. */
import {
  scanClf,
  scanEpoch,
  scanIso,
  scanRfc2822,
  scanShortYear,
  scanSyslogTime,
  type ScannedTime,
} from '../../core/time.js';
import { detectByParse, type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';
import { parseGlog } from './generic-glog.js';
import { readHeader } from './generic-header.js';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlnum = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

function scanStart(s: string, i: number, ctx: ParseContext): ScannedTime | undefined {
  const c = s.charCodeAt(i);
  if (isDigit(c)) {
    return (
      scanIso(s, i, ctx.zone) ??
      scanClf(s, i, ctx.zone) ??
      scanRfc2822(s, i, ctx.zone) ??
      scanShortYear(s, i, ctx.zone) ??
      scanEpoch(s, i)
    );
  }
  if (c >= 65 && c <= 90) {
    return scanSyslogTime(s, i, ctx.zone, (m) => ctx.year(m)) ?? scanRfc2822(s, i, ctx.zone);
  }
  return undefined;
}

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  let i = 0;
  let c = line.charCodeAt(0);
  if (c >= 68 && c <= 87 && isDigit(line.charCodeAt(1))) return parseGlog(line, ctx);
  let closer = 0;
  if (c === 91 || c === 60) {
    closer = c === 91 ? 93 : 62;
    i = 1;
  }
  while (i < 64 && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  c = line.charCodeAt(i);
  if (!isDigit(c) && !(c >= 65 && c <= 90)) return null;
  const t = scanStart(line, i, ctx);
  if (t === undefined || isAlnum(line.charCodeAt(t.end))) return null;
  const tsText = line.slice(i, t.end);
  let j = t.end;
  if (closer !== 0) {
    while (line.charCodeAt(j) === 32) j++;
    if (line.charCodeAt(j) === closer) j++;
    else j = t.end;
  }
  const h = readHeader(line, j);
  let message = line.slice(h.msg).trimEnd();
  if (message.length === 0) message = line.slice(j).trim();
  const entry: ParsedEntry = { ts: t.ms, tsText, zoned: t.zoned, message };
  if (h.level !== undefined) entry.level = h.level;
  for (const _ in h.attrs) {
    entry.attrs = h.attrs;
    break;
  }
  return entry;
}

export const generic: LogFormat = {
  id: 'generic',
  aliases: ['text', 'timestamped'],
  description:
    'Any line that opens with a timestamp (ISO, RFC 2822, syslog, epoch, glog, yy/MM/dd); stack traces attach',
  multiline: true,
  detect: (sample, ctx) => detectByParse(generic, sample, ctx, 0.5),
  parse,
};
