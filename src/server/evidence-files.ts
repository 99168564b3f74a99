/** The files a case's sources read, resolved without reading them: the only files drill-down opens. */
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { resolveTimelineSources } from '../ingest/timeline.js';

export async function evidenceFiles(dir: string): Promise<Set<string>> {
  const { specs } = await resolveTimelineSources([dir]);
  const files = new Set<string>();
  for (const spec of specs) {
    if (spec.kind === 'git' || spec.path === '-') continue;
    try {
      files.add(await realpath(resolve(dir, spec.path)));
    } catch {
      // A missing file is simply not offered; the timeline reports it.
    }
  }
  return files;
}
