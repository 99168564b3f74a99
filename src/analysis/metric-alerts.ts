/**
 * The `ALERTS` series of a Prometheus answer as alert moments: what the rules did, for when the
 * Alertmanager notifications are not in the evidence.
 */
import { seriesId, type MetricSeries } from '../core/metric.js';
import { stepOf } from './metric-points.js';
import type { Moment } from './moments/moment.js';

const ALERTS_SOURCE = 'prometheus ALERTS series';

export function isAlerts(s: MetricSeries): boolean {
  return s.labels.__name__ === 'ALERTS' && typeof s.labels.alertstate === 'string';
}

/**
 * Firing intervals of the `ALERTS` series (a gap of more than two steps ends one) as alert
 * moments, for alerts that no Alertmanager notification in the evidence already reports.
 */
export function alertMoments(
  series: readonly MetricSeries[],
  existing: readonly Moment[],
  spanEnd: number,
): Moment[] {
  const known = new Set(
    existing
      .filter((m) => m.kind === 'alert_firing' || m.kind === 'alert_resolved')
      .map((m) => m.data?.alertname)
      .filter((n): n is string => typeof n === 'string'),
  );
  const out: Moment[] = [];
  for (const s of series) {
    const name = s.labels.alertname;
    if (!isAlerts(s) || s.labels.alertstate !== 'firing' || !name || known.has(name)) continue;
    const step = stepOf(s.t) ?? 60_000;
    const severity = s.labels.severity;
    const base = {
      source: s.source,
      confidence: 0.9,
      evidence: [{ file: s.file, line: 1 }],
    };
    const data = (ruleTs: number): Record<string, string | number | boolean> => ({
      alertname: name,
      ...(severity ? { severity } : {}),
      ruleTs,
      from: ALERTS_SOURCE,
      series: seriesId(s),
    });
    const label = `alert ${name}${severity ? ` (${severity})` : ''}`;
    let start = 0;
    for (let i = 1; i <= s.t.length; i++) {
      if (i < s.t.length && s.t[i]! - s.t[i - 1]! <= 2 * step) continue;
      const from = s.t[start]!;
      const last = s.t[i - 1]!;
      out.push({
        ...base,
        kind: 'alert_firing',
        ts: from,
        title: `${label} firing (from the ${ALERTS_SOURCE})`,
        data: data(from),
      });
      // Still firing at the end of the metric span: no resolution is known. (The span, not the
      // file's: ALERTS has samples only while an alert is pending or firing.)
      if (last + step < spanEnd)
        out.push({
          ...base,
          kind: 'alert_resolved',
          ts: last,
          title: `${label} resolved: last seen firing (from the ${ALERTS_SOURCE})`,
          data: data(last),
        });
      start = i;
    }
  }
  return out;
}
