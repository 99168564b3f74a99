/**
 * `type: prometheus`: each configured PromQL expression as a `query_range` matrix over the window
 * (a metric-series snapshot), and the `ALERTS` history as alert events.
 */
import { METRIC_FORMAT } from '../../core/manifest.js';
import { authHeaders } from '../auth.js';
import { defineConnector, type CollectContext } from '../connector.js';
import { alertEvents } from './alerts-history.js';
import { formatDuration, parseDuration } from './duration.js';
import { MatrixMerger } from './matrix.js';
import { PrometheusOptions } from './options.js';
import { fetchRange, type RangeQuery } from './query-range.js';
import { chooseStep, splitRange } from './step.js';

export const ALERTS_FILE = 'alerts.jsonl';
const ALERTS_MAX_STEP_MS = 15_000;

async function collectQueries(
  ctx: CollectContext,
  o: PrometheusOptions,
  counted: { items: number },
): Promise<void> {
  const auto = chooseStep(ctx.window.until - ctx.window.since);
  for (const q of o.queries) {
    const rq: RangeQuery = {
      name: q.name,
      expr: q.expr,
      stepMs: q.step !== undefined ? parseDuration(q.step)! : auto,
    };
    const merger = new MatrixMerger();
    let answered = false;
    let ok = false;
    try {
      ok = await fetchRange(ctx, o.url, rq, merger, (added) => {
        answered = true;
        counted.items += added;
        ctx.progress(counted.items);
      });
    } finally {
      // Slices that came before a failure (or the item limit) are kept beside the gap naming
      // what is missing; a query that got no answer writes no file, so the analysis does not
      // mistake it for a series that was flat.
      if (answered || ok) {
        await ctx.open(`${q.name}.json`, METRIC_FORMAT).json(merger.document(), merger.samples);
      }
    }
  }
}

async function collectAlerts(
  ctx: CollectContext,
  o: PrometheusOptions,
  counted: { items: number },
): Promise<void> {
  // ALERTS series exist only while an alert is pending or firing, so a fine step stays small,
  // and the step is how precisely the timeline dates each alert.
  const stepMs = Math.min(chooseStep(ctx.window.until - ctx.window.since), ALERTS_MAX_STEP_MS);
  const merger = new MatrixMerger();
  const ok = await fetchRange(
    ctx,
    o.url,
    { name: 'ALERTS', expr: 'ALERTS', stepMs },
    merger,
    () => undefined,
  );
  // A missing slice would end every run at its edge: better no history than a made-up resolution.
  if (!ok) return;
  const slices = splitRange(ctx.window.since, ctx.window.until, stepMs);
  const lastEval = slices.at(-1)?.end ?? ctx.window.since;
  const out = ctx.open(ALERTS_FILE, 'alertmanager');
  for (const e of alertEvents(merger.result(), stepMs, lastEval)) {
    await out.json(e);
    counted.items += 1;
  }
  ctx.progress(counted.items);
}

export const prometheus = defineConnector({
  id: 'prometheus',
  description: 'Prometheus: PromQL range queries as metric series, and the ALERTS history',
  options: PrometheusOptions,
  describe(o) {
    const queries = o.queries.map(
      (q) =>
        `${q.name}=${q.expr}${q.step !== undefined ? ` step ${formatDuration(parseDuration(q.step)!)}` : ''}`,
    );
    if (o.alerts) queries.push('ALERTS');
    return `${o.url} query_range ${queries.join('; ')}`;
  },
  auth: (o, env) => authHeaders(o.auth, env),
  async collect(ctx, o) {
    const counted = { items: 0 };
    await collectQueries(ctx, o, counted);
    if (o.alerts) await collectAlerts(ctx, o, counted);
  },
});
