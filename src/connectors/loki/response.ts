/** Reads a `query_range` answer (`resultType: "streams"`) into entries ordered by time. */
import { AftermathError } from '../../errors.js';

/** One log entry of one stream. */
export interface LokiEntry {
  /** Nanoseconds since the epoch; a double cannot hold them exactly. */
  ns: bigint;
  /** The timestamp as Loki sent it (decimal nanoseconds). */
  tsText: string;
  labels: Record<string, string>;
  /** The stream's identity: its labels in a canonical order. */
  key: string;
  line: string;
}

interface Stream {
  stream?: unknown;
  values?: unknown;
}

const NS = /^\d{1,20}$/;

/** `{a="1",b="2"}` with sorted names: the same stream always gets the same key. */
export function streamKey(labels: Record<string, string>): string {
  const names = Object.keys(labels).sort();
  return `{${names.map((n) => `${n}=${JSON.stringify(labels[n])}`).join(',')}}`;
}

function bad(where: string, what: string): AftermathError {
  return new AftermathError('loki/bad-response', `${where}: ${what}`);
}

function readLabels(value: unknown, where: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw bad(where, 'expected each stream\'s "stream" to be an object of labels');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/**
 * The entries of one answer, by time then stream; throws on anything but a successful streams
 * result, naming what came instead (a metric query answers with a matrix).
 */
export function readStreams(body: unknown, where: string): LokiEntry[] {
  const b = body as { status?: unknown; data?: { resultType?: unknown; result?: unknown } };
  if (typeof b !== 'object' || b === null || b.status !== 'success' || typeof b.data !== 'object')
    throw bad(
      where,
      `expected {"status":"success","data":{…}}, received ${JSON.stringify(body).slice(0, 120)}`,
    );
  if (b.data.resultType !== 'streams') {
    throw bad(
      where,
      `expected resultType "streams" (a log query), received "${String(b.data.resultType)}"`,
    );
  }
  if (!Array.isArray(b.data.result)) throw bad(where, 'expected data.result to be an array');
  const entries: LokiEntry[] = [];
  for (const s of b.data.result as Stream[]) {
    const labels = readLabels(s?.stream, where);
    const key = streamKey(labels);
    if (!Array.isArray(s?.values)) throw bad(where, `stream ${key} has no "values" array`);
    for (const v of s.values as unknown[]) {
      // [ts, line] or, with categorized labels (Loki 3), [ts, line, {structuredMetadata…}].
      const ts = Array.isArray(v) ? v[0] : undefined;
      const line = Array.isArray(v) ? v[1] : undefined;
      if (typeof ts !== 'string' || !NS.test(ts) || typeof line !== 'string') {
        throw bad(
          where,
          `stream ${key}: expected ["<nanoseconds>", "<line>"], received ${JSON.stringify(v).slice(0, 80)}`,
        );
      }
      entries.push({ ns: BigInt(ts), tsText: ts, labels, key, line });
    }
  }
  entries.sort(compareEntries);
  return entries;
}

/** Time, then stream, then line: the order the snapshot is written in. */
export function compareEntries(a: LokiEntry, b: LokiEntry): number {
  if (a.ns !== b.ns) return a.ns < b.ns ? -1 : 1;
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.line < b.line ? -1 : a.line > b.line ? 1 : 0;
}
