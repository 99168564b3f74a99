/** nginx / Apache access logs: common, combined, and combined with timing and request-id extras. */
import type { Attrs } from '../../core/event.js';
import { levelFromHttpStatus } from '../../core/level.js';
import { scanClf, scanIso } from '../../core/time.js';
import { detectByParse, type LogFormat, type ParsedEntry } from '../format.js';

// One alternation per quoted field, no nested quantifiers: linear on hostile lines.
const LINE =
  /^(\S+) (\S+) (\S+) \[([^\]]{10,40})\] "((?:[^"\\]|\\.)*)" (\d{3}|-) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?(.*)$/;

// Extra `key=value` fields that common log_format additions use, mapped to attributes.
const SECONDS: Record<string, 'latencyMs' | 'upstreamLatencyMs'> = {
  rt: 'latencyMs',
  request_time: 'latencyMs',
  urt: 'upstreamLatencyMs',
  upstream_response_time: 'upstreamLatencyMs',
};
const REQUEST_ID = new Set(['rid', 'request_id', 'req_id', 'requestid', 'x_request_id', 'trace_id']);

const EXTRA = /([A-Za-z_][\w.-]*)=(?:"([^"]*)"|(\S*))|"([^"]*)"|(\S+)/g;
const HEX_ID = /^[0-9a-f]{16,64}$/i;
const NUM = /^\d+(?:\.\d+)?$/;

function seconds(value: string): number | undefined {
  // upstream times may list several tries: "0.002, 0.040" or "0.002 : 0.040"; the last served.
  const last = value.split(/[,:]\s*/).pop()?.trim() ?? '';
  return NUM.test(last) ? Math.round(Number(last) * 1e6) / 1e3 : undefined;
}

function readExtras(text: string, attrs: Attrs): void {
  let positional = 0;
  EXTRA.lastIndex = 0;
  for (let m = EXTRA.exec(text); m !== null; m = EXTRA.exec(text)) {
    const key = m[1];
    if (key !== undefined) {
      const value = m[2] ?? m[3] ?? '';
      if (value === '-' || value === '') continue;
      const lower = key.toLowerCase();
      const target = SECONDS[lower];
      if (target) {
        const s = seconds(value);
        if (s !== undefined) attrs[target] = s;
      } else if (REQUEST_ID.has(lower)) attrs.requestId = value;
      else attrs[`extra.${key}`] = value;
      continue;
    }
    const bare = m[4] ?? m[5] ?? '';
    if (bare === '-' || bare === '') continue;
    // Positional extras: `$request_time $upstream_response_time` then maybe `$request_id`.
    if (NUM.test(bare) && positional < 2) {
      const s = seconds(bare);
      if (s !== undefined) attrs[positional === 0 ? 'latencyMs' : 'upstreamLatencyMs'] = s;
      positional++;
    } else if (HEX_ID.test(bare)) attrs.requestId = bare;
  }
}

function parse(line: string, ctx: Parameters<LogFormat['parse']>[1]): ParsedEntry | null {
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
  description: 'nginx/Apache access log: common, combined, with $request_time, $request_id, $time_iso8601',
  multiline: false,
  detect: (sample, ctx) => detectByParse(access, sample, ctx),
  parse,
};
