/** The postmortem routes: read with its version and findings, save only over the version read, lint, draft. */
import { access, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { draftPostmortem } from '../document/draft/draft.js';
import { actionRows } from './action-items.js';
import { apiError, caseById, caseTitle, docById, docId, type ServerState } from './context.js';
import { findingsOf, readDocument, saveDocument } from './documents.js';

/** A postmortem is prose: a megabyte is far past any real one, and bounds the linter's work. */
export const MAX_DOCUMENT_BYTES = 1 << 20;

const SaveBody = z.object({ text: z.string() });
const LintBody = z.object({ text: z.string(), source: z.string().optional() });

async function jsonBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  if (!(c.req.header('content-type') ?? '').includes('application/json'))
    throw apiError(415, 'send the body as application/json');
  const raw = await c.req.text();
  if (Buffer.byteLength(raw) > MAX_DOCUMENT_BYTES)
    throw apiError(413, `the body is over ${MAX_DOCUMENT_BYTES} bytes`);
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw apiError(400, 'the body is not valid JSON');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw apiError(400, 'expected a JSON object with a string "text"');
  return parsed.data;
}

/** The version in `If-Match`, with or without the quotes an ETag carries. */
function ifMatch(c: Context): string | undefined {
  const v = c.req.header('if-match');
  return v === undefined ? undefined : v.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
}

export function docRoutes(app: Hono, state: ServerState): void {
  app.get('/api/docs/:id', async (c) => {
    const doc = await docById(state, c.req.param('id'));
    const { text, version } = await readDocument(doc.path);
    c.header('ETag', `"${version}"`);
    c.header('Cache-Control', 'no-store');
    return c.json({
      id: docId(doc.served.id, doc.name),
      case: doc.served.id,
      name: doc.name,
      text,
      version,
      findings: findingsOf(text, doc.name),
    });
  });

  app.put('/api/docs/:id', async (c) => {
    const doc = await docById(state, c.req.param('id'));
    const expected = ifMatch(c);
    if (expected === undefined)
      throw apiError(428, 'If-Match is required: send the version you edited');
    const { text } = await jsonBody(c, SaveBody);
    const saved = await saveDocument(doc.path, text, expected);
    if (!saved.ok)
      throw apiError(409, 'the file changed on disk since you loaded it; nothing was saved', {
        current: saved.current,
      });
    c.header('ETag', `"${saved.version}"`);
    return c.json({ version: saved.version, findings: findingsOf(text, doc.name) });
  });

  app.get('/api/docs/:id/action-items', async (c) => {
    const doc = await docById(state, c.req.param('id'));
    const { text, version } = await readDocument(doc.path);
    return c.json({ id: c.req.param('id'), version, items: actionRows(text, doc.name) });
  });

  app.post('/api/lint', async (c) => {
    const { text, source } = await jsonBody(c, LintBody);
    return c.json({ findings: findingsOf(text, source ?? '<draft>') });
  });

  app.post('/api/cases/:id/draft', async (c) => {
    const served = await caseById(state, c.req.param('id'));
    const name = 'postmortem.md';
    const path = join(served.dir, name);
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    if (exists) throw apiError(409, `${name} exists already`, { id: docId(served.id, name) });
    const { analysis } = await state.cache.get(served.dir);
    const link = (file: string): string =>
      relative(served.dir, resolve(file)).split('\\').join('/');
    const title = (await caseTitle(served.dir)) ?? served.id;
    // `wx`: a file created meanwhile is never overwritten.
    await writeFile(path, draftPostmortem(analysis, { title, link }), { flag: 'wx' }).catch(() => {
      throw apiError(409, `${name} exists already`, { id: docId(served.id, name) });
    });
    return c.json({ id: docId(served.id, name), name }, 201);
  });
}
