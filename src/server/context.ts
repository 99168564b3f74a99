/** What every route shares: the served folder, its cases, the analysis cache, and JSON errors. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HTTPException } from 'hono/http-exception';
import { parseCaseConfig } from '../ingest/case-config.js';
import { AnalysisCache } from './analysis-cache.js';
import { findCases, type ServedCase } from './cases.js';
import type { EventIndexCache } from './event-cache.js';

export interface ServerState {
  /** A case folder or a folder of cases. */
  root: string;
  cache: AnalysisCache;
  /** Each case's event index for the timeline view. */
  events: EventIndexCache;
}

/** An HTTP error whose body is `{ "error": message }` plus any extra fields. */
export function apiError(
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 428 | 500,
  message: string,
  extra: Record<string, unknown> = {},
): HTTPException {
  return new HTTPException(status, {
    res: new Response(JSON.stringify({ error: message, ...extra }), {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    }),
  });
}

/** The served cases, scanned on each call so new cases and postmortems appear without a restart. */
export function listCases(state: ServerState): Promise<ServedCase[]> {
  return findCases(state.root);
}

export async function caseById(state: ServerState, id: string): Promise<ServedCase> {
  const found = (await listCases(state)).find((c) => c.id === id);
  if (!found) throw apiError(404, `no case "${id}"`);
  return found;
}

export async function caseTitle(dir: string): Promise<string | undefined> {
  try {
    const file = join(dir, 'aftermath.yaml');
    return parseCaseConfig(await readFile(file, 'utf8'), file).title;
  } catch {
    return undefined;
  }
}

/** A document id is `<case id>:<file name>`. */
export function docId(caseId: string, name: string): string {
  return `${caseId}:${name}`;
}

export async function docById(
  state: ServerState,
  id: string,
): Promise<{ served: ServedCase; name: string; path: string }> {
  const colon = id.lastIndexOf(':');
  const served = await caseById(state, colon > 0 ? id.slice(0, colon) : '');
  const name = id.slice(colon + 1);
  // Only a listed file: the name is never joined into a path the listing did not produce.
  if (!served.docs.includes(name)) throw apiError(404, `no postmortem "${id}"`);
  return { served, name, path: join(served.dir, name) };
}
