/** `query_range` answers (resultType "matrix") merged across the requests a split window needs. */

export type Sample = [number, string];

export interface MatrixSeries {
  metric: Record<string, string>;
  values?: Sample[];
  /** Native histograms (Prometheus 2.40+), kept as the server gave them. */
  histograms?: [number, unknown][];
}

/** The document a snapshot file holds: the API's own success shape. */
export interface MatrixDocument {
  status: 'success';
  data: { resultType: 'matrix'; result: MatrixSeries[] };
  warnings?: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Identity of a series: its label set, order-independent. */
function seriesKey(metric: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(metric)
      .sort()
      .map((k) => [k, metric[k]]),
  );
}

/** Reads a series of an answer; undefined when it is not one (the caller names the query). */
export function readSeries(v: unknown): MatrixSeries | undefined {
  if (!isObject(v) || !isObject(v.metric)) return undefined;
  const metric: Record<string, string> = {};
  for (const [k, val] of Object.entries(v.metric)) {
    if (typeof val !== 'string') return undefined;
    metric[k] = val;
  }
  const series: MatrixSeries = { metric };
  if (v.values !== undefined) {
    if (!Array.isArray(v.values)) return undefined;
    const values: Sample[] = [];
    for (const s of v.values as unknown[]) {
      if (!Array.isArray(s) || typeof s[0] !== 'number' || typeof s[1] !== 'string')
        return undefined;
      values.push([s[0], s[1]]);
    }
    series.values = values;
  }
  if (v.histograms !== undefined) {
    if (!Array.isArray(v.histograms)) return undefined;
    series.histograms = v.histograms as [number, unknown][];
  }
  return series;
}

export const sampleCount = (s: MatrixSeries): number =>
  (s.values?.length ?? 0) + (s.histograms?.length ?? 0);

/** Accumulates the series of consecutive, non-overlapping requests in time order. */
export class MatrixMerger {
  private readonly series = new Map<string, MatrixSeries>();
  private readonly warnings = new Set<string>();
  samples = 0;

  /** Appends one answer's series; returns the samples it added. */
  add(result: readonly MatrixSeries[]): number {
    let added = 0;
    for (const s of result) {
      const key = seriesKey(s.metric);
      const have = this.series.get(key);
      if (!have) {
        this.series.set(key, {
          metric: s.metric,
          ...(s.values ? { values: [...s.values] } : {}),
          ...(s.histograms ? { histograms: [...s.histograms] } : {}),
        });
      } else {
        if (s.values) (have.values ??= []).push(...s.values);
        if (s.histograms) (have.histograms ??= []).push(...s.histograms);
      }
      added += sampleCount(s);
    }
    this.samples += added;
    return added;
  }

  /** Remembers a warning once; returns whether it is new. */
  warn(text: string): boolean {
    if (this.warnings.has(text)) return false;
    this.warnings.add(text);
    return true;
  }

  get seriesCount(): number {
    return this.series.size;
  }

  /** Series sorted by label set, as Prometheus orders them. */
  result(): MatrixSeries[] {
    return [...this.series.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, s]) => s);
  }

  document(): MatrixDocument {
    const doc: MatrixDocument = {
      status: 'success',
      data: { resultType: 'matrix', result: this.result() },
    };
    if (this.warnings.size > 0) doc.warnings = [...this.warnings];
    return doc;
  }
}
