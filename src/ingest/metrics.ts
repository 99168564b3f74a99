/** Metric files (Prometheus `query_range` answers, format `prometheus-matrix`) read into series. */
import { open, readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { unitOf, type MetricSeries } from '../core/metric.js';
import type { MetricFileSpec } from './read-paths.js';

/**
 * An answer is parsed whole (JSON has no line structure to stream), so files are capped: 64 MiB
 * is about a million samples, far more than a query_range at Prometheus' own 11,000-point limit.
 */
export const MAX_METRIC_FILE_BYTES = 64 * 1024 * 1024;

/** Any Prometheus HTTP API answer: a success with a result type, or an error with its type. */
const API_ANSWER =
  /^\s*\{\s*"status"\s*:\s*(?:"success"\s*,\s*"data"\s*:\s*\{\s*"resultType"|"error"\s*,\s*"errorType")/;

/** Whether the start of a file is a Prometheus API answer (so it is not read as log lines). */
export function looksLikeMetricAnswer(head: string): boolean {
  return API_ANSWER.test(head);
}

/** The first bytes of a file, for sniffing; empty when it cannot be read. */
export async function readHead(path: string, bytes = 128): Promise<string> {
  let fh;
  try {
    fh = await open(path, 'r');
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.toString('utf8', 0, bytesRead);
  } catch {
    return '';
  } finally {
    await fh?.close();
  }
}

export interface MetricRead {
  series: MetricSeries[];
  diagnostics: Diagnostic[];
}

interface Answer {
  status?: unknown;
  error?: unknown;
  errorType?: unknown;
  data?: { resultType?: unknown; result?: unknown };
}

/**
 * The series of one answer's text. Never throws: what cannot be read is a diagnostic naming the
 * file, and the rest of the answer is still used.
 *
 * @example
 * const { series } = parseMetricAnswer(text, 'prometheus/error_ratio.json', 'prometheus');
 */
export function parseMetricAnswer(text: string, file: string, source: string): MetricRead {
  const diagnostics: Diagnostic[] = [];
  const fail = (id: string, message: string): MetricRead => ({
    series: [],
    diagnostics: [diagnostic(id, file, 'error', `${file}: ${message}`)],
  });
  let answer: Answer;
  try {
    answer = JSON.parse(text) as Answer;
  } catch (err) {
    return fail(
      'metrics/bad-json',
      `not valid JSON (${(err as Error).message}); expected a Prometheus query_range answer`,
    );
  }
  if (typeof answer !== 'object' || answer === null)
    return fail('metrics/not-an-answer', 'expected a Prometheus API answer object');
  if (answer.status === 'error')
    return fail(
      'metrics/query-error',
      `the query failed in Prometheus: ${String(answer.errorType ?? 'error')}: ${String(answer.error ?? '')}`.trim(),
    );
  const type = answer.data?.resultType;
  if (answer.status !== 'success' || type === undefined)
    return fail(
      'metrics/not-an-answer',
      'expected {"status":"success","data":{"resultType":"matrix",…}} (a query_range answer)',
    );
  if (type !== 'matrix')
    return fail(
      'metrics/not-a-matrix',
      `resultType is "${String(type)}"; expected "matrix" (query_range, not an instant query)`,
    );
  if (!Array.isArray(answer.data?.result))
    return fail('metrics/not-an-answer', 'data.result is not a list');
  const name = basename(file, extname(file));
  const unit = unitOf(name);
  const series: MetricSeries[] = [];
  let gaps = 0;
  let bad = 0;
  for (const r of answer.data.result as unknown[]) {
    const entry = r as { metric?: unknown; values?: unknown };
    if (!Array.isArray(entry.values)) {
      bad++;
      continue;
    }
    const labels: Record<string, string> = {};
    if (typeof entry.metric === 'object' && entry.metric !== null)
      for (const [k, v] of Object.entries(entry.metric)) if (typeof v === 'string') labels[k] = v;
    const t: number[] = [];
    const v: number[] = [];
    for (const pair of entry.values as unknown[]) {
      const [ts, value] = Array.isArray(pair) ? (pair as unknown[]) : [];
      if (typeof ts !== 'number' || !Number.isFinite(ts) || typeof value !== 'string') {
        bad++;
        continue;
      }
      // Prometheus writes values as strings: "NaN", "+Inf" and "-Inf" included.
      const x = Number(value);
      if (!Number.isFinite(x)) gaps++;
      t.push(Math.round(ts * 1000));
      v.push(Number.isFinite(x) ? x : NaN);
    }
    if (t.length === 0) continue;
    series.push({ source, name, file, labels, t, v, unit });
  }
  if (gaps > 0)
    diagnostics.push(
      diagnostic(
        'metrics/non-finite',
        file,
        'info',
        `${file}: ${gaps} value${gaps === 1 ? ' was' : 's were'} NaN or ±Inf; kept as gaps`,
        { data: { values: gaps } },
      ),
    );
  if (bad > 0)
    diagnostics.push(
      diagnostic(
        'metrics/bad-sample',
        file,
        'warning',
        `${file}: ${bad} sample${bad === 1 ? '' : 's'} or series not in the [<unix seconds>, "<value>"] form; skipped`,
        { data: { samples: bad } },
      ),
    );
  return { series, diagnostics };
}

function unreadable(path: string, err: unknown): MetricRead {
  const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  return {
    series: [],
    diagnostics: [diagnostic('metrics/unreadable', path, 'error', `cannot read ${path}: ${why}`)],
  };
}

/** Reads one metric file; a missing, unreadable or oversized file is a diagnostic, not a throw. */
export async function readMetricFile(
  spec: MetricFileSpec,
  maxBytes = MAX_METRIC_FILE_BYTES,
): Promise<MetricRead> {
  let size: number;
  try {
    size = (await stat(spec.path)).size;
  } catch (err) {
    return unreadable(spec.path, err);
  }
  if (size > maxBytes)
    return {
      series: [],
      diagnostics: [
        diagnostic(
          'metrics/too-large',
          spec.path,
          'error',
          `${spec.path}: ${size} bytes is over the ${maxBytes}-byte limit for a metric answer; query a shorter range or a coarser step`,
          { data: { bytes: size, limit: maxBytes } },
        ),
      ],
    };
  let text: string;
  try {
    text = await readFile(spec.path, 'utf8');
  } catch (err) {
    return unreadable(spec.path, err);
  }
  const read = parseMetricAnswer(text, spec.path, spec.source);
  const shift = spec.clockOffsetMs;
  if (shift) for (const series of read.series) series.t = series.t.map((t) => t + shift);
  return read;
}

/** Every metric file of a timeline, in order; diagnostics for those that could not be used. */
export async function readMetricFiles(specs: readonly MetricFileSpec[]): Promise<MetricRead> {
  const out: MetricRead = { series: [], diagnostics: [] };
  for (const spec of specs) {
    const r = await readMetricFile(spec);
    out.series.push(...r.series);
    out.diagnostics.push(...r.diagnostics);
  }
  return out;
}
