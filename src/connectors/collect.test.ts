import { z } from 'zod';
import { connectorConformance } from '../../test/support/connector-conformance.js';
import { defineConnector } from './connector.js';
import { authHeaders, AuthSchema } from './auth.js';

// A minimal paged JSON API, so the suite's own checks run against the orchestrator even before a
// real connector uses it: GET /events?since&until&page → { events: [...], next: page | null }.
const since = Date.parse('2026-11-22T19:30:00Z');
const until = Date.parse('2026-11-22T20:00:00Z');

const paged = defineConnector({
  id: 'loki',
  description: 'test connector over a paged JSON API',
  options: z.strictObject({ url: z.string().url(), auth: AuthSchema }),
  describe: (o) => `GET ${o.url}/events`,
  auth: (o, env) => authHeaders(o.auth, env),
  async collect(ctx, o) {
    const out = ctx.open('events.jsonl', 'json');
    let page: number | null = 0;
    let items = 0;
    while (page !== null) {
      const body: { events: { ts: string; msg: string }[]; next: number | null } =
        await ctx.http.getJson(`${o.url}/events`, {
          query: { since: ctx.window.since, until: ctx.window.until, page },
        });
      for (const e of body.events) await out.json({ time: e.ts, level: 'info', msg: e.msg });
      items += body.events.length;
      ctx.progress(items);
      page = body.next;
    }
  },
});

connectorConformance({
  connector: paged as never,
  source: (url) => ({ url, auth: { bearer_env: 'TEST_TOKEN' } }),
  env: { TEST_TOKEN: 'sekrit-token-123' },
  secret: 'sekrit-token-123',
  window: { since, until },
  minItems: 30,
  minEvents: 30,
  handler(req) {
    if (req.headers.authorization !== 'Bearer sekrit-token-123') return { status: 401, json: {} };
    const page = Number(req.query.get('page'));
    const events = Array.from({ length: 10 }, (_, i) => ({
      ts: new Date(since + (page * 10 + i) * 1000).toISOString(),
      msg: `event ${page * 10 + i}`,
    }));
    return { json: { events, next: page < 2 ? page + 1 : null } };
  },
});
