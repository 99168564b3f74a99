/** Docker json-file driver records: `{"log":"…\n","stream":"stdout","time":"…"}`, inner lines parsed. */
import type { Attrs } from '../../core/event.js';
import { scanIso } from '../../core/time.js';
import { detectByParse, type LogFormat, type ParseContext } from '../format.js';
import { embeddingFormat, parseRecordLine, type EmbeddingRecord } from './json-embedded.js';

// Labels and env the driver copies into `attrs` (--log-opt labels=…) that name event attributes.
const LABELS: Record<string, string> = {
  'io.kubernetes.pod.name': 'pod',
  'io.kubernetes.pod.namespace': 'namespace',
  'io.kubernetes.container.name': 'container',
  'com.docker.compose.service': 'service',
};
const MAX_LABELS = 16;

// The driver always writes `log` first; anything else is another JSON format.
const OPENING = '{"log":';

/** The record's parts, or undefined when the line is not exactly a json-file record. */
function readRecord(line: string, ctx: ParseContext): EmbeddingRecord | undefined {
  const value = parseRecordLine(line, OPENING);
  if (value === undefined) return undefined;
  const r = value as Record<string, unknown>;
  let log: unknown, stream: unknown, time: unknown, labels: unknown;
  for (const k in r) {
    if (k === 'log') log = r[k];
    else if (k === 'stream') stream = r[k];
    else if (k === 'time') time = r[k];
    else if (k === 'attrs') labels = r[k];
    else return undefined;
  }
  if (typeof log !== 'string' || typeof stream !== 'string' || typeof time !== 'string')
    return undefined;
  const t = scanIso(time, 0, ctx.zone);
  if (t === undefined || !t.zoned || t.end !== time.length) return undefined;
  const attrs: Attrs = { stream };
  if (typeof labels === 'object' && labels !== null && !Array.isArray(labels)) {
    let n = 0;
    for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
      if (typeof v !== 'string' || n++ >= MAX_LABELS) continue;
      attrs[LABELS[k] ?? k] = v;
    }
  }
  const partial = log.length > 0 && log.charCodeAt(log.length - 1) !== 10;
  let end = log.length - (partial ? 0 : 1);
  if (end > 0 && log.charCodeAt(end - 1) === 13) end--;
  return {
    outer: { ts: t.ms, tsText: time, zoned: true, attrs, key: stream },
    text: end === log.length ? log : log.slice(0, end),
    partial,
  };
}

const { parse, shape } = embeddingFormat(readRecord);

export const dockerJson: LogFormat = {
  id: 'docker-json',
  aliases: ['docker', 'json-file'],
  description:
    'Docker json-file driver records; the embedded lines are parsed with their own format',
  multiline: false,
  detect: (sample, ctx) => detectByParse(shape, sample, ctx, 1),
  parse,
};
