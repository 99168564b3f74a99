/** `GET /api/insights`: the archive's insights for the Insights page; an empty or missing archive is an empty answer with a hint. */
import { existsSync } from 'node:fs';
import type { Hono } from 'hono';
import { parseTimeSpec } from '../core/time-spec.js';
import { UTC } from '../core/zone.js';
import { computeInsights, GROUP_BYS, type GroupBy } from '../insights/index.js';
import { archiveLocation, openStore } from '../store/open-store.js';
import type { ArchivedPostmortem } from '../store/store.js';
import { apiError } from './context.js';

export interface InsightsSource {
  /** `--db` of `serve`: a SQLite path or a postgres:// URL (else AFTERMATH_DB, else the default file). */
  db?: string;
  env?: NodeJS.ProcessEnv;
  /** The clock, for tests. */
  now?: () => number;
}

const DAYS = /^(\d{1,5})d$/;

function sinceOf(raw: string | undefined, now: number): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const days = DAYS.exec(raw);
  if (days) return now - Number(days[1]) * 86_400_000;
  const ms = parseTimeSpec(raw, now, UTC);
  if (ms === undefined)
    throw apiError(400, `since: expected 90d or a date, got "${raw.slice(0, 40)}"`);
  return ms;
}

export function insightsRoutes(app: Hono, source: InsightsSource): void {
  app.get('/api/insights', async (c) => {
    const now = source.now?.() ?? Date.now();
    const byRaw = c.req.query('by') ?? 'service';
    if (!(GROUP_BYS as readonly string[]).includes(byRaw))
      throw apiError(
        400,
        `by: expected one of ${GROUP_BYS.join(', ')}, got "${byRaw.slice(0, 40)}"`,
      );
    const by = byRaw as GroupBy;
    const since = sinceOf(c.req.query('since'), now);
    const env = source.env ?? process.env;
    const where = archiveLocation(source.db, env);
    const isFile = !/^postgres(?:ql)?:\/\//i.test(where) && where !== ':memory:';
    const all: ArchivedPostmortem[] = [];
    // A missing file stays missing: looking at insights must not create an archive.
    if (!isFile || existsSync(where)) {
      const store = await openStore({ ...(source.db !== undefined ? { db: source.db } : {}), env });
      try {
        for await (const pm of store.export()) all.push(pm);
      } finally {
        await store.close();
      }
    }
    const insights = computeInsights(all, { by, now, ...(since !== undefined ? { since } : {}) });
    return c.json({
      ...insights,
      ...(all.length === 0
        ? {
            hint: 'The archive is empty: add postmortems with "aftermath archive add <paths>", then reload.',
          }
        : {}),
    });
  });
}
