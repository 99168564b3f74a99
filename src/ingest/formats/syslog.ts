/**
 * BSD syslog (RFC 3164) as /var/log/syslog, messages, kern.log and auth.log hold it: optional
 * `<PRI>`, `Mmm dd HH:MM:SS` (year inferred) or rsyslog's RSYSLOG_FileFormat ISO time, host,
 * `prog[pid]:`, message; also `journalctl`'s default short output. Indented lines (macOS) continue
 * the entry before them. ISO lines that look like journalctl's (`+0000` offsets, `-- Boot --`
 * markers) are left to journald-short-iso, which reads them the same way.
 */
import type { Attrs } from '../../core/event.js';
import { levelFromSyslogSeverity, type Level } from '../../core/level.js';
import { scanIso, scanSyslogTime, type ScannedTime } from '../../core/time.js';
import { detectByParse, type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';
import { programLine } from './program-lines.js';
import {
  continuation,
  facilityName,
  guessLevel,
  isContinuationLine,
  journalLine,
  lastTagLevel,
  looksLikeJournalctl,
  readHostTag,
  readPri,
} from './syslog-common.js';

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  const c = line.charCodeAt(0);
  if (c === 32 || c === 9) return continuation(line.trimStart());
  if (c === 45 || c === 0x2591) return journalLine(line);
  let i = 0;
  let pri = -1;
  if (c === 60) {
    const p = readPri(line, 0);
    if (p === undefined) return null;
    pri = p[0];
    i = p[1];
  }
  const d = line.charCodeAt(i);
  let t: ScannedTime | undefined;
  if (d >= 65 && d <= 90) {
    t = scanSyslogTime(line, i, ctx.zone, (month) => ctx.year(month));
  } else if (d >= 48 && d <= 57) {
    // RSYSLOG_FileFormat: `2026-11-22T19:40:42.123456+00:00`; a comma fraction is dmesg's.
    if (line.charCodeAt(i + 10) !== 84 || line.charCodeAt(i + 19) === 44) return null;
    t = scanIso(line, i, ctx.zone);
    if (t !== undefined && !t.zoned) return null;
  }
  if (t === undefined || line.charCodeAt(t.end) !== 32) return null;
  const attrs: Attrs = {};
  const iso = d < 65;
  const start = readHostTag(line, t.end + 1, attrs, iso);
  if (start < 0) return null;
  // Blanks around the message are padding: kernel lines indent sub-items (`kernel:  BIOS-e820:`),
  // PAM pads its key=value lists with a trailing space.
  let message = line.slice(start).trim();
  let level: Level | undefined;
  if (pri >= 0) {
    level = levelFromSyslogSeverity(pri & 7);
    attrs.facility = facilityName(pri >> 3);
  } else level = lastTagLevel();
  const p = programLine(attrs.program, message, attrs, level);
  if (p !== undefined) ({ message, level } = p);
  return {
    ts: t.ms,
    tsText: line.slice(i, t.end),
    zoned: t.zoned,
    level: level ?? guessLevel(message) ?? 'info',
    message,
    attrs,
  };
}

export const syslog: LogFormat = {
  id: 'syslog',
  aliases: ['rfc3164', 'bsd-syslog', 'messages', 'journalctl'],
  description:
    'BSD syslog (RFC 3164): /var/log/syslog, messages, auth.log, kern.log; rsyslog ISO times',
  multiline: false,
  detect(sample, ctx) {
    const score = detectByParse(
      syslog,
      sample.filter((l) => !isContinuationLine(l)),
      ctx,
    );
    if (score === 0) return 0;
    return looksLikeJournalctl(sample) && sample.some(isIsoLine) ? score * 0.95 : score;
  },
  parse,
};

function isIsoLine(line: string): boolean {
  const c = line.charCodeAt(0);
  return c >= 48 && c <= 57 && line.charCodeAt(10) === 84;
}
