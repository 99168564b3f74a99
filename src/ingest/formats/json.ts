/** JSON lines (pino, bunyan, zap, slog, logrus, winston, structlog, ECS, OTel records, GCP, CLEF). */
import { detectByParse, type LogFormat, type ParseContext, type ParsedEntry } from '../format.js';
import { ERROR_OBJECT_KEYS } from './json-fields.js';
import { lazyJson } from './json-lazy.js';
import { FieldRecord, MAX_VALUE_CHARS } from './json-record.js';

// Nested objects are flattened into dotted keys, within these bounds (memory per event).
const MAX_DEPTH = 4;
const MAX_LEAVES = 256;
const MAX_ARRAY = 8;

interface Walk {
  rec: FieldRecord;
  leaves: number;
}

// Dotted keys repeat on every line: join each (prefix, key) pair once, so that the string is the
// same object next time and its hash is already known to the lookups that follow.
const joined = new Map<string, Map<string, string>>();
const MAX_JOINED_PREFIXES = 1024;

function joinKey(prefix: string, k: string): string {
  let inner = joined.get(prefix);
  if (inner === undefined) {
    if (joined.size >= MAX_JOINED_PREFIXES) joined.clear();
    inner = new Map();
    joined.set(prefix, inner);
  }
  let key = inner.get(k);
  if (key === undefined) {
    key = prefix + '.' + k;
    if (inner.size < 256) inner.set(k, key);
  }
  return key;
}

function walk(obj: Record<string, unknown>, prefix: string, depth: number, w: Walk): void {
  for (const k in obj) {
    if (++w.leaves > MAX_LEAVES) return;
    const v = obj[k];
    const key = prefix === '' ? k : joinKey(prefix, k);
    switch (typeof v) {
      case 'string':
      case 'number':
      case 'boolean':
        w.rec.add(key, v);
        break;
      case 'object':
        if (v === null) break;
        if (Array.isArray(v)) {
          const list = scalarList(v);
          if (list !== undefined) w.rec.put(key, list);
        } else {
          if (depth === 1 && ERROR_OBJECT_KEYS.has(k) && hasAnyKey(v)) w.rec.hasError = true;
          if (depth < MAX_DEPTH) walk(v as Record<string, unknown>, key, depth + 1, w);
        }
        break;
      default:
        break;
    }
  }
}

function hasAnyKey(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/** Short arrays of scalars (tags, ids) as one comma-joined value; others are skipped. */
function scalarList(a: unknown[]): string | undefined {
  if (a.length === 0 || a.length > MAX_ARRAY) return undefined;
  let out = '';
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return undefined;
    out += (i > 0 ? ',' : '') + String(v);
    if (out.length > MAX_VALUE_CHARS) return undefined;
  }
  return out;
}

const OTLP_KEYS = new Set(['resourceLogs', 'resourceSpans', 'resourceMetrics']);

/** OTel collector file-exporter batches: many records per line, left to an OTLP reader. */
function isOtlpBatch(o: Record<string, unknown>): boolean {
  let any = false;
  for (const k in o) {
    if (!OTLP_KEYS.has(k)) return false;
    any = true;
  }
  return any;
}

function parse(line: string, ctx: ParseContext): ParsedEntry | null {
  let i = 0;
  while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9) i++;
  if (line.charCodeAt(i) !== 123 /* { */) return null;
  let j = line.length - 1;
  while (j > i && (line.charCodeAt(j) === 32 || line.charCodeAt(j) === 9)) j--;
  if (line.charCodeAt(j) !== 125 /* } */) return null;
  if (ctx.lazy && i === 0 && j === line.length - 1) {
    const quick = lazyJson(line, ctx);
    if (quick !== undefined) return quick;
  }
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const obj = value as Record<string, unknown>;
  // journald -o json belongs to journald-json.
  if (obj.__REALTIME_TIMESTAMP !== undefined) return null;
  if (
    (obj.resourceLogs ?? obj.resourceSpans ?? obj.resourceMetrics) !== undefined &&
    isOtlpBatch(obj)
  ) {
    return null;
  }
  const w: Walk = { rec: new FieldRecord(ctx), leaves: 0 };
  walk(obj, '', 1, w);
  return w.rec.finish(ctx.embedded === true);
}

export const json: LogFormat = {
  id: 'json',
  aliases: ['jsonl', 'ndjson', 'pino', 'bunyan'],
  description: 'JSON lines: pino, bunyan, zap, slog, logrus, winston, structlog, ECS, OTel, GCP',
  multiline: false,
  lazy: true,
  detect: (sample, ctx) => detectByParse(json, sample, ctx),
  parse,
};
