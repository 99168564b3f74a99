/** Reading and atomically writing `evidence/manifest.json` (the format is in core/manifest.ts). */
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  EVIDENCE_DIR,
  MANIFEST_FILE,
  emptyManifest,
  parseManifest,
  type Manifest,
} from '../core/manifest.js';

/** The manifest of a case folder; an empty one when there is none; throws when it is not ours. */
export async function readManifest(caseDir: string): Promise<Manifest> {
  const file = join(caseDir, EVIDENCE_DIR, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyManifest();
    throw err;
  }
  return parseManifest(text, file);
}

/** Writes the manifest atomically (temp file, then rename): a reader sees the old one or the new one. */
export async function writeManifest(caseDir: string, manifest: Manifest): Promise<void> {
  const file = join(caseDir, EVIDENCE_DIR, MANIFEST_FILE);
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, JSON.stringify(manifest, null, 2) + '\n');
  await rename(tmp, file);
}
