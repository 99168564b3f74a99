/**
 * `type: alertmanager`: the alerts Alertmanager holds now (API v2) that overlap the window, and the
 * silences that do. Alertmanager keeps no alert history: the past comes from Prometheus's ALERTS
 * series and from webhook receiver logs.
 */
import { authHeaders } from '../auth.js';
import { defineConnector, type CollectContext } from '../connector.js';
import { HttpError } from '../http.js';
import { AlertmanagerOptions } from './options.js';
import { silenceLines, type ApiSilence } from './silences.js';
import { apiTime, overlaps } from './window.js';

/** Errors after which the other endpoint cannot succeed either. */
const FATAL = new Set(['auth', 'network']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** GETs a JSON array; undefined (with the gap recorded) when the endpoint could not give one. */
async function getList(
  ctx: CollectContext,
  url: string,
  what: string,
  query: Record<string, readonly string[] | string>,
): Promise<unknown[] | undefined> {
  let body: unknown;
  try {
    body = await ctx.http.getJson(url, { query });
  } catch (err) {
    if (!(err instanceof HttpError) || FATAL.has(err.kind)) throw err;
    ctx.gap(`${what}: ${err.message}`, { endpoint: what });
    return undefined;
  }
  if (!Array.isArray(body)) {
    ctx.gap(
      `${what}: expected a JSON array, received ${isObject(body) ? 'an object' : typeof body}`,
      {
        endpoint: what,
      },
    );
    return undefined;
  }
  return body;
}

async function collectAlerts(
  ctx: CollectContext,
  base: string,
  o: AlertmanagerOptions,
): Promise<number> {
  const list = await getList(ctx, `${base}/api/v2/alerts`, 'alerts', {
    filter: o.filter,
    // Silenced and inhibited alerts still happened; the ingest format marks them suppressed.
    active: 'true',
    silenced: 'true',
    inhibited: 'true',
    unprocessed: 'true',
  });
  if (!list) return 0;
  const kept: [number, unknown][] = [];
  let unreadable = 0;
  for (const a of list) {
    const start = isObject(a) && isObject(a.labels) ? apiTime(a.startsAt) : undefined;
    if (start === undefined || !isObject(a)) {
      unreadable++;
      continue;
    }
    const state = isObject(a.status) ? a.status.state : undefined;
    // The API lists only alerts not yet resolved; their endsAt is when they would time out.
    if (overlaps(start, apiTime(a.endsAt), state !== 'resolved', ctx.window)) kept.push([start, a]);
  }
  if (unreadable > 0) {
    ctx.gap(`alerts: ${unreadable} of ${list.length} items have no labels or startsAt; skipped`, {
      endpoint: 'alerts',
    });
  }
  const out = ctx.open('alerts.jsonl', 'alertmanager');
  for (const [, a] of kept.sort((x, y) => x[0] - y[0])) await out.json(a);
  ctx.progress(kept.length);
  return kept.length;
}

async function collectSilences(ctx: CollectContext, base: string, items: number): Promise<void> {
  const list = await getList(ctx, `${base}/api/v2/silences`, 'silences', {});
  if (!list) return;
  const lines: [number, unknown][] = [];
  for (const s of list) {
    if (!isObject(s)) continue;
    const start = apiTime(s.startsAt);
    if (!overlaps(start, apiTime(s.endsAt), false, ctx.window)) continue;
    lines.push(...(silenceLines(s as ApiSilence, ctx.window.until) ?? []));
  }
  const out = ctx.open('silences.jsonl', 'json');
  for (const [, line] of lines.sort((x, y) => x[0] - y[0])) await out.json(line);
  ctx.progress(items + lines.length);
}

export const alertmanager = defineConnector({
  id: 'alertmanager',
  description: 'Alertmanager: current alerts (API v2) and silences overlapping the window',
  options: AlertmanagerOptions,
  describe: (o) =>
    `${o.url} /api/v2/alerts${o.filter.length > 0 ? ` filter ${o.filter.join(', ')}` : ''}${o.silences ? ' + /api/v2/silences' : ''}`,
  auth: (o, env) => authHeaders(o.auth, env),
  async collect(ctx, o) {
    const base = o.url.replace(/\/+$/, '');
    const items = await collectAlerts(ctx, base, o);
    if (o.silences) await collectSilences(ctx, base, items);
  },
});
