/** The case routes: the list, each case's analysis, and the raw lines behind its evidence. */
import { basename } from 'node:path';
import type { Hono } from 'hono';
import { evidenceFiles } from './evidence-files.js';
import { checkEvidenceFile, MAX_CONTEXT, readLinesAround } from './lines.js';
import { apiError, caseById, caseTitle, docId, listCases, type ServerState } from './context.js';

function intParam(value: string | undefined, name: string, min: number, fallback?: number): number {
  if (value === undefined || value === '') {
    if (fallback !== undefined) return fallback;
    throw apiError(400, `${name} is required`);
  }
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw apiError(400, `${name} must be a whole number ≥ ${min}, got "${value}"`);
  return Number(value);
}

export function caseRoutes(app: Hono, state: ServerState): void {
  app.get('/api/cases', async (c) => {
    const cases = await listCases(state);
    return c.json({
      cases: await Promise.all(
        cases.map(async (s) => {
          const title = await caseTitle(s.dir);
          return {
            id: s.id,
            name: basename(s.dir),
            ...(title !== undefined ? { title } : {}),
            docs: s.docs.map((name) => ({ id: docId(s.id, name), name })),
          };
        }),
      ),
    });
  });

  app.get('/api/cases/:id/analysis', async (c) => {
    const served = await caseById(state, c.req.param('id'));
    const refresh = c.req.query('refresh') === '1';
    const { json, computedAt } = await state.cache.get(served.dir, refresh);
    return c.json({ case: served.id, computedAt, analysis: json });
  });

  app.get('/api/cases/:id/lines', async (c) => {
    const served = await caseById(state, c.req.param('id'));
    const file = c.req.query('file');
    if (file === undefined || file === '') throw apiError(400, 'file is required');
    const line = intParam(c.req.query('line'), 'line', 1);
    const context = Math.min(intParam(c.req.query('context'), 'context', 0, 5), MAX_CONTEXT);
    // From the case file, not the analysis: the timeline's drill-down must not wait for one.
    const files = await evidenceFiles(served.dir);
    const checked = await checkEvidenceFile(served.dir, file, files);
    if (!checked.ok) throw apiError(checked.status, checked.error);
    const lines = await readLinesAround(checked.path, line, context);
    return c.json({ case: served.id, file, line, context, lines });
  });
}
