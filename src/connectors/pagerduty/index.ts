/** `pagerduty`: incident log entries (trigger, acknowledge, escalate, resolve…) over REST API v2. */
import { z } from 'zod';
import { ConfigError } from '../../errors.js';
import { defineConnector, type CollectContext } from '../connector.js';
import { HttpError } from '../http.js';
import { SortedSink } from '../traces/sorted-sink.js';
import { logEntryRecord, serviceOf, type LogEntry } from './log-entry.js';

const Options = z.strictObject({
  url: z.string().url().default('https://api.pagerduty.com'),
  /** The variable holding a REST API key (read-only is enough). */
  token_env: z.string().min(1),
  /** Only these incidents (their log entries, each in the window). */
  incidents: z.array(z.string().min(1)).min(1).optional(),
  service_ids: z.array(z.string().min(1)).min(1).optional(),
  team_ids: z.array(z.string().min(1)).min(1).optional(),
});
type Options = z.infer<typeof Options>;

/** PagerDuty's classic pagination: at most 100 per page, and offset + limit may not pass 10,000. */
const PAGE = 100;
const MAX_OFFSET = 10_000;

interface Page {
  log_entries?: LogEntry[];
  more?: boolean;
}

async function pages(
  ctx: CollectContext,
  url: string,
  query: Record<string, string | readonly string[]>,
  each: (entries: LogEntry[]) => void,
): Promise<void> {
  for (let offset = 0; ;) {
    ctx.signal.throwIfAborted();
    const body = await ctx.http.getJson<Page>(url, {
      query: { ...query, offset: String(offset), limit: String(PAGE) },
    });
    if (!Array.isArray(body.log_entries)) {
      throw new HttpError('bad-body', `${url}: expected { log_entries: [...], more }`);
    }
    each(body.log_entries);
    if (body.more !== true || body.log_entries.length === 0) return;
    offset += body.log_entries.length;
    if (offset + PAGE > MAX_OFFSET) {
      ctx.gap(
        `${url}: PagerDuty lists at most ${MAX_OFFSET} log entries per query; the rest of the window is missing (narrow the window or name the incidents)`,
        { limit: MAX_OFFSET },
      );
      return;
    }
  }
}

export const pagerduty = defineConnector<Options>({
  id: 'pagerduty',
  description: 'PagerDuty incident log entries (REST API v2): pages, acknowledgements, escalations',
  options: Options,
  describe: (o) =>
    [
      o.incidents ? `GET /incidents/{${o.incidents.join(',')}}/log_entries` : 'GET /log_entries',
      o.service_ids ? `service_ids=${o.service_ids.join(',')}` : '',
      o.team_ids ? `team_ids=${o.team_ids.join(',')}` : '',
      `(${o.url})`,
    ]
      .filter(Boolean)
      .join(' '),
  auth(o, env) {
    const key = env[o.token_env];
    if (!key) throw new ConfigError(`token_env: environment variable ${o.token_env} is not set`);
    return {
      authorization: `Token token=${key}`,
      accept: 'application/vnd.pagerduty+json;version=2',
    };
  },
  async collect(ctx, o) {
    const base = o.url.replace(/\/+$/, '');
    const sink = new SortedSink(ctx, 'log-entries.jsonl');
    const { since, until } = ctx.window;
    const window = {
      since: new Date(since).toISOString(),
      until: new Date(until).toISOString(),
      is_overview: 'false',
      'include[]': ['incidents', 'services'],
      time_zone: 'UTC',
    };
    const keep = (entries: LogEntry[]): void => {
      for (const e of entries) {
        if (o.service_ids && !o.service_ids.includes(serviceOf(e) ?? '')) continue;
        const rec = logEntryRecord(e);
        if (!rec) continue;
        const t = Date.parse(rec.time as string);
        if (t < since || t >= until) continue;
        sink.add(t, rec, e.id);
      }
    };
    try {
      if (o.incidents) {
        for (const id of o.incidents) {
          try {
            await pages(
              ctx,
              `${base}/incidents/${encodeURIComponent(id)}/log_entries`,
              window,
              keep,
            );
          } catch (err) {
            if (err instanceof HttpError && err.kind === 'not-found') {
              ctx.gap(`incident ${id}: not found in PagerDuty (404)`, { incident: id });
              continue;
            }
            throw err;
          }
        }
      } else {
        const teams = o.team_ids ? { 'team_ids[]': o.team_ids } : {};
        await pages(ctx, `${base}/log_entries`, { ...window, ...teams }, keep);
      }
    } finally {
      await sink.write();
    }
  },
});
