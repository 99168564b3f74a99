/**
 * `journalctl -o short-iso` (`2026-11-22T19:40:42+0000 host prog[pid]: msg`) and `short-iso-precise`
 * (`2026-11-22T19:40:42.123456+00:00 …`), with journalctl's `-- Boot … --` markers and indented
 * continuation lines. rsyslog's RSYSLOG_FileFormat writes the same line shape; both formats read it
 * the same way, and detection gives such files to `syslog` unless the sample shows journalctl
 * (a `+0000` offset without colon, which rsyslog never writes, or a marker line).
 */
import type { Attrs } from '../../core/event.js';
import type { Level } from '../../core/level.js';
import { scanIso } from '../../core/time.js';
import { detectByParse, type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';
import { programLine } from './program-lines.js';
import {
  continuation,
  guessLevel,
  isContinuationLine,
  journalLine,
  looksLikeJournalctl,
  readHostTag,
} from './syslog-common.js';

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  const c = line.charCodeAt(0);
  if (c === 32 || c === 9) return continuation(line.trimStart());
  if (c === 45 || c === 0x2591) return journalLine(line);
  if (c < 48 || c > 57 || line.charCodeAt(10) !== 84 || line.charCodeAt(19) === 44) return null;
  const t = scanIso(line, 0, ctx.zone);
  if (t === undefined || !t.zoned || line.charCodeAt(t.end) !== 32) return null;
  const attrs: Attrs = {};
  const start = readHostTag(line, t.end + 1, attrs, true);
  if (start < 0) return null;
  let message = line.slice(start);
  let level: Level | undefined;
  const p = programLine(attrs.program, message, attrs, undefined);
  if (p !== undefined) ({ message, level } = p);
  return {
    ts: t.ms,
    tsText: line.slice(0, t.end),
    zoned: true,
    level: level ?? guessLevel(message) ?? 'info',
    message,
    attrs,
  };
}

export const journaldShortIso: LogFormat = {
  id: 'journald-short-iso',
  aliases: ['short-iso', 'short-iso-precise', 'journalctl-short-iso'],
  description: 'journalctl -o short-iso / short-iso-precise, with -- Boot -- markers',
  multiline: false,
  detect(sample, ctx) {
    const score = detectByParse(
      journaldShortIso,
      sample.filter((l) => !isContinuationLine(l)),
      ctx,
    );
    return looksLikeJournalctl(sample) ? score : score * 0.98;
  },
  parse,
};
