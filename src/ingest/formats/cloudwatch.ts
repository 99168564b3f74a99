/**
 * CloudWatch Logs events as the AWS CLI exports them, one JSON record per line (read from the
 * export's JSON document, see json-document.ts): `aws logs filter-log-events` and
 * `get-log-events` (`{"logStreamName", "timestamp": <ms>, "message", "ingestionTime", "eventId"}`)
 * and Logs Insights rows (`{"@timestamp", "@message", "@logStream", "@log"}`). The message is the
 * application's own line: it is parsed again with its own format (its level, fields and request
 * ids), the event keeping CloudWatch's time.
 */
import type { Attrs } from '../../core/event.js';
import { epochToMs, parseTimestampText } from '../../core/time.js';
import { UTC } from '../../core/zone.js';
import { detectByParse, type LogFormat, type ParseContext } from '../format.js';
import { embeddingFormat, type EmbeddingRecord } from './json-embedded.js';

type Json = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Streams of one group share a writer up to their last part (`ecs/api/<task id>`). */
const writerOf = (stream: string): string => {
  const slash = stream.lastIndexOf('/');
  return slash > 0 ? stream.slice(0, slash) : stream;
};

function readRecord(line: string, _ctx: ParseContext): EmbeddingRecord | undefined {
  // Only lines that can be such records reach JSON.parse.
  if (line.charCodeAt(0) !== 123 || line.indexOf('essage"') < 0) return undefined;
  let r: Json;
  try {
    const v = JSON.parse(line) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    r = v as Json;
  } catch {
    return undefined;
  }
  let ms: number | undefined;
  let tsText: string;
  let text: string | undefined;
  let stream: string | undefined;
  const attrs: Attrs = {};
  if (typeof r.timestamp === 'number' && typeof r.message === 'string') {
    // An export event: `eventId`, `ingestionTime` or `logStreamName` tell it from an app's own
    // JSON record with a numeric timestamp and a message.
    if (r.eventId === undefined && r.ingestionTime === undefined && r.logStreamName === undefined)
      return undefined;
    ms = epochToMs(r.timestamp);
    tsText = String(r.timestamp);
    text = r.message;
    stream = str(r.logStreamName);
    const id = str(r.eventId);
    if (id !== undefined) attrs.eventId = id;
  } else {
    const at = str(r['@timestamp']);
    text = str(r['@message']);
    stream = str(r['@logStream']);
    if (at === undefined || text === undefined) return undefined;
    if (stream === undefined && r['@log'] === undefined && r['@ptr'] === undefined)
      return undefined;
    ms = parseTimestampText(at, UTC)?.ms;
    tsText = at;
    const group = str(r['@log']);
    if (group !== undefined) attrs.logGroup = group;
  }
  if (ms === undefined) return undefined;
  if (stream !== undefined) attrs.logStream = stream;
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  const key = stream ?? '';
  return {
    outer: { ts: ms, tsText, zoned: true, attrs, key, formatKey: writerOf(key) },
    text: end === text.length ? text : text.slice(0, end),
    partial: false,
  };
}

const embedded = embeddingFormat(readRecord);

export const cloudwatch: LogFormat = {
  id: 'cloudwatch',
  aliases: ['cloudwatch-logs', 'aws-logs'],
  description:
    'CloudWatch Logs events from `aws logs filter-log-events`, `get-log-events` and Logs Insights; each message parsed with its own format',
  multiline: false,
  detect: (sample, ctx) => detectByParse(embedded.shape, sample, ctx, 1),
  parse: embedded.parse,
};
