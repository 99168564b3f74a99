/** A metric series: one label set of one Prometheus `query_range` answer, as parallel arrays. */

/** What a series' values measure, guessed from the query name (the file stem). */
export type MetricUnit = 'ratio' | 'percent' | 'seconds' | 'bytes' | 'per_second' | 'count';

export interface MetricSeries {
  /** The case source (or command-line path) the file came from. */
  source: string;
  /** The query's name: the file stem, e.g. `error_ratio`. */
  name: string;
  /** The file the series was read from, for evidence. */
  file: string;
  /** The series' labels as Prometheus returned them (`__name__` included when present). */
  labels: Record<string, string>;
  /** UTC epoch ms, ascending. */
  t: number[];
  /** Same length as `t`; NaN where Prometheus answered NaN or ±Inf (a gap). */
  v: number[];
  unit: MetricUnit;
}

/**
 * The unit a query name suggests. Names are what people call their queries, so this is a guess
 * that only changes how values are written, never what is detected.
 */
export function unitOf(name: string): MetricUnit {
  const n = name.toLowerCase();
  if (/ratio|fraction|availability|utili[sz]ation/.test(n)) return 'ratio';
  if (/percent|pct/.test(n)) return 'percent';
  if (/bytes|memory|_mem\b|\bmem_|rss|heap/.test(n)) return 'bytes';
  if (/seconds|latency|duration|_p\d\d|\bp\d\d\b|time/.test(n)) return 'seconds';
  if (/rate|per_sec|rps|qps|throughput/.test(n)) return 'per_second';
  return 'count';
}

/** `{instance="a",state="idle"}` without `__name__`; empty when the series has no other labels. */
export function labelText(labels: Readonly<Record<string, string>>): string {
  const parts = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}="${labels[k]}"`);
  return parts.length > 0 ? `{${parts.join(',')}}` : '';
}

/** The series as one readable id: `db_pool_connections{instance="…",state="total"}`. */
export function seriesId(s: Pick<MetricSeries, 'name' | 'labels'>): string {
  return `${s.name}${labelText(s.labels)}`;
}

/** A value in the series' unit: `12.5%`, `4.10 s`, `1.5 MiB`, `3.2/s`, `32`. */
export function formatMetricValue(v: number | null, unit: MetricUnit): string {
  if (v === null || !Number.isFinite(v)) return '-';
  const num = (x: number): string => {
    const a = Math.abs(x);
    if (a === 0) return '0';
    if (a >= 100 || Number.isInteger(x)) return x.toFixed(0);
    return String(Number(x.toPrecision(3)));
  };
  switch (unit) {
    case 'ratio':
      return `${(v * 100).toFixed(1)}%`;
    case 'percent':
      return `${v.toFixed(1)}%`;
    case 'seconds':
      return Math.abs(v) >= 1 ? `${v.toFixed(2)} s` : `${num(v * 1000)} ms`;
    case 'bytes': {
      const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
      let x = v;
      let i = 0;
      while (Math.abs(x) >= 1024 && i < units.length - 1) {
        x /= 1024;
        i++;
      }
      return `${num(x)} ${units[i]}`;
    }
    case 'per_second':
      return `${num(v)}/s`;
    default:
      return num(v);
  }
}
