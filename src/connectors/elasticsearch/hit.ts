/**
 * One hit as one snapshot line for the `json` format: its `_source` (ECS fields as they are), the
 * window's timestamp as `@timestamp`, and `_index`/`_id` so every event links back to its document.
 */

export interface Hit {
  _index?: unknown;
  _id?: unknown;
  _source?: unknown;
  sort?: unknown;
}

// The ingest reader cuts lines at 1 MiB; a record must stay whole JSON below that.
const MAX_RECORD_BYTES = 900 * 1024;
const MAX_STRING = 8 * 1024;
const MAX_ARRAY = 8;
const MAX_DEPTH = 6;

/** The value at a dotted path, whether the document nests objects or writes dotted keys. */
export function valueAt(source: Record<string, unknown>, path: string): unknown {
  if (path in source) return source[path];
  const dot = path.indexOf('.');
  if (dot < 0) return undefined;
  const head = source[path.slice(0, dot)];
  if (typeof head !== 'object' || head === null || Array.isArray(head)) return undefined;
  return valueAt(head as Record<string, unknown>, path.slice(dot + 1));
}

function timeText(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  return undefined;
}

/** A copy small enough for one line: long strings cut, long arrays and deep objects dropped. */
function shrink(value: unknown, depth: number): unknown {
  if (typeof value === 'string')
    return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return undefined;
  if (Array.isArray(value)) return value.slice(0, MAX_ARRAY).map((v) => shrink(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = shrink(v, depth + 1);
  return out;
}

export interface HitLine {
  text: string;
  /** The size of the full record when it had to be cut. */
  cutFrom?: number;
}

/** The snapshot line for a hit; `timestampField` is the field the window was filtered on. */
export function hitLine(hit: Hit, timestampField: string): HitLine {
  const source =
    typeof hit._source === 'object' && hit._source !== null && !Array.isArray(hit._source)
      ? (hit._source as Record<string, unknown>)
      : {};
  const record: Record<string, unknown> = { ...source };
  // The time the window was cut on is the event's time, even when the document also has another.
  const own = timeText(valueAt(source, timestampField));
  const sorted = Array.isArray(hit.sort) ? timeText(hit.sort[0]) : undefined;
  const time = timestampField === '@timestamp' ? (own ?? sorted) : (sorted ?? own);
  if (time !== undefined && record['@timestamp'] !== time) {
    if (record['@timestamp'] !== undefined) record['@timestamp.source'] = record['@timestamp'];
    record['@timestamp'] = time;
  }
  record._index = hit._index;
  record._id = hit._id;
  const text = JSON.stringify(record);
  if (text.length * 3 <= MAX_RECORD_BYTES || Buffer.byteLength(text) <= MAX_RECORD_BYTES)
    return { text };
  const bytes = Buffer.byteLength(text);
  const small = shrink(record, 0) as Record<string, unknown>;
  small['aftermath.truncated'] = bytes;
  let cut = JSON.stringify(small);
  if (Buffer.byteLength(cut) > MAX_RECORD_BYTES) {
    // Too many fields even when each is short: keep what places and names the event.
    const keep: Record<string, unknown> = {};
    for (const k of ['@timestamp', 'message', 'log.level', 'log', 'service', 'host']) {
      if (small[k] !== undefined) keep[k] = small[k];
    }
    cut = JSON.stringify({
      ...keep,
      _index: hit._index,
      _id: hit._id,
      'aftermath.truncated': bytes,
    });
    if (Buffer.byteLength(cut) > MAX_RECORD_BYTES) {
      cut = JSON.stringify({
        '@timestamp': time,
        _index: hit._index,
        _id: hit._id,
        'aftermath.truncated': bytes,
      });
    }
  }
  return { text: cut, cutFrom: bytes };
}
