/** The `aftermath serve` application: the JSON API under /api, the UI's static files, auth and errors. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AnalysisCache } from './analysis-cache.js';
import { hostHeaderAllowed, tokenMatches, tokenOf } from './auth.js';
import type { ServerState } from './context.js';
import { caseRoutes } from './routes-cases.js';
import { docRoutes } from './routes-docs.js';
import { EventIndexCache } from './event-cache.js';
import { eventRoutes } from './routes-events.js';
import { insightsRoutes } from './routes-insights.js';
import { staticFile } from './static-files.js';

export interface AppOptions {
  /** A case folder or a folder of cases. */
  root: string;
  /** Required on every API request when set (always set off loopback). */
  token?: string;
  /** The archive the Insights page reads (`serve --db`); else AFTERMATH_DB, else the default file. */
  db?: string;
  /** The clock (tests): "today" for the insights' trends and overdue items. */
  now?: () => number;
}

/** The page loads nothing from elsewhere and runs no inline script: log text cannot become code. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * @example
 * const app = createApp({ root: 'examples' });
 * const res = await app.request('/api/cases', { headers: { host: 'localhost' } });
 */
export function createApp(options: AppOptions): Hono {
  const state: ServerState = {
    root: options.root,
    cache: new AnalysisCache(),
    events: new EventIndexCache(),
  };
  const app = new Hono();

  app.use('*', async (c, next) => {
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    if (options.token === undefined && !hostHeaderAllowed(c.req.header('host')))
      return c.json({ error: 'this server answers only requests addressed to localhost' }, 403);
    await next();
  });

  app.use('/api/*', async (c, next) => {
    if (options.token === undefined) return next();
    const given = tokenOf(c.req.header('authorization'), c.req.query('token'));
    if (!tokenMatches(given, options.token)) {
      c.header('WWW-Authenticate', 'Bearer');
      return c.json(
        { error: 'a token is required: Authorization: Bearer <token> or ?token=' },
        401,
      );
    }
    return next();
  });

  caseRoutes(app, state);
  eventRoutes(app, state);
  docRoutes(app, state);
  insightsRoutes(app, {
    ...(options.db !== undefined ? { db: options.db } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
  });

  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    const file = await staticFile(c.req.path);
    if (!file) return next();
    c.header('Content-Type', file.type);
    c.header('Content-Security-Policy', CSP);
    c.header('Cache-Control', 'no-cache');
    return c.body(new Uint8Array(file.body));
  });

  app.notFound((c) => c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    // The message and stack stay in the server's log: they may name paths the client has no business seeing.
    console.error(`aftermath serve: ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`);
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}
