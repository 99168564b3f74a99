/**
 * The `ALERTS` series history as alert events the `alertmanager` ingest format reads: each run of
 * consecutive `alertstate="firing"` samples is one alert that fired at its first sample and, when
 * the series stops before the window ends, resolved at the first evaluation it was missing from.
 */
import type { MatrixSeries } from './matrix.js';

/** Go's zero time: how Alertmanager spells "no end yet". */
const NOT_ENDED = '0001-01-01T00:00:00Z';

/** One line of `alerts.jsonl`, in the shape of an alert inside a webhook notification. */
export interface AlertEvent {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Alert events of the ALERTS series in time order (a firing event at `startsAt`, a resolved one at
 * `endsAt`). `stepMs` is the query's step and `lastEval` its last evaluation time: a run that
 * reaches it was still firing when the window closed.
 */
export function alertEvents(
  series: readonly MatrixSeries[],
  stepMs: number,
  lastEval: number,
): AlertEvent[] {
  const timed: [number, AlertEvent][] = [];
  // A missed evaluation or two (a slow rule group) is not a resolution; a longer hole is.
  const tolerance = stepMs * 1.5;
  for (const s of series) {
    if (s.metric.alertstate !== 'firing') continue;
    const { __name__: _name, alertstate: _state, ...labels } = s.metric;
    const times = (s.values ?? [])
      .filter(([, v]) => v !== '0')
      .map(([t]) => Math.round(t * 1000))
      .sort((a, b) => a - b);
    let i = 0;
    while (i < times.length) {
      const start = times[i]!;
      let last = start;
      while (i + 1 < times.length && times[i + 1]! - last <= tolerance) last = times[++i]!;
      i++;
      const startsAt = iso(start);
      timed.push([
        start,
        { status: 'firing', labels, annotations: {}, startsAt, endsAt: NOT_ENDED },
      ]);
      if (last < lastEval) {
        const end = last + stepMs;
        timed.push([
          end,
          { status: 'resolved', labels, annotations: {}, startsAt, endsAt: iso(end) },
        ]);
      }
    }
  }
  // At one instant, what ended is told before what began.
  const rank = (e: AlertEvent): number => (e.status === 'resolved' ? 0 : 1);
  return timed.sort((a, b) => a[0] - b[0] || rank(a[1]) - rank(b[1])).map(([, e]) => e);
}
